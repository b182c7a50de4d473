//! The Council's emergency brake: a motion pauses `Consent::record_access`, the call is refused
//! (also inside a batch), governance calls can never be paused, and a second motion unpauses it.

mod common;

use carechain_primitives::{Action, PurposeOfUse, StandardCategory};
use carechain_runtime::{
	configs::call_pause::NEVER_PAUSED_PALLETS, AllPalletsWithSystem, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeOrigin, System, TxPause,
};
use common::{new_test_ext, run_motion};
use frame_support::{assert_noop, assert_ok, traits::PalletsInfoAccess, BoundedVec};
use pallet_tx_pause::RuntimeCallNameOf;
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::*;
use sp_runtime::{traits::Dispatchable, DispatchError};

fn name(pallet: &str, call: &str) -> RuntimeCallNameOf<Runtime> {
	let bounded = |text: &str| -> BoundedVec<u8, _> {
		BoundedVec::try_from(text.as_bytes().to_vec()).expect("names fit MaxNameLen")
	};
	(bounded(pallet), bounded(call))
}

/// Bob (a provider with Dave's consent in the dev preset) logs a lab-results read for Dave.
fn record_access() -> RuntimeCall {
	RuntimeCall::Consent(pallet_consent::Call::record_access {
		patient: Dave.to_account_id(),
		category: StandardCategory::LabResults,
		purpose: PurposeOfUse::Treatment,
		action: Action::Read,
		record_hash: None,
	})
}

fn as_bob(call: RuntimeCall) -> Result<(), DispatchError> {
	call.dispatch(RuntimeOrigin::signed(Bob.to_account_id())).map(|_| ()).map_err(|e| e.error)
}

fn motion_result(call: RuntimeCall) -> Result<(), DispatchError> {
	match run_motion(call, 2, &[Alice, Bob], &[]) {
		pallet_collective::Event::Executed { result, .. } => result,
		other => panic!("the motion executed: {other:?}"),
	}
}

fn at_now() {
	pallet_timestamp::Now::<Runtime>::put(1_700_000_000_000u64);
}

#[test]
fn a_council_motion_pauses_a_call_everywhere_and_another_unpauses_it() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		at_now();
		let full_name = name("Consent", "record_access");
		let pause =
			RuntimeCall::TxPause(pallet_tx_pause::Call::pause { full_name: full_name.clone() });
		assert_eq!(motion_result(pause), Ok(()));
		assert!(System::events().iter().any(|record| matches!(
			&record.event,
			RuntimeEvent::TxPause(pallet_tx_pause::Event::CallPaused { full_name: paused })
				if *paused == full_name
		)));

		assert_eq!(
			as_bob(record_access()),
			Err(frame_system::Error::<Runtime>::CallFiltered.into())
		);
		// Nested calls carry the same filter: a batch cannot smuggle the paused call through.
		let batch =
			RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: vec![record_access()] });
		assert_eq!(as_bob(batch), Err(frame_system::Error::<Runtime>::CallFiltered.into()));
		// Other calls of the pallet still work.
		let revoke_unknown =
			RuntimeCall::Consent(pallet_consent::Call::revoke { consent_id: 9_999 });
		assert_eq!(
			as_bob(revoke_unknown),
			Err(pallet_consent::Error::<Runtime>::UnknownConsent.into())
		);

		let unpause = RuntimeCall::TxPause(pallet_tx_pause::Call::unpause { ident: full_name });
		assert_eq!(motion_result(unpause), Ok(()));
		assert_ok!(as_bob(record_access()));
	});
}

#[test]
fn only_root_or_a_council_majority_pauses_and_unpauses() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		let full_name = name("Consent", "record_access");
		let bob = RuntimeOrigin::signed(Bob.to_account_id());
		assert_noop!(TxPause::pause(bob.clone(), full_name.clone()), DispatchError::BadOrigin);
		// One aye of three members is no majority: the motion is disapproved, nothing paused.
		let pause =
			RuntimeCall::TxPause(pallet_tx_pause::Call::pause { full_name: full_name.clone() });
		assert!(matches!(
			run_motion(pause, 2, &[Alice], &[Bob, Charlie]),
			pallet_collective::Event::Disapproved { .. }
		));
		assert!(!pallet_tx_pause::PausedCalls::<Runtime>::contains_key(&full_name));

		assert_ok!(TxPause::pause(RuntimeOrigin::root(), full_name.clone()));
		assert_noop!(
			TxPause::pause(RuntimeOrigin::root(), full_name.clone()),
			pallet_tx_pause::Error::<Runtime>::IsPaused
		);
		assert_noop!(TxPause::unpause(bob, full_name.clone()), DispatchError::BadOrigin);
		assert_ok!(TxPause::unpause(RuntimeOrigin::root(), full_name.clone()));
		assert_noop!(
			TxPause::unpause(RuntimeOrigin::root(), full_name),
			pallet_tx_pause::Error::<Runtime>::IsUnpaused
		);
	});
}

#[test]
fn governance_and_repair_calls_can_never_be_paused() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		for (pallet, call) in [
			("System", "remark"),
			("Timestamp", "set"),
			("Council", "close"),
			("CouncilMembership", "add_member"),
			("Parameters", "set_parameter"),
			("Upgrades", "authorize_upgrade"),
			("Sudo", "sudo"),
			("TxPause", "unpause"),
		] {
			assert_noop!(
				TxPause::pause(RuntimeOrigin::root(), name(pallet, call)),
				pallet_tx_pause::Error::<Runtime>::Unpausable
			);
		}
		// Every never-paused name is a pallet of this runtime (a rename would silently drop it).
		let pallets = <AllPalletsWithSystem as PalletsInfoAccess>::infos();
		for never in NEVER_PAUSED_PALLETS {
			assert!(pallets.iter().any(|info| info.name == never), "{never} is a pallet");
		}
	});
}
