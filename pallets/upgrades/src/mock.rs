//! A test runtime: System and the upgrades pallet, upgrades authorized by Root only.

use frame_support::derive_impl;
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

use crate as pallet_upgrades;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Upgrades: pallet_upgrades,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

impl pallet_upgrades::Config for Test {
	type UpgradeOrigin = EnsureRoot<u64>;
	type WeightInfo = ();
}

/// Externalities at block 1 (so events are kept).
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
