//! A test runtime: System, Balances and the consent pallet, with a provider registry and a
//! patient registry the tests can change, a settable clock, and deposit slashing that pays the
//! beneficiary from the provider's free balance.

use carechain_primitives::{
	traits::{PatientRegistry, ProviderDeposits, ProviderRegistry},
	Moment, ProviderKind, RegistrationId,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::Mutate, tokens::Preservation, ConstU32, ConstU64, Time},
};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

use crate as pallet_consent;

type Block = frame_system::mocking::MockBlock<Test>;
/// Balance type of the test runtime.
pub type Balance = u64;
/// The accounts of the mock chain.
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Consent: pallet_consent,
	}
);

frame_support::parameter_types! {
	/// The hold reason of record anchor deposits.
	pub const AnchorDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Consent(pallet_consent::HoldReason::AnchorDeposit);
}

/// A record anchor's deposit: 10 plus 1 per byte.
pub type AnchorDeposit = frame_support::traits::fungible::HoldConsideration<
	u64,
	Balances,
	AnchorDepositReason,
	frame_support::traits::LinearStoragePrice<ConstU64<10>, ConstU64<1>, Balance>,
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

/// A hospital: clinical organisation.
pub const HOSPITAL: u64 = 1;
/// A nurse on the hospital's staff.
pub const NURSE: u64 = 2;
/// A laboratory: organisation, not clinical.
pub const LAB: u64 = 3;
/// A technician on the laboratory's staff.
pub const LAB_TECH: u64 = 4;
/// A research institute.
pub const INSTITUTE: u64 = 5;
/// An independent physician (clinical, no staff).
pub const PHYSICIAN: u64 = 6;
/// A clinic that applied but is not approved: never active.
pub const PENDING_CLINIC: u64 = 7;
/// A registered patient.
pub const PATIENT: u64 = 10;
/// A second registered patient.
pub const OTHER_PATIENT: u64 = 11;
/// A registered patient who opted out of emergency access.
pub const OPTED_OUT: u64 = 12;
/// An account that is neither patient nor provider.
pub const STRANGER: u64 = 20;
/// What funded accounts start with.
pub const ENDOWMENT: Balance = 10_000;
/// Genesis time of the tests (unix ms).
pub const START: Moment = 1_700_000_000_000;
/// A day in ms.
pub const DAY: Moment = 86_400_000;

parameter_types! {
	/// The organisation the nurse works for.
	pub static NurseEmployer: u64 = HOSPITAL;
	/// Organisations that left the registry and were approved again (once per entry).
	pub static Reregistered: Vec<u64> = Vec::new();
	/// A guardian dispatching the current call, as `as_guardian` would.
	pub static ActingGuardian: Option<carechain_primitives::traits::GuardianAct> = None;
	/// The clock (unix ms).
	pub static Now: Moment = START;
	/// Providers the tests suspended (no longer active).
	pub static Suspended: Vec<u64> = Vec::new();
	/// Patients the tests deregistered.
	pub static Deregistered: Vec<u64> = Vec::new();
	/// Whether patients have fee-free calls left.
	pub static FeelessQuotaLeft: bool = true;
	/// Changeable in tests, as the Council changes these parameters on the real chain.
	pub static MaxConsentDuration: Moment = 365 * DAY;
	/// How long requests wait.
	pub static RequestTtl: Moment = 7 * DAY;
	/// The emergency window.
	pub static EmergencyAccessWindow: Moment = DAY / 2;
}

/// The clock of the tests.
pub struct MockTime;
impl Time for MockTime {
	type Moment = Moment;
	fn now() -> Moment {
		Now::get()
	}
}

/// Moves the clock to `at` (unix ms).
pub fn set_time(at: Moment) {
	Now::set(at);
}

