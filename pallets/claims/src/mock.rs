//! A test runtime: System, Balances, the real consent pallet (billing consents, the `HPAYMT`
//! check and record anchors are real) and the claims pallet, with provider and patient
//! registries the tests can change and a settable clock.

use carechain_primitives::{
	claim::{
		anchor_of, day_of, duplicate_key, service_commitment, ClaimTerms, ClaimUse, Day, PlanTerms,
		ServiceSetting, ServiceSettings,
	},
	traits::{PatientRegistry, ProviderDeposits, ProviderRegistry},
	Moment, ProviderKind,
};
use frame_support::{
	assert_ok, derive_impl, parameter_types,
	traits::{
		fungible::{HoldConsideration, Mutate},
		tokens::Preservation,
		ConstU32, ConstU64, LinearStoragePrice, Time,
	},
};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

use crate as pallet_claims;

type Block = frame_system::mocking::MockBlock<Test>;
/// Balance type of the test runtime.
pub type Balance = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Consent: pallet_consent,
		Claims: pallet_claims,
	}
);

parameter_types! {
	/// The hold reason of record anchor deposits.
	pub const AnchorDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Consent(pallet_consent::HoldReason::AnchorDeposit);
	/// The hold reason of claim deposits.
	pub const ClaimDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Claims(pallet_claims::HoldReason::ClaimDeposit);
	/// The hold reason of coverage deposits.
	pub const CoverageDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Claims(pallet_claims::HoldReason::CoverageDeposit);
}

/// A record anchor's deposit: 1, whatever its size.
pub type AnchorDeposit = HoldConsideration<
	u64,
	Balances,
	AnchorDepositReason,
	LinearStoragePrice<ConstU64<1>, ConstU64<0>, Balance>,
>;
/// A claim's deposit.
pub type ClaimDeposit = HoldConsideration<
	u64,
	Balances,
	ClaimDepositReason,
	LinearStoragePrice<ConstU64<CLAIM_DEPOSIT>, ConstU64<0>, Balance>,
>;
/// A coverage's deposit.
pub type CoverageDeposit = HoldConsideration<
	u64,
	Balances,
	CoverageDepositReason,
	LinearStoragePrice<ConstU64<COVERAGE_DEPOSIT>, ConstU64<0>, Balance>,
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

/// An insurer.
pub const INSURER: u64 = 1;
/// A claims clerk on the insurer's staff.
pub const CLERK: u64 = 2;
/// Another insurer.
pub const OTHER_INSURER: u64 = 3;
/// A hospital.
pub const HOSPITAL: u64 = 4;
/// A biller on the hospital's staff.
pub const BILLER: u64 = 5;
/// A clinic.
pub const CLINIC: u64 = 6;
/// A research institute: active, but gives no care.
pub const INSTITUTE: u64 = 7;
/// A hospital without funds.
pub const POOR_HOSPITAL: u64 = 8;
/// The patient's insurer pseudonym: the member.
pub const MEMBER: u64 = 100;
/// The same patient's hospital pseudonym (nothing on chain links the two).
pub const HOSPITAL_PSEUDONYM: u64 = 101;
/// Another member.
pub const OTHER_MEMBER: u64 = 102;
/// Neither patient nor provider.
pub const STRANGER: u64 = 50;
/// What funded accounts start with.
pub const ENDOWMENT: Balance = 1_000_000;
/// The tests' start time (unix ms): noon on day [`TODAY`].
pub const START: Moment = 1_700_000_000_000;
/// A day in ms.
pub const DAY: Moment = 86_400_000;
/// The day the tests start on.
pub const TODAY: Day = (START / DAY) as Day;
/// A claim's deposit.
pub const CLAIM_DEPOSIT: Balance = 5;
/// A coverage's deposit.
pub const COVERAGE_DEPOSIT: Balance = 3;
/// What an upheld dispute slashes.
pub const DISPUTE_SLASH: Balance = 40;
/// The plan the tests use.
pub const PLAN: u32 = 7;
/// What the insurer's float holds after [`setup`].
pub const FLOAT: Balance = 10_000;

