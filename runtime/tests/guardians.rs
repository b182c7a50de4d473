//! What a guardian may do for a patient in the runtime: the guardian's origin carries the
//! guardian filter, so a batch cannot smuggle a patient-only call through; rewards cannot be
//! redirected; emergency access can be restored but not refused on the patient's behalf.

mod common;

use carechain_primitives::{Action, PurposeOfUse, StandardCategory};
use carechain_runtime::{
	Consent, PatientIdentity, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, System,
};
use common::{lab_results_grant, new_test_ext};
use frame_support::{assert_noop, assert_ok};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{self, *};
use sp_runtime::DispatchError;

const NOW: u64 = 1_700_000_000_000;
const DAY: u64 = 86_400_000;

fn signed(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
}

fn grant_to_charlie() -> RuntimeCall {
	lab_results_grant(Charlie, NOW + DAY)
}

/// Dave (Eve's guardian in the dev preset) dispatches `call` for Eve.
fn as_daves_ward(call: RuntimeCall) -> Result<(), DispatchError> {
	PatientIdentity::as_guardian(signed(Dave), Eve.to_account_id(), Box::new(call))
}

/// The outcome of the inner call, from the last `GuardianActed` event.
fn last_guardian_result() -> Result<(), DispatchError> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::PatientIdentity(pallet_patient_identity::Event::GuardianActed {
				result,
				..
			}) => Some(result),
			_ => None,
		})
		.expect("the guardian acted")
}

fn eves_consents() -> usize {
	Consent::consents_by_patient(&Eve.to_account_id()).len()
}

#[test]
fn a_batch_of_allowed_calls_goes_through_but_a_patient_only_call_inside_one_is_filtered() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		pallet_timestamp::Now::<Runtime>::put(NOW);
		let before = eves_consents();
		let batch = |calls| RuntimeCall::Utility(pallet_utility::Call::batch_all { calls });

		assert_ok!(as_daves_ward(batch(vec![grant_to_charlie()])));
		assert_eq!(last_guardian_result(), Ok(()));
		assert_eq!(eves_consents(), before + 1);

		// Deregistering stays with the patient, also when wrapped in a batch: the whole batch
		// fails on the filter, so the grant before it is undone as well.
		let deregister = RuntimeCall::PatientIdentity(pallet_patient_identity::Call::deregister {});
		assert_ok!(as_daves_ward(batch(vec![grant_to_charlie(), deregister])));
		assert_eq!(
			last_guardian_result(),
			Err(frame_system::Error::<Runtime>::CallFiltered.into())
		);
		assert_eq!(eves_consents(), before + 1);
		assert!(pallet_patient_identity::Patients::<Runtime>::contains_key(Eve.to_account_id()));
	});
}

#[test]
fn a_guardian_cannot_redirect_rewards_or_refuse_emergency_care_but_can_restore_it() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		pallet_timestamp::Now::<Runtime>::put(NOW);
		let not_allowed = || pallet_patient_identity::Error::<Runtime>::CallNotAllowed;
		let payout = RuntimeCall::DataRewards(pallet_data_rewards::Call::set_payout_account {
			payout: Some(Dave.to_account_id()),
		});
		assert_noop!(as_daves_ward(payout), not_allowed());

		let emergency = |allowed| {
			RuntimeCall::PatientIdentity(pallet_patient_identity::Call::set_emergency_access {
				allowed,
			})
		};
		assert_noop!(as_daves_ward(emergency(false)), not_allowed());

		// Eve herself opts out; her guardian may opt her back in.
		assert_ok!(PatientIdentity::set_emergency_access(signed(Eve), false));
		assert_ok!(as_daves_ward(emergency(true)));
		assert_eq!(last_guardian_result(), Ok(()));
		assert!(pallet_patient_identity::Patients::<Runtime>::get(Eve.to_account_id())
			.is_some_and(|record| record.emergency_access));
	});
}

#[test]
fn a_guardian_with_an_end_makes_consents_that_end_within_it_and_marked_as_a_guardians() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		pallet_timestamp::Now::<Runtime>::put(NOW);
		// Eve appoints Alice as a second guardian, for twelve hours only.
		assert_ok!(PatientIdentity::add_guardian(
			signed(Eve),
			Alice.to_account_id(),
			Some(NOW + DAY / 2)
		));
		let before = eves_consents();
		let for_eve =
			|call| PatientIdentity::as_guardian(signed(Alice), Eve.to_account_id(), Box::new(call));

		// A day-long grant outlasts the guardianship.
		assert_ok!(for_eve(grant_to_charlie()));
		assert_eq!(
			last_guardian_result(),
			Err(pallet_consent::Error::<Runtime>::OutlastsGuardianship.into())
		);
		assert_eq!(eves_consents(), before);

		let within = RuntimeCall::Consent(pallet_consent::Call::grant {
			grantee: Charlie.to_account_id(),
			categories: StandardCategory::LabResults.into(),
			actions: Action::Read.into(),
			purposes: PurposeOfUse::Treatment.into(),
			expires_at: NOW + DAY / 2,
		});
		assert_ok!(for_eve(within));
		assert_eq!(last_guardian_result(), Ok(()));
		let made = Consent::consents_by_patient(&Eve.to_account_id());
		assert_eq!(made.iter().filter(|(_, c)| c.by_guardian).count(), 1);
		assert!(!pallet_patient_identity::ActingGuardian::<Runtime>::exists(), "gone after");

		// Eve's own grant is hers, not a guardian's.
		assert_ok!(Consent::grant(
			signed(Eve),
			Charlie.to_account_id(),
			StandardCategory::LabResults.into(),
			Action::Read.into(),
			PurposeOfUse::Treatment.into(),
			NOW + DAY
		));
		let made = Consent::consents_by_patient(&Eve.to_account_id());
		assert_eq!(made.iter().filter(|(_, c)| c.by_guardian).count(), 1);
	});
}

/// A guardian grants sensitive categories sealed, as the ward's wallet would: the guardian filter
/// lets `grant_sealed` through, and the consent is the ward's, marked as a guardian's.
#[test]
fn a_guardian_grants_a_sealed_scope_for_the_ward() {
	use carechain_primitives::{
		sealed::{seal_scope, SealedScope, SEALED_SALT_BOXES, SEALED_SALT_LEN},
		DataCategory,
	};
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		pallet_timestamp::Now::<Runtime>::put(NOW);
		let mut salt_box = [0u8; SEALED_SALT_LEN];
		salt_box[0] = 9;
		let sealed = SealedScope {
			tags: seal_scope(&[3; 32], [DataCategory::MentalHealth]),
			salts: [salt_box; SEALED_SALT_BOXES],
		};
		let grant = RuntimeCall::Consent(pallet_consent::Call::grant_sealed {
			grantee: Charlie.to_account_id(),
			categories: Default::default(),
			sealed: sealed.clone(),
			actions: Action::Read.into(),
			purposes: PurposeOfUse::Treatment.into(),
			expires_at: NOW + DAY,
		});
		// Dave is Eve's guardian in the dev preset.
		assert_ok!(PatientIdentity::as_guardian(
			signed(Dave),
			Eve.to_account_id(),
			Box::new(grant)
		));
		assert_eq!(last_guardian_result(), Ok(()));
		let made = Consent::consents_by_patient(&Eve.to_account_id());
		let (_, consent) = made.iter().find(|(_, c)| c.sealed.is_some()).expect("the sealed grant");
		assert!(consent.by_guardian);
		assert_eq!(consent.sealed.as_ref(), Some(&sealed));
		assert!(consent.categories.is_empty());
	});
}
