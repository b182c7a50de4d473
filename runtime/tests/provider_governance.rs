//! The provider registry as configured in the runtime: the Council approves by majority, and its
//! deposits and staff limit are Parameters values a motion can change.

mod common;

use carechain_primitives::{ProviderKind, ProviderStatus};
use carechain_runtime::{
	currency::CARE,
	dynamic_params::providers::{self, DepositBase, MaxStaff},
	ProviderRegistry, Runtime, RuntimeCall, RuntimeOrigin, RuntimeParameters,
};
use codec::Encode;
use common::{new_test_ext, run_motion};
use frame_support::{assert_noop, assert_ok, traits::Get};
use pallet_provider_registry::{Error, Providers};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{self, *};
use sp_runtime::DispatchError;

fn apply(who: Sr25519Keyring) {
	assert_ok!(ProviderRegistry::apply(
		RuntimeOrigin::signed(who.to_account_id()),
		ProviderKind::Clinic,
		"Harbour Street Clinic".into(),
		*b"GB",
		[1; 32],
	));
}

fn status(who: Sr25519Keyring) -> Option<ProviderStatus> {
	Providers::<Runtime>::get(who.to_account_id()).map(|info| info.status)
}

/// Runs a threshold-2 motion; whether it executed successfully.
fn motion(call: RuntimeCall, ayes: &[Sr25519Keyring], nays: &[Sr25519Keyring]) -> bool {
	matches!(
		run_motion(call, 2, ayes, nays),
		pallet_collective::Event::Executed { result: Ok(()), .. }
	)
}

#[test]
fn a_council_majority_approves_a_provider() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		apply(Dave);
		let approve = RuntimeCall::ProviderRegistry(pallet_provider_registry::Call::approve {
			provider: Dave.to_account_id(),
		});
		assert!(motion(approve, &[Alice, Bob], &[]));
		assert_eq!(status(Dave), Some(ProviderStatus::Active));
	});
}

#[test]
fn a_motion_without_majority_leaves_the_provider_pending() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		apply(Dave);
		let approve = RuntimeCall::ProviderRegistry(pallet_provider_registry::Call::approve {
			provider: Dave.to_account_id(),
		});
		assert!(!motion(approve, &[Alice], &[Bob, Charlie]));
		assert_eq!(status(Dave), Some(ProviderStatus::Pending));
	});
}

#[test]
fn a_council_member_alone_cannot_approve() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		apply(Dave);
		assert_noop!(
			ProviderRegistry::approve(
				RuntimeOrigin::signed(Alice.to_account_id()),
				Dave.to_account_id()
			),
			DispatchError::BadOrigin
		);
		assert_ok!(ProviderRegistry::approve(RuntimeOrigin::root(), Dave.to_account_id()));
	});
}

#[test]
fn deposits_and_staff_limit_follow_the_parameters() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		let set_deposit = RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
			key_value: RuntimeParameters::Providers(providers::Parameters::DepositBase(
				DepositBase,
				Some(2 * CARE),
			)),
		});
		assert!(motion(set_deposit, &[Alice, Bob], &[]));
		assert_eq!(<DepositBase as Get<u128>>::get(), 2 * CARE);
		apply(Dave);
		let info = Providers::<Runtime>::get(Dave.to_account_id()).unwrap();
		assert_eq!(info.deposit, ProviderRegistry::deposit_for(info.encoded_size()));
		assert!(info.deposit < 10 * CARE, "below the default base deposit");

		let set_max_staff = RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
			key_value: RuntimeParameters::Providers(providers::Parameters::MaxStaff(
				MaxStaff,
				Some(1),
			)),
		});
		assert!(motion(set_max_staff, &[Alice, Bob], &[]));
		let hospital = RuntimeOrigin::signed(Bob.to_account_id());
		assert_ok!(ProviderRegistry::add_staff(
			hospital.clone(),
			Sr25519Keyring::One.to_account_id()
		));
		assert_noop!(
			ProviderRegistry::add_staff(hospital, Sr25519Keyring::Two.to_account_id()),
			Error::<Runtime>::TooManyStaff
		);
	});
}
