//! The consent pallet inside the runtime: the demo consents of the dev preset, guardians acting
//! for a patient, the Council reviewing an emergency access (slashing the real provider deposit),
//! consent parameters set by motion, and erasure when a patient deregisters.

mod common;

use carechain_primitives::{
	AccessDecision, Action, DataCategories, DataCategory, DenyReason, PurposeOfUse,
	StandardCategory,
};
use carechain_runtime::{
	dynamic_params::consent::{self, EmergencyAccessWindow, EmergencyBond, EmergencySlash},
	Balances, Consent, PatientIdentity, ProviderRegistry, Runtime, RuntimeCall, RuntimeOrigin,
	RuntimeParameters,
};
use common::{new_test_ext, run_motion};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, Get},
};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{self, *};

const NOW: u64 = 1_700_000_000_000;
const DAY: u64 = 86_400_000;

fn signed(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
}

fn check(
	patient: Sr25519Keyring,
	accessor: Sr25519Keyring,
	category: DataCategory,
) -> AccessDecision {
	Consent::check_access(
		&patient.to_account_id(),
		&accessor.to_account_id(),
		&category.into(),
		Action::Read,
		PurposeOfUse::Treatment,
	)
}

fn at_now() {
	pallet_timestamp::Now::<Runtime>::put(NOW);
}

#[test]
fn the_dev_preset_has_demo_consents_that_permit_and_deny() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		at_now();
		assert!(check(Dave, Bob, DataCategory::LabResults).is_permit());
		assert!(check(Dave, Charlie, DataCategory::LabResults).is_permit());
		assert_eq!(
			check(Dave, Charlie, DataCategory::Imaging),
			AccessDecision::Deny(DenyReason::CategoryNotCovered)
		);
		assert!(check(Eve, Bob, DataCategory::Imaging).is_permit());
		assert_eq!(
			check(Eve, Bob, DataCategory::MentalHealth),
			AccessDecision::Deny(DenyReason::CategoryNotCovered)
		);
		assert_eq!(
			check(Eve, Ferdie, DataCategory::LabResults),
			AccessDecision::Deny(DenyReason::NoConsent)
		);
		assert_eq!(Consent::consents_by_patient(&Dave.to_account_id()).len(), 2);
		// Bob's two consents come from genesis, whose ids are in no listing (nothing genesis
		// writes to the off-chain index reaches a node's): the RPC checks those ids as well.
		let bob = Bob.to_account_id();
		let genesis = Consent::genesis_consents();
		assert_eq!(genesis, pallet_consent::NextConsentId::<Runtime>::get());
		assert_eq!(Consent::grantee_listing_length(&bob), 0);
		assert_eq!(Consent::consents_listed(&bob, (0..genesis).collect()).len(), 2);
	});
}

#[test]
fn a_guardian_grants_for_the_patient_but_cannot_deregister_them() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		at_now();
		let grant = RuntimeCall::Consent(pallet_consent::Call::grant {
			grantee: Charlie.to_account_id(),
			categories: StandardCategory::LabResults.into(),
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
		assert!(check(Eve, Charlie, DataCategory::LabResults).is_permit());

		let deregister = RuntimeCall::PatientIdentity(pallet_patient_identity::Call::deregister {});
		assert_eq!(
			PatientIdentity::as_guardian(signed(Dave), Eve.to_account_id(), Box::new(deregister)),
			Err(pallet_patient_identity::Error::<Runtime>::CallNotAllowed.into())
		);
	});
}