parameter_types! {
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

/// Moves the clock `n` days on.
pub fn pass_days(n: u64) {
	Now::mutate(|now| *now += n * DAY);
}

/// The provider registry of the tests.
pub struct Providers;
impl Providers {
	/// The kind and organisation of `who`, whatever its standing.
	fn registered(who: &u64) -> Option<(ProviderKind, u64)> {
		Some(match *who {
			INSURER | CLERK => (ProviderKind::Insurer, INSURER),
			OTHER_INSURER => (ProviderKind::Insurer, OTHER_INSURER),
			HOSPITAL | BILLER => (ProviderKind::Hospital, HOSPITAL),
			CLINIC => (ProviderKind::Clinic, CLINIC),
			INSTITUTE => (ProviderKind::ResearchInstitute, INSTITUTE),
			POOR_HOSPITAL => (ProviderKind::Hospital, POOR_HOSPITAL),
			_ => return None,
		})
	}
}

impl ProviderRegistry<u64> for Providers {
	fn active_registration(
		who: &u64,
	) -> Option<(ProviderKind, u64, carechain_primitives::RegistrationId)> {
		Self::registered(who)
			.filter(|(_, organisation)| !Suspended::get().contains(organisation))
			.map(|(kind, organisation)| (kind, organisation, organisation as u32))
	}

	fn registration_of(who: &u64) -> Option<carechain_primitives::RegistrationId> {
		Self::registered(who).map(|(_, organisation)| organisation as u32)
	}
}

/// Suspends `organisation`.
pub fn suspend(organisation: u64) {
	Suspended::mutate(|suspended| suspended.push(organisation));
}

/// The patient registry of the tests: `MEMBER..MEMBER + 20`, until deregistered.
pub struct Patients;
impl PatientRegistry<u64> for Patients {
	fn is_patient(who: &u64) -> bool {
		(MEMBER..MEMBER + 20).contains(who) && !Deregistered::get().contains(who)
	}

	fn emergency_access_allowed(patient: &u64) -> bool {
		Self::is_patient(patient)
	}

	fn has_feeless_call(patient: &u64) -> bool {
		Self::is_patient(patient)
	}

	fn acting_guardian(_: &u64) -> Option<carechain_primitives::traits::GuardianAct> {
		None
	}
}

/// Deregisters `patient`, running both pallets' erasure hooks as the identity pallet does.
pub fn deregister(patient: u64) {
	use carechain_primitives::traits::OnPatientDeregistered;
	Deregistered::mutate(|gone| gone.push(patient));
	<(Claims, Consent) as OnPatientDeregistered<u64>>::on_patient_deregistered(&patient);
}

/// Slashing in the tests: the amount moves from the provider's free balance.
pub struct Deposits;
impl ProviderDeposits<u64, Balance> for Deposits {
	fn slash_deposit(provider: &u64, amount: Balance, beneficiary: &u64) -> Balance {
		Balances::transfer(provider, beneficiary, amount, Preservation::Expendable)
			.map_or(0, |_| amount)
	}
}

impl pallet_consent::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Providers = Providers;
	type ProviderDeposits = Deposits;
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
	type MaxAnchorsPerPatient = ConstU32<256>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkAccounts;
}

impl pallet_claims::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Providers = Providers;
	type Patients = Patients;
	type Consents = Consent;
	type ProviderDeposits = Deposits;
	type Time = MockTime;
	type ApproveOrigin = EnsureRoot<u64>;
	type ClaimDeposit = ClaimDeposit;
	type CoverageDeposit = CoverageDeposit;
	type DisputeSlash = ConstU64<DISPUTE_SLASH>;
	type MaxCoverageDays = ConstU32<366>;
	type MaxPlanDays = ConstU32<365>;
	type MaxPlansPerInsurer = ConstU32<2>;
	type MaxCoveragesPerMember = ConstU32<2>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkAccounts;
}

/// Benchmarks use the insurer, the hospital and the member accounts of the tests.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkAccounts;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_consent::BenchmarkHelper<u64> for BenchmarkAccounts {
	fn active_provider(_: u32) -> u64 {
		HOSPITAL
	}

	fn patient(index: u32) -> u64 {
		MEMBER + u64::from(index)
	}

	fn set_time(now: Moment) {
		set_time(now);
	}
}
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for BenchmarkAccounts {
	fn insurer() -> u64 {
		INSURER
	}

	fn hospital() -> u64 {
		HOSPITAL
	}

	fn patient(index: u32) -> u64 {
		MEMBER + u64::from(index)
	}

	fn set_time(now: Moment) {
		set_time(now);
	}
}

/// Every account holding funds in the tests.
pub fn accounts() -> Vec<u64> {
	let mut accounts = vec![INSURER, CLERK, OTHER_INSURER, HOSPITAL, BILLER, CLINIC, INSTITUTE];
	accounts.push(STRANGER);
	accounts.extend(MEMBER..MEMBER + 20);
	accounts
}

/// Externalities with funded accounts (all but the poor hospital), at block 1 and [`START`].
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

/// Runs `test` in fresh externalities and checks both pallets' invariants afterwards.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Claims::do_try_state().expect("claims invariants hold");
		Consent::do_try_state().expect("consent invariants hold");
	});
}

/// The plan of the tests: 90 days to file, 1 000 per claim, 5 000 per coverage, inpatient care
/// needs prior authorisation, 30 days to answer, 60 to appeal.
pub fn plan_terms() -> PlanTerms<Balance> {
	PlanTerms {
		filing_limit_days: 90,
		per_claim_cap: 1_000,
		coverage_cap: 5_000,
		prior_authorisation: ServiceSettings::from_flags([ServiceSetting::Inpatient]),
		prompt_pay_days: 30,
		appeal_window_days: 60,
	}
}

