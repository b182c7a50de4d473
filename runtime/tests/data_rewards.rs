//! The data-rewards pallet inside the runtime: the dev preset's demo study, enrolment (also by a
//! guardian) creating research consents in the Consent pallet, payment from escrow, a study of a
//! suspended institute settled by a Council motion, and withdrawal on deregistration.

mod common;

use carechain_primitives::{Action, DataCategory, DenyReason, PurposeOfUse, SuspensionReason};
use carechain_runtime::{
	currency::CARE, Balances, Consent, DataRewards, PatientIdentity, ProviderRegistry, Runtime,
	RuntimeCall, RuntimeOrigin,
};
use common::{new_test_ext, run_motion};
use frame_support::assert_ok;
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{self, *};

const NOW: u64 = 1_700_000_000_000;
/// The demo study of the dev preset.
const DEMO_STUDY: u64 = 0;

fn signed(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
}

fn free(who: Sr25519Keyring) -> u128 {
	Balances::free_balance(who.to_account_id())
}

fn research_read(patient: Sr25519Keyring) -> carechain_primitives::AccessDecision {
	Consent::check_access(
		&patient.to_account_id(),
		&Ferdie.to_account_id(),
		&DataCategory::LabResults.into(),
		Action::Read,
		PurposeOfUse::Research,
	)
}

#[test]
fn patients_enrol_in_the_demo_study_and_are_paid_from_escrow() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		pallet_timestamp::Now::<Runtime>::put(NOW);
		let study = DataRewards::study(DEMO_STUDY).expect("the dev preset opens a demo study");
		assert_eq!(study.institute, Ferdie.to_account_id());
		assert_eq!(study.escrow, 100 * 5 * CARE);

		assert_ok!(DataRewards::enroll(signed(Dave), DEMO_STUDY));
		// Eve's guardian (Dave) enrols her.
		let enroll =
			RuntimeCall::DataRewards(pallet_data_rewards::Call::enroll { study_id: DEMO_STUDY });
		assert_ok!(PatientIdentity::as_guardian(
			signed(Dave),
			Eve.to_account_id(),
			Box::new(enroll)
		));
		assert!(research_read(Dave).is_permit());
		assert!(research_read(Eve).is_permit());

		let before = free(Dave);
		assert_ok!(DataRewards::confirm_contribution(
			signed(Ferdie),
			DEMO_STUDY,
			Dave.to_account_id(),
			[1; 32]
		));
		assert_eq!(free(Dave), before + 5 * CARE);

		assert_ok!(PatientIdentity::deregister(signed(Eve)));
		assert!(DataRewards::enrollments_of(&Eve.to_account_id()).is_empty());
		assert_eq!(DataRewards::study(DEMO_STUDY).map(|s| s.participants), Some(1));
	});
}

#[test]
fn the_council_settles_the_study_of_a_suspended_institute() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		pallet_timestamp::Now::<Runtime>::put(NOW);
		assert_ok!(DataRewards::enroll(signed(Dave), DEMO_STUDY));
		assert_ok!(ProviderRegistry::suspend(
			RuntimeOrigin::root(),
			Ferdie.to_account_id(),
			SuspensionReason::MisuseOfAccess
		));
		assert_eq!(
			research_read(Dave),
			carechain_primitives::AccessDecision::Deny(DenyReason::AccessorNotActive)
		);
		assert_eq!(
			DataRewards::confirm_contribution(
				signed(Ferdie),
				DEMO_STUDY,
				Dave.to_account_id(),
				[1; 32]
			),
			Err(pallet_data_rewards::Error::<Runtime>::NotAResearchInstitute.into())
		);
		let (dave, ferdie) = (free(Dave), free(Ferdie));
		let settle = RuntimeCall::DataRewards(pallet_data_rewards::Call::settle_study {
			study_id: DEMO_STUDY,
		});
		assert!(matches!(
			run_motion(settle, 2, &[Alice, Bob], &[]),
			pallet_collective::Event::Executed { result: Ok(()), .. }
		));
		assert_eq!(free(Dave), dave + 5 * CARE, "the enrolled patient is paid");
		assert_eq!(
			free(Ferdie),
			ferdie + 99 * 5 * CARE + 10 * CARE,
			"the rest and the deposit return"
		);
		assert!(DataRewards::study(DEMO_STUDY).is_none());
	});
}
