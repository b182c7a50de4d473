//! Patients' own calls are fee-free within a daily quota, counted even when they fail; past the
//! quota they are charged, or refused if the account cannot pay. Real signed extrinsics go
//! through the runtime's full transaction-extension pipeline (`Executive::apply_extrinsic`).

mod common;

use carechain_runtime::{Balances, PatientIdentity, Runtime, RuntimeCall, RuntimeOrigin};
use common::{
	apply_signed as apply, lab_results_grant, new_test_ext, onboard_by_the_hospital,
	set_emergency_access, start_with_feeless_quota,
};
use frame_support::assert_ok;
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{self, *};
use sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError};

fn free(who: Sr25519Keyring) -> u128 {
	Balances::free_balance(who.to_account_id())
}

/// A grant of the patient's lab results to Bob, to read for treatment, for one day.
fn lab_results_to_bob_for_a_day() -> RuntimeCall {
	lab_results_grant(Bob, pallet_timestamp::Now::<Runtime>::get() + 86_400_000)
}

#[test]
fn an_onboarded_patient_without_tokens_signs_for_free_until_the_quota_is_spent() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		start_with_feeless_quota(2);
		let patient = Sr25519Keyring::One;
		onboard_by_the_hospital(patient, [9; 32]);
		assert_eq!(free(patient), 0);

		assert_eq!(apply(patient, set_emergency_access(false)), Ok(Ok(())));
		assert!(
			!pallet_patient_identity::Patients::<Runtime>::get(patient.to_account_id())
				.unwrap()
				.emergency_access
		);
		// A call that would fail is refused before the pool, and not counted.
		assert_eq!(
			apply(patient, set_emergency_access(false)),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Custom(
				pallet_patient_identity::FEELESS_CALL_WOULD_FAIL
			)))
		);
		assert_eq!(PatientIdentity::feeless_calls_today(&patient.to_account_id()), 1);
		assert_eq!(apply(patient, set_emergency_access(true)), Ok(Ok(())));
		assert_eq!(free(patient), 0, "nothing was charged");
		assert_eq!(PatientIdentity::feeless_calls_today(&patient.to_account_id()), 2);

		// Past the quota the call must pay, and this account cannot.
		assert_eq!(
			apply(patient, set_emergency_access(false)),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Payment))
		);
		assert_eq!(PatientIdentity::feeless_calls_today(&patient.to_account_id()), 2);
	});
}

#[test]
fn a_patient_who_registered_with_their_own_funds_pays_fees() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		start_with_feeless_quota(5);
		assert_ok!(PatientIdentity::register(
			RuntimeOrigin::signed(Charlie.to_account_id()),
			[3; 32]
		));
		let before = free(Charlie);
		assert_eq!(apply(Charlie, set_emergency_access(false)), Ok(Ok(())));
		assert!(free(Charlie) < before, "the fee is charged: no organisation vouches for it");
		assert_eq!(PatientIdentity::feeless_calls_today(&Charlie.to_account_id()), 0);
	});
}

#[test]
fn non_patients_and_other_calls_pay_as_usual() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		start_with_feeless_quota(5);
		let before = free(Charlie);
		// Not a patient: the call fails and the fee is paid.
		assert_eq!(
			apply(Charlie, set_emergency_access(false)),
			Ok(Err(pallet_patient_identity::Error::<Runtime>::NotRegistered.into()))
		);
		assert!(free(Charlie) < before);

		// A patient's transfer is not a patient call: charged.
		assert_ok!(PatientIdentity::register(
			RuntimeOrigin::signed(Charlie.to_account_id()),
			[3; 32]
		));
		let before = free(Charlie);
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: Bob.to_account_id().into(),
			value: 1,
		});
		assert_eq!(apply(Charlie, transfer), Ok(Ok(())));
		assert!(free(Charlie) < before - 1);
		assert_eq!(PatientIdentity::feeless_calls_today(&Charlie.to_account_id()), 0);
	});
}

#[test]
fn an_onboarded_patient_without_tokens_grants_and_revokes_consent_for_free() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		start_with_feeless_quota(5);
		let patient = Sr25519Keyring::Two;
		onboard_by_the_hospital(patient, [8; 32]);
		let grant = lab_results_to_bob_for_a_day();
		let consent_id = pallet_consent::NextConsentId::<Runtime>::get();
		assert_eq!(apply(patient, grant), Ok(Ok(())));
		let revoke = RuntimeCall::Consent(pallet_consent::Call::revoke { consent_id });
		assert_eq!(apply(patient, revoke), Ok(Ok(())));
		assert_eq!(free(patient), 0, "nothing was charged");
		assert_eq!(PatientIdentity::feeless_calls_today(&patient.to_account_id()), 2);
		assert_eq!(
			pallet_consent::Pallet::<Runtime>::consent(consent_id).map(|c| c.status),
			Some(carechain_primitives::ConsentStatus::Revoked)
		);
	});
}

#[test]
fn a_guardian_key_that_never_held_a_token_acts_for_an_onboarded_ward_for_free() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		start_with_feeless_quota(3);
		let ward = Sr25519Keyring::Two;
		let guardian = Sr25519Keyring::One;
		onboard_by_the_hospital(ward, [8; 32]);
		let appoint = RuntimeCall::PatientIdentity(pallet_patient_identity::Call::add_guardian {
			guardian: guardian.to_account_id(),
			until: None,
		});
		assert_eq!(apply(ward, appoint), Ok(Ok(())));
		assert_eq!(free(guardian), 0);

		let as_guardian = |call: RuntimeCall| {
			RuntimeCall::PatientIdentity(pallet_patient_identity::Call::as_guardian {
				patient: ward.to_account_id(),
				call: Box::new(call),
			})
		};
		let grant = lab_results_to_bob_for_a_day();
		let consent_id = pallet_consent::NextConsentId::<Runtime>::get();
		assert_eq!(apply(guardian, as_guardian(grant)), Ok(Ok(())));
		assert_eq!(
			pallet_consent::Pallet::<Runtime>::consent(consent_id).map(|c| c.patient),
			Some(ward.to_account_id()),
			"the grant is the ward's"
		);
		assert_eq!(free(guardian), 0, "nothing was charged");
		assert_eq!(PatientIdentity::feeless_calls_today(&ward.to_account_id()), 2);
		assert_eq!(PatientIdentity::feeless_calls_today(&guardian.to_account_id()), 0);

		// A call the guardian may not make is refused before the pool, and not counted.
		let deregister = RuntimeCall::PatientIdentity(pallet_patient_identity::Call::deregister {});
		assert_eq!(
			apply(guardian, as_guardian(deregister)),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Custom(
				pallet_patient_identity::FEELESS_CALL_WOULD_FAIL
			)))
		);
		// The last call of the ward's quota; after it the guardian's call must pay, and cannot.
		let revoke = RuntimeCall::Consent(pallet_consent::Call::revoke { consent_id });
		assert_eq!(apply(guardian, as_guardian(revoke.clone())), Ok(Ok(())));
		assert_eq!(PatientIdentity::feeless_calls_today(&ward.to_account_id()), 3);
		assert_eq!(
			apply(guardian, as_guardian(revoke)),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Payment))
		);
	});
}
