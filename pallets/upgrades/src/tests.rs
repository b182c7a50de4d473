//! Tests of the upgrades pallet.

use frame_support::{assert_noop, assert_ok};
use sp_core::H256;
use sp_runtime::{traits::Hash, DispatchError};

use crate::mock::*;

#[test]
fn the_upgrade_origin_authorizes_a_code_hash() {
	new_test_ext().execute_with(|| {
		let code_hash = H256::repeat_byte(7);
		assert_ok!(Upgrades::authorize_upgrade(RuntimeOrigin::root(), code_hash));
		System::assert_last_event(
			frame_system::Event::UpgradeAuthorized { code_hash, check_version: true }.into(),
		);
		// Something is authorized now, just not this code.
		assert_noop!(
			System::apply_authorized_upgrade(RuntimeOrigin::signed(1), vec![1, 2, 3]),
			frame_system::Error::<Test>::Unauthorized
		);
		// The event carries the hash of the code the Council approved.
		let code = vec![4, 5, 6];
		let hash = <Test as frame_system::Config>::Hashing::hash(&code);
		assert_ok!(Upgrades::authorize_upgrade(RuntimeOrigin::root(), hash));
		System::assert_last_event(
			frame_system::Event::UpgradeAuthorized { code_hash: hash, check_version: true }.into(),
		);
		// A later authorization replaces it: the code of the first is no longer accepted.
		assert_ok!(Upgrades::authorize_upgrade(RuntimeOrigin::root(), code_hash));
		assert_noop!(
			System::apply_authorized_upgrade(RuntimeOrigin::signed(1), code),
			frame_system::Error::<Test>::Unauthorized
		);
	});
}

#[test]
fn anyone_else_is_refused_and_nothing_changes() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Upgrades::authorize_upgrade(RuntimeOrigin::signed(1), H256::repeat_byte(7)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			System::apply_authorized_upgrade(RuntimeOrigin::signed(1), vec![1, 2, 3]),
			frame_system::Error::<Test>::NothingAuthorized
		);
	});
}

#[test]
fn an_unauthorized_code_is_not_applied() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			System::apply_authorized_upgrade(RuntimeOrigin::signed(1), vec![1, 2, 3]),
			frame_system::Error::<Test>::NothingAuthorized
		);
		assert_ok!(Upgrades::authorize_upgrade(RuntimeOrigin::root(), H256::repeat_byte(7)));
		assert_noop!(
			System::apply_authorized_upgrade(RuntimeOrigin::signed(1), vec![1, 2, 3]),
			frame_system::Error::<Test>::Unauthorized
		);
	});
}
