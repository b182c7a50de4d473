//! What a paid transaction costs (issue 22, "fees that mean something"): the fee formula over
//! the weight its block counts and over its bytes, nothing more. Real signed extrinsics through
//! the runtime's whole extension pipeline.

mod common;

use carechain_primitives::{Action, PurposeOfUse, StandardCategory};
use carechain_runtime::{
	configs::monetary::{TransactionByteFee, FEE_PER_PICOSECOND},
	Balance, ProviderRegistry, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, System,
};
use codec::Encode;
use common::{new_test_ext, signed_tx, start_block_two, start_with_feeless_quota, TEST_NOW};
use frame_support::{assert_ok, dispatch::DispatchClass, weights::Weight};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{self, *};

/// What one signed transaction did: the fee paid, the weight `ExtrinsicSuccess` reports, the
/// weight the block's normal class grew by, and the transaction's length in bytes.
struct Applied {
	paid: Balance,
	reported: Weight,
	block_grew_by: Weight,
	length: usize,
}

/// Applies `transaction` and reads back what it cost.
fn apply(transaction: carechain_runtime::UncheckedExtrinsic) -> Applied {
	let length = transaction.encoded_size();
	let before = *System::block_weight().get(DispatchClass::Normal);
	System::reset_events();
	assert_eq!(carechain_runtime::Executive::apply_extrinsic(transaction), Ok(Ok(())));
	let block_grew_by = System::block_weight().get(DispatchClass::Normal).saturating_sub(before);
	let events: Vec<RuntimeEvent> = System::events().into_iter().map(|r| r.event).collect();
	let paid = events
		.iter()
		.find_map(|event| match event {
			RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid { actual_fee, .. },
			) => Some(*actual_fee),
			_ => None,
		})
		.unwrap_or(0);
	let reported = events
		.iter()
		.find_map(|event| match event {
			RuntimeEvent::System(frame_system::Event::ExtrinsicSuccess { dispatch_info }) => {
				Some(dispatch_info.weight)
			},
			_ => None,
		})
		.expect("the transaction succeeded");
	Applied { paid, reported, block_grew_by, length }
}

/// The README's formula: 100 plancks per picosecond of the weight the block counts (the base
/// weight of an extrinsic included, as `ExtrinsicSuccess` reports it) and 10 µCARE per byte.
fn priced(weight: Weight, length: usize) -> Balance {
	Balance::from(weight.ref_time()) * FEE_PER_PICOSECOND
		+ Balance::try_from(length).expect("a short transaction") * TransactionByteFee::get()
}

/// A paid call pays exactly what the weight its block counts and its bytes are priced at, and
/// no more than the wallet was quoted before signing.
fn pays_for_what_the_block_counts(signer: Sr25519Keyring, call: RuntimeCall) {
	let transaction = signed_tx(signer, call);
	// What a wallet is told before signing (`payment_queryInfo`): the weight before dispatch.
	let quoted = pallet_transaction_payment::Pallet::<Runtime>::query_info(
		transaction.clone(),
		transaction.encoded_size() as u32,
	)
	.partial_fee;
	let applied = apply(transaction);
	// Compute only: the block's proof size also counts the transaction's bytes.
	assert_eq!(
		applied.block_grew_by.ref_time(),
		applied.reported.ref_time(),
		"the block counts what is reported"
	);
	assert!(applied.paid > 0, "a paid call");
	assert_eq!(applied.paid, priced(applied.reported, applied.length));
	assert!(applied.paid <= quoted, "the quote is never less than what is paid");
}

#[test]
fn a_transfer_pays_for_the_weight_its_block_counts() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		start_block_two();
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: Bob.to_account_id().into(),
			value: 1_000_000_000_000,
		});
		pays_for_what_the_block_counts(Alice, transfer);
	});
}

#[test]
fn a_patients_paid_grant_and_a_staff_members_access_pay_for_what_their_block_counts() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		// No fee-free calls today: Dave's grant is paid.
		start_with_feeless_quota(0);
		let grant = RuntimeCall::Consent(pallet_consent::Call::grant {
			grantee: Charlie.to_account_id(),
			categories: StandardCategory::LabResults.into(),
			actions: Action::Read.into(),
			purposes: PurposeOfUse::Treatment.into(),
			expires_at: TEST_NOW + 86_400_000,
		});
		pays_for_what_the_block_counts(Dave, grant);

		// A nurse of the hospital (Bob) logs a read under Dave's consent to the hospital; the
		// hospital pays.
		let nurse = Sr25519Keyring::One;
		assert_ok!(ProviderRegistry::add_staff(
			RuntimeOrigin::signed(Bob.to_account_id()),
			nurse.to_account_id()
		));
		let access = RuntimeCall::Consent(pallet_consent::Call::record_access {
			patient: Dave.to_account_id(),
			category: StandardCategory::LabResults,
			purpose: PurposeOfUse::Treatment,
			action: Action::Read,
			record_hash: None,
		});
		pays_for_what_the_block_counts(nurse, access);
	});
}

#[test]
fn a_patients_fee_free_call_pays_nothing_and_the_block_still_counts_it() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		start_with_feeless_quota(5);
		let patient = Sr25519Keyring::One;
		common::onboard_by_the_hospital(patient, [9; 32]);
		let applied = apply(signed_tx(patient, common::set_emergency_access(false)));
		assert_eq!(applied.paid, 0);
		assert!(applied.reported.ref_time() > 0);
		assert_eq!(applied.block_grew_by.ref_time(), applied.reported.ref_time());
	});
}