#[test]
fn an_unjustified_emergency_access_judged_by_the_council_pays_the_patient_from_the_deposit() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		at_now();
		let bob = Bob.to_account_id();
		let deposit_before =
			ProviderRegistry::provider_view(bob.clone()).map(|v| v.deposit).unwrap();
		assert_ok!(Consent::emergency_access(
			signed(Bob),
			Eve.to_account_id(),
			DataCategories::STANDARD.into(),
			[1; 32]
		));
		let consent_id = pallet_consent::NextConsentId::<Runtime>::get() - 1;
		let eve_before = Balances::free_balance(Eve.to_account_id());
		let bond = EmergencyBond::get();
		let bond_hold = pallet_consent::HoldReason::EmergencyBond.into();
		assert_eq!(Balances::balance_on_hold(&bond_hold, &bob), bond);
		// The hospital cannot leave the registry (and take its deposit) before the review.
		assert_noop!(
			ProviderRegistry::retire(signed(Bob)),
			pallet_provider_registry::Error::<Runtime>::EmergencyReviewsOpen
		);

		let review = RuntimeCall::Consent(pallet_consent::Call::review_emergency_access {
			consent_id,
			justified: false,
		});
		assert!(matches!(
			run_motion(review, 2, &[Alice, Bob], &[]),
			pallet_collective::Event::Executed { result: Ok(()), .. }
		));
		let slash = EmergencySlash::get();
		assert_eq!(Balances::free_balance(Eve.to_account_id()), eve_before + slash + bond);
		assert_eq!(Balances::balance_on_hold(&bond_hold, &bob), 0);
		let deposit_after =
			ProviderRegistry::provider_view(bob.clone()).map(|v| v.deposit).unwrap();
		assert_eq!(deposit_after, deposit_before - slash);
		assert_eq!(
			Balances::balance_on_hold(
				&pallet_provider_registry::HoldReason::ProviderDeposit.into(),
				&bob
			),
			deposit_after
		);
		assert_eq!(
			Consent::consent(consent_id).map(|c| c.status),
			Some(carechain_primitives::ConsentStatus::Revoked)
		);
		// Reviewed: now it may retire.
		assert_ok!(ProviderRegistry::retire(signed(Bob)));
	});
}

#[test]
fn the_council_sets_the_emergency_window() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		at_now();
		let set = RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
			key_value: RuntimeParameters::Consent(consent::Parameters::EmergencyAccessWindow(
				EmergencyAccessWindow,
				Some(DAY / 4),
			)),
		});
		assert!(matches!(
			run_motion(set, 2, &[Alice, Charlie], &[]),
			pallet_collective::Event::Executed { result: Ok(()), .. }
		));
		assert_ok!(Consent::emergency_access(
			signed(Bob),
			Dave.to_account_id(),
			DataCategories::STANDARD.into(),
			[1; 32]
		));
		let consent_id = pallet_consent::NextConsentId::<Runtime>::get() - 1;
		assert_eq!(Consent::consent(consent_id).map(|c| c.expires_at), Some(NOW + DAY / 4));
	});
}

#[test]
fn deregistering_erases_the_patients_consents_and_anchors() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		at_now();
		let dave = Dave.to_account_id();
		assert_ok!(Consent::record_access(
			signed(Bob),
			dave.clone(),
			StandardCategory::LabResults,
			PurposeOfUse::Treatment,
			Action::Write,
			Some([5; 32]),
		));
		let held = |who: Sr25519Keyring| {
			Balances::balance_on_hold(
				&pallet_consent::HoldReason::AnchorDeposit.into(),
				&who.to_account_id(),
			)
		};
		use sp_runtime::traits::Convert;
		let deposit = carechain_runtime::configs::deposits::RecordAnchorPrice::convert(
			Consent::anchor_footprint(),
		);
		assert_eq!(held(Bob), deposit);
		assert_eq!(Consent::record_anchor(&dave, &[5; 32]).map(|a| a.deposit), Some(deposit));
		assert_ok!(PatientIdentity::deregister(signed(Dave)));
		assert!(Consent::consents_by_patient(&dave).is_empty());
		assert!(Consent::record_anchor(&dave, &[5; 32]).is_none());
		assert_eq!(held(Bob), 0);
		assert_eq!(
			check(Dave, Bob, DataCategory::LabResults),
			AccessDecision::Deny(DenyReason::NotRegistered)
		);
	});
}

/// The generated clean-up weights leave the consent clean-up room in every block: its fixed
/// part, one expired consent, one lapsed request and one empty bucket take under 1 % of a
/// block. (A bad fit once made `on_idle`'s fixed part 3.3 s, more than a whole block, so the
/// clean-up would never have started.)
#[test]
fn the_consent_clean_up_fits_in_a_block() {
	use frame_support::weights::Weight;
	use pallet_consent::WeightInfo;
	type Weights = <Runtime as pallet_consent::Config>::WeightInfo;
	let block = carechain_runtime::configs::RuntimeBlockWeights::get().max_block;
	let share: Weight = block / 100;
	for (name, weight) in [
		("on_idle(1)", Weights::on_idle(1)),
		("on_idle_lapsed_requests(1)", Weights::on_idle_lapsed_requests(1)),
		("on_idle_empty_buckets(1)", Weights::on_idle_empty_buckets(1)),
	] {
		assert!(weight.all_lte(share), "{name} = {weight:?} is over 1 % of a block ({block:?})");
	}
}
