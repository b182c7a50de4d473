//! Parameters values are checked against their ranges when a Council motion sets them: a value
//! outside its range is refused and nothing changes; one inside is set.

mod common;

use carechain_runtime::{
	configs::providers::MAX_STAFF_CEILING, dynamic_params::providers, Runtime, RuntimeCall,
	RuntimeParameters,
};
use common::{new_test_ext, run_motion};
use frame_support::traits::Get;
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::*;
use sp_runtime::DispatchError;

fn set_max_staff(value: u32) -> Result<(), DispatchError> {
	let call = RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
		key_value: RuntimeParameters::Providers(providers::Parameters::MaxStaff(
			providers::MaxStaff,
			Some(value),
		)),
	});
	match run_motion(call, 2, &[Alice, Bob], &[]) {
		pallet_collective::Event::Executed { result, .. } => result,
		other => panic!("the motion executed: {other:?}"),
	}
}

#[test]
fn a_motion_setting_a_value_outside_its_range_changes_nothing() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		let default = providers::MaxStaff::get();
		let filtered = Err(frame_system::Error::<Runtime>::CallFiltered.into());
		assert_eq!(set_max_staff(0), filtered);
		assert_eq!(set_max_staff(MAX_STAFF_CEILING + 1), filtered);
		assert_eq!(providers::MaxStaff::get(), default);

		assert_eq!(set_max_staff(MAX_STAFF_CEILING), Ok(()));
		assert_eq!(providers::MaxStaff::get(), MAX_STAFF_CEILING);
	});
}