/// The provider registry of the tests (see the account constants).
pub struct Providers;
impl Providers {
	/// The kind and organisation of `who`, whatever its standing.
	fn organisation_of(who: u64) -> Option<(ProviderKind, u64)> {
		let kind_of = |organisation: u64| match organisation {
			LAB => ProviderKind::Laboratory,
			INSTITUTE => ProviderKind::ResearchInstitute,
			PHYSICIAN => ProviderKind::Physician,
			_ => ProviderKind::Hospital,
		};
		let organisation = match who {
			NURSE => NurseEmployer::get(),
			HOSPITAL | LAB | INSTITUTE | PHYSICIAN => who,
			LAB_TECH => LAB,
			// Benchmark providers (see `BenchmarkHelper`).
			n if n >= 1_000 => n,
			_ => return None,
		};
		Some((kind_of(organisation), organisation))
	}

	/// The current registration of `organisation`: a new one each time it is approved again.
	fn registration(organisation: u64) -> RegistrationId {
		let again = Reregistered::get().iter().filter(|o| **o == organisation).count() as u32;
		(organisation as u32).wrapping_mul(100).wrapping_add(again)
	}
}

impl ProviderRegistry<u64> for Providers {
	fn active_registration(who: &u64) -> Option<(ProviderKind, u64, RegistrationId)> {
		let (kind, organisation) = Self::organisation_of(*who)?;
		(!Suspended::get().contains(&organisation))
			.then(|| (kind, organisation, Self::registration(organisation)))
	}

	fn registration_of(who: &u64) -> Option<RegistrationId> {
		Self::organisation_of(*who).map(|(_, organisation)| Self::registration(organisation))
	}
}

/// Moves the nurse to `organisation`'s staff.
pub fn employ_nurse_at(organisation: u64) {
	NurseEmployer::set(organisation);
}

/// `organisation` leaves the registry and is approved again: it holds a new registration.
pub fn reregister(organisation: u64) {
	Reregistered::mutate(|again| again.push(organisation));
}

/// Suspends `organisation` (it and its staff stop being active).
pub fn suspend(organisation: u64) {
	Suspended::mutate(|suspended| suspended.push(organisation));
}

/// The patient registry of the tests: the patient constants (and benchmark patients), until
/// deregistered.
pub struct Patients;
impl PatientRegistry<u64> for Patients {
	fn is_patient(who: &u64) -> bool {
		(matches!(*who, PATIENT | OTHER_PATIENT | OPTED_OUT) || (500..1_000).contains(who))
			&& !Deregistered::get().contains(who)
	}

	fn emergency_access_allowed(patient: &u64) -> bool {
		Self::is_patient(patient) && *patient != OPTED_OUT
	}

	fn has_feeless_call(patient: &u64) -> bool {
		Self::is_patient(patient) && FeelessQuotaLeft::get()
	}

	fn acting_guardian(patient: &u64) -> Option<carechain_primitives::traits::GuardianAct> {
		ActingGuardian::get().filter(|_| Self::is_patient(patient))
	}
}

/// Deregisters `patient` and runs the pallet's erasure hook, as the identity pallet does.
pub fn deregister(patient: u64) {
	use carechain_primitives::traits::OnPatientDeregistered;
	Deregistered::mutate(|gone| gone.push(patient));
	Consent::on_patient_deregistered(&patient);
}

/// Slashing in the tests: the amount moves from the provider's free balance.
pub struct Deposits;
impl ProviderDeposits<u64, Balance> for Deposits {
	fn slash_deposit(provider: &u64, amount: Balance, beneficiary: &u64) -> Balance {
		Balances::transfer(provider, beneficiary, amount, Preservation::Expendable)
			.map_or(0, |_| amount)
	}
}

/// What an unjustified emergency access costs.
pub const EMERGENCY_SLASH: Balance = 500;
/// The bond held for each emergency access until its review.
pub const EMERGENCY_BOND: Balance = 50;

