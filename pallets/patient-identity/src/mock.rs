//! A test runtime: System, Balances and the identity pallet, with a fixed provider registry, a
//! settable clock and a guardian filter that allows `set_emergency_access` only.

use carechain_primitives::{traits::ProviderRegistry, Moment, ProviderKind};
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::HoldConsideration, ConstU32, ConstU64, Contains, LinearStoragePrice, Time},
};
use sp_runtime::BuildStorage;

use crate as pallet_patient_identity;

type Block = frame_system::mocking::MockBlock<Test>;
/// Balance type of the test runtime.
pub type Balance = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		PatientIdentity: pallet_patient_identity,
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

/// A hospital (an active provider).
pub const HOSPITAL: u64 = 1;
/// A nurse on the hospital's staff.
pub const NURSE: u64 = 2;
/// A provider that is not active.
pub const SUSPENDED_CLINIC: u64 = 3;
/// A patient with funds.
pub const PATIENT: u64 = 10;
/// A second patient with funds.
pub const OTHER_PATIENT: u64 = 11;
/// A parent (guardian) with funds.
pub const PARENT: u64 = 20;
/// A carer (guardian) with funds.
pub const CARER: u64 = 21;
/// An account with no funds at all.
pub const NEWBORN: u64 = 30;
/// What funded accounts start with.
pub const ENDOWMENT: Balance = 10_000;

/// The provider registry of the tests: the hospital is active, the nurse is its staff.
pub struct Providers;
impl Providers {
	/// The kind and organisation of `who`, if active.
	fn active(who: &u64) -> Option<(ProviderKind, u64)> {
		match *who {
			HOSPITAL | NURSE => Some((ProviderKind::Hospital, HOSPITAL)),
			_ => None,
		}
	}
}

impl ProviderRegistry<u64> for Providers {
	fn active_registration(
		who: &u64,
	) -> Option<(ProviderKind, u64, carechain_primitives::RegistrationId)> {
		Self::active(who).map(|(kind, organisation)| (kind, organisation, organisation as u32))
	}

	fn registration_of(who: &u64) -> Option<carechain_primitives::RegistrationId> {
		Self::active(who).map(|(_, organisation)| organisation as u32)
	}
}

parameter_types! {
	/// The clock (unix ms).
	pub static Now: Moment = 1_700_000_000_000;
	/// Changeable in tests, as the Council changes it on the real chain.
	pub static MaxGuardians: u32 = 2;
	/// Fee-free calls a day.
	pub static FeelessCallsPerDay: u32 = 3;
	/// Fee-free weight a block may take.
	pub static MaxFeelessWeightPerBlock: frame_support::weights::Weight =
		frame_support::weights::Weight::from_parts(1_000_000_000, 100_000);
}

/// The settable clock.
pub struct MockTime;
impl Time for MockTime {
	type Moment = Moment;
	fn now() -> Moment {
		Now::get()
	}
}

/// Guardians may only change a patient's emergency-access choice in the tests.
pub struct GuardianCalls;
impl Contains<RuntimeCall> for GuardianCalls {
	fn contains(call: &RuntimeCall) -> bool {
		matches!(call, RuntimeCall::PatientIdentity(crate::Call::set_emergency_access { .. }))
	}
}

/// Deposit base of a registration.
pub const DEPOSIT_BASE: Balance = 100;

parameter_types! {
	/// The hold reason of registration deposits.
	pub const PatientDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::PatientIdentity(crate::HoldReason::PatientDeposit);
}

/// A registration's deposit: `DEPOSIT_BASE` plus one unit per byte.
pub type RegistrationDeposit = HoldConsideration<
	u64,
	Balances,
	PatientDepositReason,
	LinearStoragePrice<ConstU64<DEPOSIT_BASE>, ConstU64<1>, Balance>,
>;

impl pallet_patient_identity::Config for Test {
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Providers = Providers;
	type GuardianCallFilter = GuardianCalls;
	type Time = MockTime;
	type Deposit = RegistrationDeposit;
	type MaxGuardians = MaxGuardians;
	type MaxGuardiansCeiling = ConstU32<4>;
	type FeelessCallsPerDay = FeelessCallsPerDay;
	type MaxFeelessWeightPerBlock = MaxFeelessWeightPerBlock;
	type FeelessPrecheck = ();
	type OnPatientDeregistered = ();
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = HospitalIsActive;
}

/// Benchmarks onboard with the (funded, active) hospital.
#[cfg(feature = "runtime-benchmarks")]
pub struct HospitalIsActive;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for HospitalIsActive {
	fn active_provider() -> u64 {
		HOSPITAL
	}

	fn raise_max_guardians_to_ceiling() {
		use frame_support::traits::Get;
		MaxGuardians::set(<Test as crate::Config>::MaxGuardiansCeiling::get());
	}
}

/// Externalities with funded accounts, at block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [HOSPITAL, NURSE, SUSPENDED_CLINIC, PATIENT, OTHER_PATIENT, PARENT, CARER]
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

/// Runs `test` in fresh externalities and checks the pallet's invariants afterwards.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		PatientIdentity::do_try_state().expect("identity invariants hold");
	});
}
