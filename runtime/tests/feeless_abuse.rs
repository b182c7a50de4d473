//! Abuse of the fee-free patient calls (hardening issue, item 1), played through real signed
//! extrinsics and the runtime's full transaction-extension pipeline.

mod common;

use carechain_runtime::{
	dynamic_params::patients::{self, FeelessCallsPerDay},
	Executive, Header, Parameters, PatientIdentity, Runtime, RuntimeCall, RuntimeOrigin,
	RuntimeParameters, SignedPayload, UncheckedExtrinsic,
};
use codec::Encode;
use common::new_test_ext;
use frame_support::assert_ok;
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{self, *};
use sp_runtime::{traits::Header as _, ApplyExtrinsicResult};

fn signed(signer: Sr25519Keyring, call: RuntimeCall) -> UncheckedExtrinsic {
	let nonce = frame_system::Pallet::<Runtime>::account_nonce(signer.to_account_id());
	let extensions = carechain_runtime::wallet_tx_extension(nonce);
	let payload = SignedPayload::new(call.clone(), extensions.clone()).expect("valid extensions");
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	UncheckedExtrinsic::new_signed(
		call,
		signer.to_account_id().into(),
		signature.into(),
		extensions,
	)
}

fn apply(signer: Sr25519Keyring, call: RuntimeCall) -> ApplyExtrinsicResult {
	Executive::apply_extrinsic(signed(signer, call))
}

fn start(quota: u32) {
	Executive::initialize_block(&Header::new(
		2,
		Default::default(),
		Default::default(),
		Default::default(),
		Default::default(),
	));
	pallet_timestamp::Now::<Runtime>::put(1_700_000_000_000);
	assert_ok!(Parameters::set_parameter(
		RuntimeOrigin::root(),
		RuntimeParameters::Patients(patients::Parameters::FeelessCallsPerDay(
			FeelessCallsPerDay,
			Some(quota),
		)),
	));
}

fn set_emergency_access(allowed: bool) -> RuntimeCall {
	RuntimeCall::PatientIdentity(pallet_patient_identity::Call::set_emergency_access { allowed })
}

fn deregister() -> RuntimeCall {
	RuntimeCall::PatientIdentity(pallet_patient_identity::Call::deregister {})
}

#[test]
fn attack_deregistering_resets_the_fee_free_quota() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		start(2);
		let patient = Sr25519Keyring::One;
		for _round in 0..3 {
			assert_ok!(PatientIdentity::onboard(
				RuntimeOrigin::signed(Bob.to_account_id()),
				patient.to_account_id(),
				[9; 32],
			));
			// Today's code: every round buys the whole quota again.
			assert_eq!(apply(patient, set_emergency_access(false)), Ok(Ok(())));
			assert_eq!(apply(patient, deregister()), Ok(Ok(())));
		}
	});
}

#[test]
fn attack_a_fee_free_call_that_fails_takes_block_space_for_free() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		start(20);
		let patient = Sr25519Keyring::Two;
		assert_ok!(PatientIdentity::onboard(
			RuntimeOrigin::signed(Bob.to_account_id()),
			patient.to_account_id(),
			[8; 32],
		));
		let revoke = RuntimeCall::Consent(pallet_consent::Call::revoke { consent_id: 999_999 });
		// Today's code: the call enters the block and fails there, at no cost.
		assert_eq!(
			apply(patient, revoke),
			Ok(Err(pallet_consent::Error::<Runtime>::UnknownConsent.into()))
		);
	});
}

#[test]
fn attack_an_old_transaction_replays_after_the_account_is_reaped() {
	use carechain_primitives::{Action, Actions, DataCategory, PurposeOfUse, Purposes};
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		start(20);
		let patient = Sr25519Keyring::EveStash;
		let onboard = || {
			assert_ok!(PatientIdentity::onboard(
				RuntimeOrigin::signed(Bob.to_account_id()),
				patient.to_account_id(),
				[7; 32],
			));
		};
		onboard();
		let grant = signed(
			patient,
			RuntimeCall::Consent(pallet_consent::Call::grant {
				grantee: Bob.to_account_id(),
				categories: DataCategory::LabResults.into(),
				actions: Actions::from(Action::Read),
				purposes: Purposes::from(PurposeOfUse::Treatment),
				expires_at: 1_700_000_000_000 + 86_400_000,
			}),
		);
		assert_eq!(Executive::apply_extrinsic(grant.clone()), Ok(Ok(())));
		assert_eq!(apply(patient, deregister()), Ok(Ok(())));
		assert!(!frame_system::Account::<Runtime>::contains_key(patient.to_account_id()));
		onboard();
		// Today's code: the account restarts at nonce 0 and the old grant is valid again.
		assert_eq!(Executive::apply_extrinsic(grant), Ok(Ok(())));
	});
}
