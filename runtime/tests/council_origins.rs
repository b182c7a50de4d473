//! The Council's origins behave as configured: a majority (or Root) changes parameters, two thirds
//! (or Root) changes membership, and motions without enough votes do nothing.

mod common;

use carechain_runtime::{
	configs::{
		CouncilCollective, CouncilMajority, CouncilTwoThirds, RootOrCouncilMajority,
		RootOrCouncilTwoThirds,
	},
	dynamic_params::governance::{self, MotionDuration},
	time::DAYS,
	Council, Parameters, Runtime, RuntimeCall, RuntimeOrigin, RuntimeParameters,
};
use codec::Encode;
use common::{last_council_event, new_test_ext, run_motion};
use frame_support::{
	assert_noop, assert_ok,
	traits::{EnsureOrigin, Get},
};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::*;
use sp_runtime::DispatchError;

/// The origin of a motion approved by `ayes` of `members`.
fn council_origin(ayes: u32, members: u32) -> RuntimeOrigin {
	pallet_collective::RawOrigin::<carechain_runtime::AccountId, CouncilCollective>::Members(
		ayes, members,
	)
	.into()
}

fn passes<O: EnsureOrigin<RuntimeOrigin>>(origin: RuntimeOrigin) -> bool {
	O::try_origin(origin).is_ok()
}

#[test]
fn majority_means_more_than_half() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		assert!(passes::<CouncilMajority>(council_origin(2, 3)));
		assert!(passes::<CouncilMajority>(council_origin(3, 4)));
		assert!(!passes::<CouncilMajority>(council_origin(1, 3)));
		assert!(!passes::<CouncilMajority>(council_origin(2, 4)));
		assert!(!passes::<CouncilMajority>(RuntimeOrigin::root()));
		assert!(passes::<RootOrCouncilMajority>(RuntimeOrigin::root()));
		assert!(passes::<RootOrCouncilMajority>(council_origin(2, 3)));
		assert!(!passes::<RootOrCouncilMajority>(RuntimeOrigin::signed(Alice.to_account_id())));
		assert!(!passes::<RootOrCouncilMajority>(RuntimeOrigin::none()));
	});
}

#[test]
fn two_thirds_means_at_least_two_thirds() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		assert!(passes::<CouncilTwoThirds>(council_origin(2, 3)));
		assert!(passes::<CouncilTwoThirds>(council_origin(3, 4)));
		assert!(!passes::<CouncilTwoThirds>(council_origin(2, 4)));
		assert!(!passes::<CouncilTwoThirds>(council_origin(5, 8)));
		assert!(passes::<RootOrCouncilTwoThirds>(RuntimeOrigin::root()));
		assert!(!passes::<RootOrCouncilTwoThirds>(RuntimeOrigin::signed(Bob.to_account_id())));
	});
}

fn set_motion_duration(blocks: u32) -> RuntimeCall {
	RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
		key_value: RuntimeParameters::Governance(governance::Parameters::MotionDuration(
			MotionDuration,
			Some(blocks),
		)),
	})
}

#[test]
fn motion_duration_defaults_to_three_days() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(<MotionDuration as Get<u32>>::get(), 3 * DAYS);
	});
}

#[test]
fn a_majority_motion_sets_a_parameter() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		let event = run_motion(set_motion_duration(1_200), 2, &[Alice, Bob], &[]);
		assert!(
			matches!(event, pallet_collective::Event::Executed { result: Ok(()), .. }),
			"{event:?}"
		);
		assert_eq!(<MotionDuration as Get<u32>>::get(), 1_200);
	});
}

#[test]
fn a_motion_voted_down_does_not_execute() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		let event = run_motion(set_motion_duration(1_200), 2, &[Alice], &[Bob, Charlie]);
		assert!(matches!(event, pallet_collective::Event::Disapproved { .. }), "{event:?}");
		assert_eq!(<MotionDuration as Get<u32>>::get(), 3 * DAYS);
	});
}

#[test]
fn a_single_member_motion_is_refused_by_the_parameters_origin() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		// With threshold 1 the motion executes at once, with the origin Members(1, 3): not a
		// majority, so the call itself fails.
		let call = set_motion_duration(1_200);
		let length = call.encoded_size() as u32;
		assert_ok!(Council::propose(
			RuntimeOrigin::signed(Alice.to_account_id()),
			1,
			Box::new(call),
			length
		));
		let event = last_council_event();
		assert!(
			matches!(
				event,
				pallet_collective::Event::Executed { result: Err(DispatchError::BadOrigin), .. }
			),
			"{event:?}"
		);
		assert_eq!(<MotionDuration as Get<u32>>::get(), 3 * DAYS);
	});
}

#[test]
fn a_non_member_cannot_propose() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		let call = set_motion_duration(1_200);
		let length = call.encoded_size() as u32;
		assert_noop!(
			Council::propose(
				RuntimeOrigin::signed(Dave.to_account_id()),
				2,
				Box::new(call),
				length
			),
			pallet_collective::Error::<Runtime, CouncilCollective>::NotMember
		);
	});
}

#[test]
fn a_signed_account_cannot_set_a_parameter_but_root_can() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		let key_value = RuntimeParameters::Governance(governance::Parameters::MotionDuration(
			MotionDuration,
			Some(7),
		));
		assert_noop!(
			Parameters::set_parameter(
				RuntimeOrigin::signed(Alice.to_account_id()),
				key_value.clone()
			),
			DispatchError::BadOrigin
		);
		assert_ok!(Parameters::set_parameter(RuntimeOrigin::root(), key_value));
		assert_eq!(<MotionDuration as Get<u32>>::get(), 7);
	});
}
