//! A test runtime: System and the block-time pallet (default 6 s, allowed 1-60 s).

use frame_support::{derive_impl, traits::ConstU64};
use sp_runtime::BuildStorage;

use crate as pallet_block_time;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		BlockTime: pallet_block_time,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

impl pallet_block_time::Config for Test {
	type DefaultSlotDuration = ConstU64<6_000>;
	type MinSlotDuration = ConstU64<1_000>;
	type MaxSlotDuration = ConstU64<60_000>;
}

/// Externalities built from a genesis whose block-time section is `slot_duration_ms`; every test
/// checks the pallet's invariant when it ends.
pub fn build(slot_duration_ms: Option<u64>) -> TestExternalities {
	let storage = RuntimeGenesisConfig {
		block_time: pallet_block_time::GenesisConfig { slot_duration_ms, ..Default::default() },
		..Default::default()
	}
	.build_storage()
	.unwrap();
	TestExternalities(sp_io::TestExternalities::new(storage))
}

/// Test externalities that check `do_try_state` after the test body.
pub struct TestExternalities(sp_io::TestExternalities);

impl TestExternalities {
	/// Runs `test`, then the pallet's state checks.
	pub fn execute_with<R>(&mut self, test: impl FnOnce() -> R) -> R {
		self.0.execute_with(|| {
			let result = test();
			BlockTime::do_try_state().expect("try_state after the test");
			result
		})
	}
}
