//! A test runtime: System, Balances, the real consent pallet (research consents are checked
//! for real) and the data-rewards pallet, with provider and patient registries the tests can
//! change and a settable clock.

use carechain_primitives::{
	traits::{PatientRegistry, ProviderDeposits, ProviderRegistry},
	Moment, ProviderKind,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, Time},
};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

use crate as pallet_data_rewards;

type Block = frame_system::mocking::MockBlock<Test>;
/// Balance type of the test runtime.
pub type Balance = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Consent: pallet_consent,
		DataRewards: pallet_data_rewards,
	}
);

frame_support::parameter_types! {
	/// The hold reason of record anchor deposits.
	pub const AnchorDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Consent(pallet_consent::HoldReason::AnchorDeposit);
}

/// A record anchor's deposit: 1, whatever its size.
pub type AnchorDeposit = frame_support::traits::fungible::HoldConsideration<
	u64,
	Balances,
	AnchorDepositReason,
	frame_support::traits::LinearStoragePrice<ConstU64<1>, ConstU64<0>, Balance>,
>;

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

/// A research institute.
pub const INSTITUTE: u64 = 1;
/// A researcher on the institute's staff.
pub const RESEARCHER: u64 = 2;
/// A registered patient who is also on the institute's staff.
pub const STAFF_PATIENT: u64 = 40;
/// Another research institute.
pub const OTHER_INSTITUTE: u64 = 3;
/// A hospital: active, but not a research institute.
pub const HOSPITAL: u64 = 4;
/// An institute without funds.
pub const POOR_INSTITUTE: u64 = 5;
/// The first registered patient; patients are `PATIENT..PATIENT + 20`.
pub const PATIENT: u64 = 100;
/// A second registered patient.
pub const OTHER_PATIENT: u64 = 101;
/// Neither patient nor provider.
pub const STRANGER: u64 = 50;
/// An account a patient may name for payouts.
pub const WALLET: u64 = 60;
/// What funded accounts start with.
pub const ENDOWMENT: Balance = 100_000;
/// The tests' start time (unix ms).
pub const START: Moment = 1_700_000_000_000;
/// A day in ms.
pub const DAY: Moment = 86_400_000;
/// The study deposit.
pub const STUDY_DEPOSIT: Balance = 50;
/// The smallest reward.
pub const MIN_REWARD: Balance = 10;

parameter_types! {
	/// A guardian dispatching the current call, as `as_guardian` would.
	pub static ActingGuardian: Option<carechain_primitives::traits::GuardianAct> = None;
	/// The clock (unix ms).
	pub static Now: Moment = START;
	/// Providers the tests suspended.
	pub static Suspended: Vec<u64> = Vec::new();
	/// Patients the tests deregistered.
	pub static Deregistered: Vec<u64> = Vec::new();
}

/// The clock of the tests.
pub struct MockTime;
impl Time for MockTime {
	type Moment = Moment;
	fn now() -> Moment {
		Now::get()
	}
}

/// Moves the clock to `at`.
pub fn set_time(at: Moment) {
	Now::set(at);
}

