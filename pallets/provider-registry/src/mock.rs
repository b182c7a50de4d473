//! A test runtime: System, Balances and the registry, with Root as the approving origin.

use frame_support::{derive_impl, parameter_types, traits::ConstU32};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

use crate as pallet_provider_registry;

type Block = frame_system::mocking::MockBlock<Test>;
/// Balance type of the test runtime.
pub type Balance = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		ProviderRegistry: pallet_provider_registry,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

parameter_types! {
	/// Changeable in tests, as the Council changes it on the real chain.
	pub static MaxStaff: u32 = 3;
	pub static StaffDeposit: Balance = 7;
	/// Fees an organisation pays for one staff member a day.
	pub static StaffFeeAllowance: Balance = 100;
	/// The clock (unix ms).
	pub static Now: carechain_primitives::Moment = 1_700_000_000_000;
	/// Emergency accesses of each organisation awaiting review (set by tests).
	pub static OpenReviews: alloc::vec::Vec<(u64, u32)> = alloc::vec::Vec::new();
}

/// The consent pallet's open emergency reviews, as the tests set them.
pub struct TestEmergencyReviews;
impl carechain_primitives::traits::EmergencyReviews<u64> for TestEmergencyReviews {
	fn open_reviews(organisation: &u64) -> u32 {
		OpenReviews::get()
			.into_iter()
			.find_map(|(org, open)| (org == *organisation).then_some(open))
			.unwrap_or(0)
	}
}

/// Deposit base of a registration.
pub const DEPOSIT_BASE: Balance = 100;
/// Deposit per stored byte.
pub const DEPOSIT_PER_BYTE: Balance = 1;

impl pallet_provider_registry::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ApproveOrigin = EnsureRoot<u64>;
	type DepositPrice = frame_support::traits::LinearStoragePrice<
		frame_support::traits::ConstU64<DEPOSIT_BASE>,
		frame_support::traits::ConstU64<DEPOSIT_PER_BYTE>,
		Balance,
	>;
	type StaffDeposit = StaffDeposit;
	type MaxNameLength = ConstU32<32>;
	type MaxStaff = MaxStaff;
	type MaxStaffCeiling = ConstU32<10>;
	type EmergencyReviews = TestEmergencyReviews;
	type StaffFeeAllowance = StaffFeeAllowance;
	type Time = MockTime;
	type WeightInfo = ();
}

/// The settable clock of the tests.
pub struct MockTime;
impl frame_support::traits::Time for MockTime {
	type Moment = carechain_primitives::Moment;
	fn now() -> Self::Moment {
		Now::get()
	}
}

/// A hospital account.
pub const HOSPITAL: u64 = 1;
/// A physician account.
pub const PHYSICIAN: u64 = 2;
/// A laboratory account.
pub const LAB: u64 = 3;
/// Practitioner accounts.
pub const NURSE: u64 = 10;
/// A second practitioner.
pub const DOCTOR: u64 = 11;
/// A third practitioner.
pub const PORTER: u64 = 12;
/// A fourth practitioner.
pub const SURGEON: u64 = 13;
/// An account with no funds.
pub const PAUPER: u64 = 99;
/// What funded accounts start with.
pub const ENDOWMENT: Balance = 10_000;

/// Externalities with funded accounts and an empty registry, at block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [HOSPITAL, PHYSICIAN, LAB, NURSE, DOCTOR, PORTER, SURGEON]
			.into_iter()
			.map(|who| (who, ENDOWMENT))
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` in fresh externalities and checks the registry's invariants afterwards.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		ProviderRegistry::do_try_state().expect("registry invariants hold");
	});
}
