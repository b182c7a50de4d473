//! Abuse of the fee-free patient calls (hardening issue, item 1), played through real signed
//! extrinsics and the runtime's full transaction-extension pipeline.

mod common;

use carechain_runtime::{
	Executive, PatientIdentity, Runtime, RuntimeCall, SignedPayload, UncheckedExtrinsic,
};
use codec::Encode;
use common::{
	apply_signed as apply, lab_results_grant, new_test_ext, onboard_by_the_hospital,
	set_emergency_access, signed_tx as signed, start_with_feeless_quota,
};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{self, *};
use sp_runtime::{
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	ApplyExtrinsicResult,
};

fn invalid(reason: InvalidTransaction) -> ApplyExtrinsicResult {
	Err(TransactionValidityError::Invalid(reason))
}

fn deregister() -> RuntimeCall {
	RuntimeCall::PatientIdentity(pallet_patient_identity::Call::deregister {})
}

#[test]
fn deregistering_does_not_reset_the_fee_free_quota() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		start_with_feeless_quota(2);
		let patient = Sr25519Keyring::One;
		let onboard = || onboard_by_the_hospital(patient, [9; 32]);
		onboard();
		assert_eq!(apply(patient, set_emergency_access(false)), Ok(Ok(())));
		assert_eq!(apply(patient, deregister()), Ok(Ok(())));
		// Onboarded again the same day: the hospital's pool has spent this patient's share, so
		// the call must pay, and the account holds nothing.
		onboard();
		assert_eq!(
			apply(patient, set_emergency_access(false)),
			invalid(InvalidTransaction::Payment)
		);
		// Nothing names the former patient but the new registration.
		assert_eq!(PatientIdentity::feeless_calls_today(&patient.to_account_id()), 0);
	});
}

#[test]
fn a_fee_free_call_that_would_fail_never_enters_a_block() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		start_with_feeless_quota(20);
		let patient = Sr25519Keyring::Two;
		onboard_by_the_hospital(patient, [8; 32]);
		let would_fail =
			invalid(InvalidTransaction::Custom(pallet_patient_identity::FEELESS_CALL_WOULD_FAIL));
		let revoke = RuntimeCall::Consent(pallet_consent::Call::revoke { consent_id: 999_999 });
		assert_eq!(apply(patient, revoke), would_fail);
		let grant_to_a_stranger =
			lab_results_grant(Sr25519Keyring::FerdieStash, 1_700_000_000_000 + 86_400_000);
		assert_eq!(apply(patient, grant_to_a_stranger), would_fail);
		let enrol_nowhere =
			RuntimeCall::DataRewards(pallet_data_rewards::Call::enroll { study_id: 999 });
		assert_eq!(apply(patient, enrol_nowhere), would_fail);
		assert_eq!(apply(patient, set_emergency_access(true)), would_fail, "already allowed");
		// None of them was counted: the quota is whole, the account never paid.
		assert_eq!(PatientIdentity::feeless_calls_today(&patient.to_account_id()), 0);
		assert_eq!(apply(patient, set_emergency_access(false)), Ok(Ok(())));
	});
}

#[test]
fn fee_free_calls_take_at_most_their_share_of_a_block() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		start_with_feeless_quota(20);
		let patient = Sr25519Keyring::Two;
		onboard_by_the_hospital(patient, [8; 32]);
		let room = carechain_runtime::configs::feeless_calls::MaxFeelessWeightPerBlock::get();
		// Fee-free calls of other patients have filled this block's share but for a little.
		let almost = room.saturating_sub(frame_support::weights::Weight::from_parts(1_000, 0));
		pallet_patient_identity::FeelessBlockWeight::<Runtime>::put((2u32, almost));
		assert_eq!(
			apply(patient, set_emergency_access(false)),
			invalid(InvalidTransaction::ExhaustsResources)
		);
		// A paying transaction still finds room.
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: Bob.to_account_id().into(),
			value: 1,
		});
		assert_eq!(apply(Alice, transfer), Ok(Ok(())));
		// In the next block the share is whole again.
		frame_system::BlockHash::<Runtime>::insert(2, sp_core::H256::repeat_byte(2));
		frame_system::Pallet::<Runtime>::set_block_number(3);
		assert_eq!(apply(patient, set_emergency_access(false)), Ok(Ok(())));
		assert!(PatientIdentity::feeless_weight_this_block().all_gt(Default::default()));
	});
}

#[test]
fn an_old_transaction_cannot_be_replayed_after_the_account_is_reaped() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		start_with_feeless_quota(20);
		let patient = Sr25519Keyring::EveStash;
		let onboard = || onboard_by_the_hospital(patient, [7; 32]);
		onboard();
		let grant = signed(patient, lab_results_grant(Bob, 1_700_000_000_000 + 86_400_000));
		assert_eq!(Executive::apply_extrinsic(grant.clone()), Ok(Ok(())));
		assert_eq!(apply(patient, deregister()), Ok(Ok(())));
		assert!(!frame_system::Account::<Runtime>::contains_key(patient.to_account_id()));
		onboard();
		// The account restarts above the nonces it used, so the old grant is stale.
		assert_eq!(frame_system::Pallet::<Runtime>::account_nonce(patient.to_account_id()), 2);
		assert_eq!(Executive::apply_extrinsic(grant), invalid(InvalidTransaction::Stale));
	});
}

#[test]
fn immortal_transactions_are_refused() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		start_with_feeless_quota(20);
		let call = RuntimeCall::System(frame_system::Call::remark { remark: vec![1] });
		let mut extensions = carechain_runtime::wallet_tx_extension(0, 1);
		extensions.4 =
			carechain_runtime::mortal_era::CheckMortalEra::from(sp_runtime::generic::Era::Immortal);
		let payload = SignedPayload::new(call.clone(), extensions.clone()).expect("genesis hash");
		let signature = payload.using_encoded(|bytes| Alice.sign(bytes));
		let immortal = UncheckedExtrinsic::new_signed(
			call.clone(),
			Alice.to_account_id().into(),
			signature.into(),
			extensions,
		);
		assert_eq!(
			Executive::apply_extrinsic(immortal),
			invalid(InvalidTransaction::Custom(
				carechain_runtime::mortal_era::IMMORTAL_TRANSACTION
			))
		);
		assert_eq!(apply(Alice, call), Ok(Ok(())), "the same call, mortal, is applied");
	});
}