/// The provider registry of the tests.
pub struct Providers;
impl Providers {
	/// The kind and organisation of `who`, if active.
	fn active(who: &u64) -> Option<(ProviderKind, u64)> {
		let (kind, organisation) = match *who {
			INSTITUTE | RESEARCHER | STAFF_PATIENT => (ProviderKind::ResearchInstitute, INSTITUTE),
			OTHER_INSTITUTE => (ProviderKind::ResearchInstitute, OTHER_INSTITUTE),
			POOR_INSTITUTE => (ProviderKind::ResearchInstitute, POOR_INSTITUTE),
			HOSPITAL => (ProviderKind::Hospital, HOSPITAL),
			_ => return None,
		};
		(!Suspended::get().contains(&organisation)).then_some((kind, organisation))
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

/// Suspends `organisation`.
pub fn suspend(organisation: u64) {
	Suspended::mutate(|suspended| suspended.push(organisation));
}

/// The patient registry of the tests: `PATIENT..PATIENT + 20`, until deregistered.
pub struct Patients;
impl PatientRegistry<u64> for Patients {
	fn is_patient(who: &u64) -> bool {
		((PATIENT..PATIENT + 20).contains(who) || *who == STAFF_PATIENT)
			&& !Deregistered::get().contains(who)
	}

	fn emergency_access_allowed(patient: &u64) -> bool {
		Self::is_patient(patient)
	}

	fn has_feeless_call(patient: &u64) -> bool {
		Self::is_patient(patient)
	}

	fn acting_guardian(patient: &u64) -> Option<carechain_primitives::traits::GuardianAct> {
		ActingGuardian::get().filter(|_| Self::is_patient(patient))
	}
}

/// Deregisters `patient`, running both pallets' erasure hooks as the identity pallet does.
pub fn deregister(patient: u64) {
	use carechain_primitives::traits::OnPatientDeregistered;
	Deregistered::mutate(|gone| gone.push(patient));
	<(DataRewards, Consent) as OnPatientDeregistered<u64>>::on_patient_deregistered(&patient);
}

/// No provider deposits are slashed in these tests.
pub struct NoSlashing;
impl ProviderDeposits<u64, Balance> for NoSlashing {
	fn slash_deposit(_: &u64, _: Balance, _: &u64) -> Balance {
		0
	}
}

impl pallet_consent::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Providers = Providers;
	type ProviderDeposits = NoSlashing;
	type Patients = Patients;
	type Time = MockTime;
	type ApproveOrigin = EnsureRoot<u64>;
	type MaxConsentDuration = ConstU64<{ 365 * DAY }>;
	type RequestTtl = ConstU64<DAY>;
	type EmergencyAccessWindow = ConstU64<DAY>;
	type EmergencySlash = ConstU64<0>;
	type EmergencyBond = ConstU64<0>;
	type AnchorDeposit = AnchorDeposit;
	type MaxConsentsPerPatient = ConstU32<8>;
	type MaxConsentsPerGrantee = ConstU32<8>;
	type MaxEmergencyConsentsPerPatient = ConstU32<2>;
	type MaxPendingRequests = ConstU32<2>;
	type MaxPendingRequestsPerOrganisation = ConstU32<1>;
	type MaxAnchorsPerPatient = ConstU32<2>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkAccounts;
}

impl pallet_data_rewards::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Providers = Providers;
	type Patients = Patients;
	type Consents = Consent;
	type Time = MockTime;
	type ApproveOrigin = EnsureRoot<u64>;
	type StudyDeposit = ConstU64<STUDY_DEPOSIT>;
	type MinReward = ConstU64<MIN_REWARD>;
	type MaxParticipants = ConstU32<20>;
	type MaxStudiesPerPatient = ConstU32<2>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkAccounts;
}

/// Benchmarks use the institute and the patient accounts of the tests.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkAccounts;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_consent::BenchmarkHelper<u64> for BenchmarkAccounts {
	fn active_provider(_: u32) -> u64 {
		INSTITUTE
	}

	fn patient(index: u32) -> u64 {
		PATIENT + u64::from(index)
	}

	fn set_time(now: Moment) {
		set_time(now);
	}
}
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for BenchmarkAccounts {
	fn research_institute(_: u32) -> u64 {
		INSTITUTE
	}

	fn patient(index: u32) -> u64 {
		PATIENT + u64::from(index)
	}

	fn set_time(now: Moment) {
		set_time(now);
	}
}

/// Every account holding funds in the tests.
pub fn accounts() -> Vec<u64> {
	let mut accounts = vec![INSTITUTE, RESEARCHER, OTHER_INSTITUTE, HOSPITAL, STRANGER, WALLET];
	accounts.extend(PATIENT..PATIENT + 20);
	accounts
}

/// Externalities with funded accounts (all but the poor institute), at block 1 and [`START`].
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: accounts().into_iter().map(|who| (who, ENDOWMENT)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		set_time(START);
		Suspended::set(Vec::new());
		Deregistered::set(Vec::new());
	});
	ext
}

/// Runs `test` in fresh externalities and checks the pallet's invariants afterwards.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		DataRewards::do_try_state().expect("data-rewards invariants hold");
	});
}