impl pallet_consent::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Providers = Providers;
	type ProviderDeposits = Deposits;
	type Patients = Patients;
	type Time = MockTime;
	type ApproveOrigin = EnsureRoot<u64>;
	type MaxConsentDuration = MaxConsentDuration;
	type RequestTtl = RequestTtl;
	type EmergencyAccessWindow = EmergencyAccessWindow;
	type EmergencySlash = ConstU64<EMERGENCY_SLASH>;
	type EmergencyBond = ConstU64<EMERGENCY_BOND>;
	type AnchorDeposit = AnchorDeposit;
	type MaxConsentsPerPatient = ConstU32<8>;
	type MaxConsentsPerGrantee = ConstU32<3>;
	type MaxEmergencyConsentsPerPatient = ConstU32<2>;
	type MaxPendingRequests = ConstU32<2>;
	type MaxPendingRequestsPerOrganisation = ConstU32<1>;
	type MaxAnchorsPerPatient = ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkAccounts;
}

/// Benchmark providers are accounts from 1 000 up, benchmark patients from 500.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkAccounts;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for BenchmarkAccounts {
	fn active_provider(index: u32) -> u64 {
		let provider = 1_000 + u64::from(index);
		let _ = Balances::set_balance(&provider, 1_000_000);
		provider
	}

	fn patient(index: u32) -> u64 {
		500 + u64::from(index)
	}

	fn set_time(now: Moment) {
		set_time(now);
	}
}

/// Externalities with funded accounts, at block 1 and time [`START`].
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [HOSPITAL, NURSE, LAB, LAB_TECH, INSTITUTE, PHYSICIAN, PATIENT, OTHER_PATIENT]
			.into_iter()
			.map(|who| (who, ENDOWMENT))
			.collect(),
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
		FeelessQuotaLeft::set(true);
		MaxConsentDuration::set(365 * DAY);
		RequestTtl::set(7 * DAY);
		EmergencyAccessWindow::set(DAY / 2);
	});
	ext
}

/// Runs `test` in fresh externalities and checks the pallet's invariants afterwards.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Consent::do_try_state().expect("consent invariants hold");
	});
}

/// Runs `test` as [`build_and_execute`] does, then gives what the runtime wrote to the
/// off-chain index, as a node keeps it once the block is imported. Returns `test`'s result and
/// the index.
pub fn build_execute_and_read_index<R>(
	test: impl FnOnce() -> R,
) -> (R, sp_core::offchain::testing::TestPersistentOffchainDB) {
	let mut ext = new_test_ext();
	let result = ext.execute_with(|| {
		let result = test();
		Consent::do_try_state().expect("consent invariants hold");
		result
	});
	ext.persist_offchain_overlay();
	(result, ext.offchain_db())
}

/// Runs `test` as [`build_and_execute`] does, then reads back what the runtime wrote to the
/// off-chain index for `patient`'s access log, as a node's RPC reads it: the entries from
/// index 0 on, while there are any. Returns `test`'s result and the entries.
pub fn build_execute_and_read_log<R>(
	patient: &AccountId,
	test: impl FnOnce() -> R,
) -> (R, Vec<carechain_primitives::IndexedAccessEntry<AccountId>>) {
	use codec::Decode;
	let (result, index) = build_execute_and_read_index(test);
	let entries = (0u64..)
		.map_while(|n| index.get(&carechain_primitives::access_log_entry_key(patient, n)))
		.map(|bytes| Decode::decode(&mut &bytes[..]).expect("an indexed entry decodes"))
		.collect();
	(result, entries)
}

/// The ids in `grantee`'s listing in `index`, oldest first.
pub fn listing(
	index: &sp_core::offchain::testing::TestPersistentOffchainDB,
	grantee: &AccountId,
) -> Vec<carechain_primitives::ConsentId> {
	use codec::Decode;
	(0u64..)
		.map_while(|n| index.get(&carechain_primitives::grantee_listing_key(grantee, n)))
		.map(|bytes| Decode::decode(&mut &bytes[..]).expect("a listed id decodes"))
		.collect()
}
