//! Storage deposits as `HoldConsideration` tickets: priced by the Council's Parameters when
//! taken, kept at that amount when the price changes, and stored exactly as the plain balances
//! they replace (so no migration is needed).

mod common;

use carechain_primitives::{deposit::HeldDeposit, Action, PurposeOfUse, StandardCategory};
use carechain_runtime::{
	configs::deposits::{PatientRegistrationPrice, RecordAnchorPrice},
	currency::CARE,
	dynamic_params::patients,
	AccountId, Balance, Balances, Consent, Parameters, PatientIdentity, Runtime, RuntimeOrigin,
	RuntimeParameters,
};
use codec::Decode;
use frame_support::{assert_ok, traits::fungible::InspectHold};
use sp_keyring::Sr25519Keyring::{self, *};
use sp_runtime::traits::Convert;

fn signed(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
}

fn patient_deposit_held(who: &AccountId) -> Balance {
	Balances::balance_on_hold(&pallet_patient_identity::HoldReason::PatientDeposit.into(), who)
}

fn set_patient_deposit_base(value: Balance) {
	assert_ok!(Parameters::set_parameter(
		RuntimeOrigin::root(),
		RuntimeParameters::Patients(patients::Parameters::DepositBase(
			patients::DepositBase,
			Some(value),
		)),
	));
}

#[test]
fn a_registration_keeps_the_deposit_it_paid_when_the_council_changes_the_price() {
	common::new_test_ext("development").execute_with(|| {
		let ferdie = Ferdie.to_account_id();
		let price = PatientRegistrationPrice::convert(PatientIdentity::deposit_footprint());
		assert_ok!(PatientIdentity::register(signed(Ferdie), [7; 32]));
		assert_eq!(patient_deposit_held(&ferdie), price);
		let record = pallet_patient_identity::Patients::<Runtime>::get(&ferdie).unwrap();
		assert_eq!(record.deposit.held(), price);

		// The Council doubles the base: Ferdie's ticket still holds the old amount, and
		// deregistering returns exactly that.
		set_patient_deposit_base(2 * CARE);
		let new_price = PatientRegistrationPrice::convert(PatientIdentity::deposit_footprint());
		assert_eq!(new_price, price + CARE);
		assert_eq!(patient_deposit_held(&ferdie), price);
		assert_ok!(PatientIdentity::deregister(signed(Ferdie)));
		assert_eq!(patient_deposit_held(&ferdie), 0);

		// A new registration pays the new price.
		assert_ok!(PatientIdentity::register(signed(Ferdie), [8; 32]));
		assert_eq!(patient_deposit_held(&ferdie), new_price);
	});
}

/// A registration as stored before deposits were tickets: the same fields, `deposit` a balance.
#[derive(Decode)]
struct RegistrationWithPlainDeposit {
	_commitment: [u8; 32],
	depositor: AccountId,
	deposit: Balance,
	_sufficient: bool,
	_emergency_access: bool,
	_guardians: Vec<(AccountId, Option<u64>)>,
}

/// A record anchor as stored before: the same fields, `deposit` a balance.
#[derive(Decode)]
struct AnchorWithPlainDeposit {
	_writer: AccountId,
	organisation: AccountId,
	_category: carechain_primitives::AccessedCategory,
	_anchored_at: u64,
	deposit: Balance,
}

#[test]
fn tickets_are_stored_as_the_plain_balances_they_replace() {
	common::new_test_ext("development").execute_with(|| {
		common::start_block_two();
		// Eve's genesis registration (with Dave as guardian), read as raw storage.
		let eve = Eve.to_account_id();
		let key = pallet_patient_identity::Patients::<Runtime>::hashed_key_for(&eve);
		let raw = sp_io::storage::get(&key).expect("Eve is registered at genesis");
		let old = RegistrationWithPlainDeposit::decode(&mut &raw[..]).unwrap();
		assert_eq!(old.depositor, eve);
		assert_eq!(old.deposit, patient_deposit_held(&eve));

		// Bob (a hospital Dave consented to) writes a record, anchoring it.
		let dave = Dave.to_account_id();
		assert_ok!(Consent::record_access(
			signed(Bob),
			dave.clone(),
			StandardCategory::Allergies,
			PurposeOfUse::Treatment,
			Action::Write,
			Some([5; 32]),
		));
		let key = pallet_consent::RecordAnchors::<Runtime>::hashed_key_for(&dave, [5; 32]);
		let raw = sp_io::storage::get(&key).expect("the record is anchored");
		let old = AnchorWithPlainDeposit::decode(&mut &raw[..]).unwrap();
		assert_eq!(old.organisation, Bob.to_account_id());
		let price = RecordAnchorPrice::convert(Consent::anchor_footprint());
		assert_eq!(old.deposit, price);
		assert_eq!(
			Balances::balance_on_hold(
				&pallet_consent::HoldReason::AnchorDeposit.into(),
				&Bob.to_account_id()
			),
			price
		);
	});
}