/// The insurer's plan, [`FLOAT`] in its float, and `MEMBER`'s coverage (id 0) from 100 days ago
/// to 265 days ahead, accepted.
pub fn setup() -> u64 {
	assert_ok!(Claims::set_plan(RuntimeOrigin::signed(INSURER), PLAN, plan_terms()));
	assert_ok!(Claims::fund_float(RuntimeOrigin::signed(INSURER), FLOAT));
	let coverage = register(MEMBER);
	assert_ok!(Claims::accept_coverage(RuntimeOrigin::signed(MEMBER), coverage));
	coverage
}

/// Registers `member`'s coverage under [`PLAN`] from 100 days ago to 265 days ahead.
pub fn register(member: u64) -> u64 {
	let id = pallet_claims::NextCoverageId::<Test>::get();
	assert_ok!(Claims::register_coverage(
		RuntimeOrigin::signed(CLERK),
		member,
		PLAN,
		TODAY - 100,
		TODAY + 265,
		[9; 32],
	));
	id
}

/// The hospital's record keys of a visit: `n` keys from `seed`.
pub fn record_keys(seed: u8, n: u8) -> Vec<[u8; 32]> {
	(0..n).map(|i| [seed.wrapping_add(i); 32]).collect()
}

/// The hospital pseudonym grants the hospital write access and the hospital anchors `keys`.
pub fn anchor(keys: &[[u8; 32]]) {
	use carechain_primitives::{Action, PurposeOfUse, StandardCategory};
	if pallet_consent::ConsentsByPair::<Test>::get(HOSPITAL_PSEUDONYM, HOSPITAL).is_empty() {
		assert_ok!(Consent::grant(
			RuntimeOrigin::signed(HOSPITAL_PSEUDONYM),
			HOSPITAL,
			StandardCategory::Encounters.into(),
			vec![Action::Read, Action::Write].try_into().unwrap(),
			PurposeOfUse::Treatment.into(),
			Now::get() + 300 * DAY,
		));
	}
	for key in keys {
		assert_ok!(Consent::record_access(
			RuntimeOrigin::signed(BILLER),
			HOSPITAL_PSEUDONYM,
			StandardCategory::Encounters,
			PurposeOfUse::Treatment,
			Action::Write,
			Some(anchor_of(key)),
		));
	}
}

/// A claim as the hospital's billing software builds it.
pub struct ClaimDraft {
	/// The coverage billed.
	pub coverage: u64,
	/// Payment or prior authorisation.
	pub claim_use: ClaimUse,
	/// Where the service is given.
	pub setting: ServiceSetting,
	/// The day of service.
	pub service_date: Day,
	/// What is billed.
	pub amount: Balance,
	/// The record keys billed for.
	pub keys: Vec<[u8; 32]>,
	/// The prior authorisation relied on.
	pub prior: Option<u64>,
	/// The billing organisation (for the duplicate key).
	pub organisation: u64,
}

impl ClaimDraft {
	/// An outpatient claim of 600 against `coverage` for yesterday's visit, of records 1..=2.
	pub fn new(coverage: u64) -> Self {
		Self {
			coverage,
			claim_use: ClaimUse::Claim,
			setting: ServiceSetting::Outpatient,
			service_date: day_of(Now::get()) - 1,
			amount: 600,
			keys: record_keys(1, 2),
			prior: None,
			organisation: HOSPITAL,
		}
	}

	/// The service commitment of the draft.
	pub fn commitment(&self) -> [u8; 32] {
		service_commitment(&HOSPITAL_PSEUDONYM, &self.keys)
	}

	/// Submits the draft as `by`.
	pub fn submit(&self, by: u64) -> sp_runtime::DispatchResult {
		let commitment = self.commitment();
		let terms = ClaimTerms {
			claim_use: self.claim_use,
			setting: self.setting,
			service_date: self.service_date,
			amount: self.amount,
			claim_hash: [7; 32],
			service_commitment: commitment,
			duplicate_key: duplicate_key(&self.organisation, self.service_date, &commitment),
			prior_authorisation: self.prior,
		};
		Claims::submit_claim(RuntimeOrigin::signed(by), self.coverage, terms)
	}
}

/// Submits `draft` as the biller; returns the claim id.
pub fn submit(draft: &ClaimDraft) -> u64 {
	let id = pallet_claims::NextClaimId::<Test>::get();
	assert_ok!(draft.submit(BILLER));
	id
}

/// [`setup`], then the hospital anchors a visit's records and bills them
/// ([`ClaimDraft::new`]): the coverage, the draft and the claim id.
pub fn submitted_claim() -> (u64, ClaimDraft, u64) {
	let coverage = setup();
	let draft = ClaimDraft::new(coverage);
	anchor(&draft.keys);
	let claim = submit(&draft);
	(coverage, draft, claim)
}

/// The last event of the claims pallet.
pub fn last_event() -> pallet_claims::Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Claims(event) => Some(event),
			_ => None,
		})
		.expect("a claims event")
}
