//! A clinic's staff never hold tokens: the fees of their role calls are charged to the
//! organisation, within a daily allowance per staff member (hardening issue, item 9). Real
//! signed extrinsics through the runtime's full extension pipeline.

mod common;

use carechain_primitives::{Action, PurposeOfUse, StandardCategory};
use carechain_runtime::{
	dynamic_params::providers, Balances, Parameters, ProviderRegistry, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeOrigin, RuntimeParameters, System,
};
use common::{apply_signed as apply, new_test_ext};
use frame_support::assert_ok;
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{self, *};
use sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError};

/// A nurse who never held a token.
const NURSE: Sr25519Keyring = Sr25519Keyring::One;

/// Block 2, with the hospital (Bob) employing the nurse.
fn start() {
	common::start_block_two();
	assert_ok!(ProviderRegistry::add_staff(
		RuntimeOrigin::signed(Bob.to_account_id()),
		NURSE.to_account_id()
	));
}

/// The nurse logs a read of Dave's lab results (the hospital holds Dave's consent).
fn log_access() -> RuntimeCall {
	RuntimeCall::Consent(pallet_consent::Call::record_access {
		patient: Dave.to_account_id(),
		category: StandardCategory::LabResults,
		purpose: PurposeOfUse::Treatment,
		action: Action::Read,
		record_hash: None,
	})
}

fn free(who: Sr25519Keyring) -> u128 {
	Balances::free_balance(who.to_account_id())
}

#[test]
fn a_nurse_without_tokens_logs_an_access_and_the_hospital_pays() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		start();
		let hospital_before = free(Bob);
		assert_eq!(apply(NURSE, log_access()), Ok(Ok(())));
		assert_eq!(free(NURSE), 0, "the nurse paid nothing");
		let paid = hospital_before - free(Bob);
		assert!(paid > 0, "the hospital paid the fee");
		// The hospital sees what its nurse spent, in storage and in events.
		assert_eq!(
			pallet_provider_registry::Pallet::<Runtime>::staff_fees_today(
				&Bob.to_account_id(),
				&NURSE.to_account_id()
			),
			match System::events().iter().rev().find_map(|record| match &record.event {
				RuntimeEvent::ProviderRegistry(
					pallet_provider_registry::Event::StaffFeeCharged { fee, .. },
				) => Some(*fee),
				_ => None,
			}) {
				Some(fee) => fee,
				None => panic!("StaffFeeCharged was emitted"),
			}
		);
		assert!(System::events().iter().any(|record| matches!(
			&record.event,
			RuntimeEvent::TransactionPayment(pallet_transaction_payment::Event::TransactionFeePaid {
				who, actual_fee, ..
			}) if *who == Bob.to_account_id() && *actual_fee == paid
		)));
	});
}

#[test]
fn past_the_daily_allowance_the_staff_member_pays_as_anyone_does() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		start();
		assert_ok!(Parameters::set_parameter(
			RuntimeOrigin::root(),
			RuntimeParameters::Providers(providers::Parameters::StaffFeeAllowance(
				providers::StaffFeeAllowance,
				Some(0),
			)),
		));
		assert_eq!(
			apply(NURSE, log_access()),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Payment))
		);
	});
}

#[test]
fn a_staff_members_own_calls_are_not_the_organisations_to_pay() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		start();
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: Alice.to_account_id().into(),
			value: 1,
		});
		assert_eq!(
			apply(NURSE, transfer),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Payment))
		);
		// Nor are a suspended organisation's.
		assert_ok!(ProviderRegistry::suspend(
			RuntimeOrigin::root(),
			Bob.to_account_id(),
			carechain_primitives::SuspensionReason::Other
		));
		assert_eq!(
			apply(NURSE, log_access()),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Payment))
		);
	});
}

/// Every role call of a staff member is the organisation's to pay, sealed ones included; a
/// patient's call is not a role call.
#[test]
fn sealed_role_calls_are_the_organisations_to_pay() {
	use carechain_primitives::sealed::{SealedScope, SEALED_SALT_BOXES, SEALED_SALT_LEN};
	use carechain_runtime::staff_fees::StaffCalls;
	use frame_support::traits::Contains;
	use pallet_consent::Call as ConsentCall;
	let scope = SealedScope {
		tags: [[1; 16], [2; 16], [3; 16], [4; 16], [5; 16]],
		salts: [[9; SEALED_SALT_LEN]; SEALED_SALT_BOXES],
	};
	let patient = Dave.to_account_id();
	let role_calls = [
		ConsentCall::record_sealed_access {
			patient: patient.clone(),
			tag: [1; 16],
			purpose: PurposeOfUse::Treatment,
			action: Action::Read,
			record_hash: None,
		},
		ConsentCall::emergency_access_sealed {
			patient: patient.clone(),
			categories: Default::default(),
			sealed: scope.clone(),
			justification_hash: [0; 32],
		},
		ConsentCall::request_access_sealed {
			patient: patient.clone(),
			categories: Default::default(),
			sealed: scope.clone(),
			actions: Action::Read.into(),
			purposes: PurposeOfUse::Treatment.into(),
			duration_ms: 1,
			justification_hash: [0; 32],
		},
	];
	for call in role_calls {
		assert!(StaffCalls::contains(&RuntimeCall::Consent(call.clone())), "{call:?}");
	}
	let grant = ConsentCall::grant_sealed {
		grantee: Bob.to_account_id(),
		categories: Default::default(),
		sealed: scope,
		actions: Action::Read.into(),
		purposes: PurposeOfUse::Treatment.into(),
		expires_at: 1,
	};
	assert!(!StaffCalls::contains(&RuntimeCall::Consent(grant)));
}
