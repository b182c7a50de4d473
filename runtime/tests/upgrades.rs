//! Runtime upgrades by governance: at least two thirds of the Council authorize a new runtime's
//! hash; fewer votes cannot. (Applying a real new runtime is the end-to-end test's job:
//! `scripts/e2e/test/runtime-upgrade.test.js`.)

mod common;

use carechain_runtime::{Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, System};
use common::{new_test_ext, run_motion};
use frame_support::assert_noop;
use sp_core::H256;
use sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::*;

fn authorize(code_hash: H256) -> RuntimeCall {
	RuntimeCall::Upgrades(pallet_upgrades::Call::authorize_upgrade { code_hash })
}

fn authorized(code_hash: H256) -> bool {
	System::events().iter().any(|record| {
		record.event
			== RuntimeEvent::System(frame_system::Event::UpgradeAuthorized {
				code_hash,
				check_version: true,
			})
	})
}

#[test]
fn three_of_four_council_members_authorize_an_upgrade() {
	new_test_ext(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let code_hash = H256::repeat_byte(1);
		assert!(matches!(
			run_motion(authorize(code_hash), 3, &[Alice, Bob, Charlie], &[]),
			pallet_collective::Event::Executed { result: Ok(()), .. }
		));
		assert!(authorized(code_hash));
	});
}

#[test]
fn half_of_the_council_cannot_authorize_an_upgrade() {
	new_test_ext(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let code_hash = H256::repeat_byte(2);
		assert!(matches!(
			run_motion(authorize(code_hash), 2, &[Alice, Bob], &[Charlie, Dave]),
			pallet_collective::Event::Executed { result: Err(_), .. }
		));
		assert!(!authorized(code_hash));
		// Nor can a member alone, nor set_code be dispatched by a signed account.
		assert_noop!(
			pallet_upgrades::Pallet::<Runtime>::authorize_upgrade(
				RuntimeOrigin::signed(Alice.to_account_id()),
				code_hash
			),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}
