//! Benchmarks of every call and of the erasure hook (frame-benchmarking v2), each at its worst
//! case, also run as tests against the mock.

use super::*;
use carechain_primitives::claim::{
	Adjustment, AdjustmentGroup, Carc, ClaimTerms, ServiceSetting, ServiceSettings,
};
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

/// The benchmarks' clock (unix ms): noon of a day.
const START: Moment = 1_700_000_000_000;
/// The plan the benchmarks publish.
const PLAN: PlanId = 9_001;

/// `n` in the pallet's balance.
fn amount<T: Config>(n: u32) -> BalanceOf<T> {
	n.into()
}

/// The benchmarks' plan: a year to file, inpatient care needs prior authorisation.
fn plan<T: Config>() -> PlanTermsOf<T> {
	PlanTerms {
		filing_limit_days: 365,
		per_claim_cap: amount::<T>(1_000_000),
		coverage_cap: amount::<T>(100_000_000),
		prior_authorisation: ServiceSettings::from_flags([ServiceSetting::Inpatient]),
		prompt_pay_days: 30,
		appeal_window_days: 60,
	}
}

/// The insurer, with the benchmarks' plan and a float for any claim.
fn insurer<T: Config>() -> T::AccountId {
	T::BenchmarkHelper::set_time(START);
	let insurer = T::BenchmarkHelper::insurer();
	Pallet::<T>::set_plan(RawOrigin::Signed(insurer.clone()).into(), PLAN, plan::<T>())
		.expect("an active insurer sets its plan");
	Pallet::<T>::fund_float(RawOrigin::Signed(insurer.clone()).into(), amount::<T>(100_000))
		.expect("the insurer funds its float");
	insurer
}

/// Patient `index`'s coverage under the benchmarks' plan, registered; returns its id.
fn registered<T: Config>(insurer: &T::AccountId, index: u32) -> (T::AccountId, CoverageId) {
	let member = T::BenchmarkHelper::patient(index);
	let today = day_of(START);
	let id = NextCoverageId::<T>::get();
	Pallet::<T>::register_coverage(
		RawOrigin::Signed(insurer.clone()).into(),
		member.clone(),
		PLAN,
		today - 100,
		today + 200,
		[1; 32],
	)
	.expect("the insurer registers the coverage");
	(member, id)
}

/// Patient `index`'s coverage, registered and accepted.
fn accepted<T: Config>(insurer: &T::AccountId, index: u32) -> (T::AccountId, CoverageId) {
	let (member, id) = registered::<T>(insurer, index);
	Pallet::<T>::accept_coverage(RawOrigin::Signed(member.clone()).into(), id)
		.expect("the member accepts");
	(member, id)
}

/// What a claim of `amount` for yesterday's outpatient visit (`seed` tells services apart)
/// asks.
fn terms<T: Config>(
	hospital: &T::AccountId,
	seed: u8,
	amount: BalanceOf<T>,
) -> ClaimTerms<BalanceOf<T>> {
	let service_date = day_of(START) - 1;
	let commitment = [seed; 32];
	ClaimTerms {
		claim_use: ClaimUse::Claim,
		setting: ServiceSetting::Outpatient,
		service_date,
		amount,
		claim_hash: [seed; 32],
		service_commitment: commitment,
		duplicate_key: carechain_primitives::claim::duplicate_key(
			hospital,
			service_date,
			&commitment,
		),
		prior_authorisation: None,
	}
}

/// The hospital submits `terms` against `coverage`; returns the claim id.
fn submitted<T: Config>(
	hospital: &T::AccountId,
	coverage: CoverageId,
	terms: ClaimTerms<BalanceOf<T>>,
) -> ClaimId {
	let id = NextClaimId::<T>::get();
	Pallet::<T>::submit_claim(RawOrigin::Signed(hospital.clone()).into(), coverage, terms)
		.expect("the hospital submits the claim");
	id
}

/// The insurer answers `claim`: `payable` of what was billed, the reason a fee schedule.
fn answered<T: Config>(
	insurer: &T::AccountId,
	claim: ClaimId,
	outcome: Outcome,
	payable: BalanceOf<T>,
) {
	Pallet::<T>::adjudicate(
		RawOrigin::Signed(insurer.clone()).into(),
		claim,
		outcome,
		payable,
		Zero::zero(),
		reasons(),
	)
	.expect("the insurer answers");
}

/// The most adjustments an answer carries.
fn reasons() -> Adjustments {
	let reason = Adjustment {
		group: AdjustmentGroup::ContractualObligation,
		reason: Carc::FeeSchedule,
		remark: Some(carechain_primitives::claim::Rarc::N381),
	};
	Adjustments::truncate_from([reason; 4].to_vec())
}

/// A claim paid in part: insurer, hospital, member, coverage and claim.
fn partly_paid<T: Config>() -> (T::AccountId, T::AccountId, T::AccountId, CoverageId, ClaimId) {
	let insurer = insurer::<T>();
	let hospital = T::BenchmarkHelper::hospital();
	let (member, coverage) = accepted::<T>(&insurer, 0);
	let claim = submitted::<T>(&hospital, coverage, terms::<T>(&hospital, 1, amount::<T>(1_000)));
	answered::<T>(&insurer, claim, Outcome::Partial, amount::<T>(600));
	(insurer, hospital, member, coverage, claim)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_plan() {
		T::BenchmarkHelper::set_time(START);
		let insurer = T::BenchmarkHelper::insurer();

		#[extrinsic_call]
		_(RawOrigin::Signed(insurer.clone()), PLAN, plan::<T>());

		assert!(Plans::<T>::contains_key(&insurer, PLAN));
	}

	#[benchmark]
	fn register_coverage() {
		let insurer = insurer::<T>();
		let member = T::BenchmarkHelper::patient(0);
		let id = NextCoverageId::<T>::get();
		let today = day_of(START);

		#[extrinsic_call]
		_(RawOrigin::Signed(insurer), member, PLAN, today, today + 300, [1; 32]);

		assert!(Coverages::<T>::contains_key(id));
	}

	#[benchmark]
	fn accept_coverage() {
		let insurer = insurer::<T>();
		let (member, id) = registered::<T>(&insurer, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(member), id);

		assert!(Coverages::<T>::get(id).is_some_and(|coverage| coverage.billing_consent.is_some()));
	}

	#[benchmark]
	fn fund_float() {
		let insurer = insurer::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(insurer.clone()), amount::<T>(1_000));

		assert_eq!(Pallet::<T>::float_of(&insurer).0, amount::<T>(101_000));
	}

	#[benchmark]
	fn withdraw_float() {
		let insurer = insurer::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(insurer.clone()), amount::<T>(1_000));

		assert_eq!(Pallet::<T>::float_of(&insurer).0, amount::<T>(99_000));
	}

	/// A claim relying on a prior authorisation: the authorisation is read and written too.
	#[benchmark]
	fn submit_claim() {
		let insurer = insurer::<T>();
		let hospital = T::BenchmarkHelper::hospital();
		let (_, coverage) = accepted::<T>(&insurer, 0);
		let mut planned = terms::<T>(&hospital, 1, amount::<T>(1_000));
		planned.claim_use = ClaimUse::Preauthorization;
		planned.setting = ServiceSetting::Inpatient;
		let prior = submitted::<T>(&hospital, coverage, planned);
		answered::<T>(&insurer, prior, Outcome::Approved, amount::<T>(1_000));
		let mut stay = terms::<T>(&hospital, 2, amount::<T>(1_000));
		stay.setting = ServiceSetting::Inpatient;
		stay.prior_authorisation = Some(prior);
		let id = NextClaimId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(hospital), coverage, stay);

		assert!(Claims::<T>::contains_key(id));
		assert!(Claims::<T>::get(prior).is_some_and(|prior| prior.authorisation_used));
	}

	#[benchmark]
	fn adjudicate() {
		let insurer = insurer::<T>();
		let hospital = T::BenchmarkHelper::hospital();
		let (_, coverage) = accepted::<T>(&insurer, 0);
		let claim =
			submitted::<T>(&hospital, coverage, terms::<T>(&hospital, 1, amount::<T>(1_000)));

		#[extrinsic_call]
		_(
			RawOrigin::Signed(insurer),
			claim,
			Outcome::Partial,
			amount::<T>(600),
			amount::<T>(100),
			reasons(),
		);

		assert_eq!(Claims::<T>::get(claim).map(|claim| claim.paid), Some(amount::<T>(600)));
	}

	#[benchmark]
	fn appeal() {
		let (_, hospital, _, _, claim) = partly_paid::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(hospital), claim);

		assert_eq!(Claims::<T>::get(claim).map(|claim| claim.status), Some(ClaimStatus::Appealed));
	}

	#[benchmark]
	fn reverse() {
		let (insurer, _, _, _, claim) = partly_paid::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(insurer), claim);

		assert_eq!(Claims::<T>::get(claim).map(|claim| claim.status), Some(ClaimStatus::Reversed));
	}

	#[benchmark]
	fn escalate() {
		let insurer = insurer::<T>();
		let hospital = T::BenchmarkHelper::hospital();
		let (_, coverage) = accepted::<T>(&insurer, 0);
		let claim =
			submitted::<T>(&hospital, coverage, terms::<T>(&hospital, 1, amount::<T>(1_000)));
		T::BenchmarkHelper::set_time(START + 31 * DAY_MS);

		#[extrinsic_call]
		_(RawOrigin::Signed(hospital), claim);

		assert_eq!(Claims::<T>::get(claim).map(|claim| claim.status), Some(ClaimStatus::Escalated));
	}

	#[benchmark]
	fn pay_escalated() -> Result<(), BenchmarkError> {
		let insurer = insurer::<T>();
		let hospital = T::BenchmarkHelper::hospital();
		let (_, coverage) = accepted::<T>(&insurer, 0);
		let claim =
			submitted::<T>(&hospital, coverage, terms::<T>(&hospital, 1, amount::<T>(1_000)));
		T::BenchmarkHelper::set_time(START + 31 * DAY_MS);
		Pallet::<T>::escalate(RawOrigin::Signed(hospital).into(), claim)
			.expect("the answer is overdue");
		let council =
			T::ApproveOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(council as T::RuntimeOrigin, claim, amount::<T>(800));

		assert_eq!(Claims::<T>::get(claim).map(|claim| claim.paid), Some(amount::<T>(800)));
		Ok(())
	}

	#[benchmark]
	fn dispute_claim() {
		let (_, _, member, _, claim) = partly_paid::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(member), claim);

		assert!(Claims::<T>::get(claim).is_some_and(|claim| claim.disputed));
	}

	/// Upheld: the repayment and the slash.
	#[benchmark]
	fn review_dispute() -> Result<(), BenchmarkError> {
		let (_, _, member, _, claim) = partly_paid::<T>();
		Pallet::<T>::dispute_claim(RawOrigin::Signed(member).into(), claim)
			.expect("the member disputes");
		let council =
			T::ApproveOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(council as T::RuntimeOrigin, claim, true);

		assert_eq!(Claims::<T>::get(claim).map(|claim| claim.status), Some(ClaimStatus::Reversed));
		Ok(())
	}

	/// A claim relying on a prior authorisation, which is freed.
	#[benchmark]
	fn void_claim() {
		let insurer = insurer::<T>();
		let hospital = T::BenchmarkHelper::hospital();
		let (_, coverage) = accepted::<T>(&insurer, 0);
		let mut planned = terms::<T>(&hospital, 1, amount::<T>(1_000));
		planned.claim_use = ClaimUse::Preauthorization;
		let prior = submitted::<T>(&hospital, coverage, planned);
		answered::<T>(&insurer, prior, Outcome::Approved, amount::<T>(1_000));
		let mut stay = terms::<T>(&hospital, 2, amount::<T>(1_000));
		stay.prior_authorisation = Some(prior);
		let claim = submitted::<T>(&hospital, coverage, stay);

		#[extrinsic_call]
		_(RawOrigin::Signed(hospital), claim);

		assert!(!Claims::<T>::contains_key(claim));
		assert!(Claims::<T>::get(prior).is_some_and(|prior| !prior.authorisation_used));
	}

	#[benchmark]
	fn close_claim() {
		let (_, hospital, _, _, claim) = partly_paid::<T>();
		T::BenchmarkHelper::set_time(START + 400 * DAY_MS);

		#[extrinsic_call]
		_(RawOrigin::Signed(hospital), claim);

		assert!(!Claims::<T>::contains_key(claim));
	}

	/// An accepted coverage past its filing limit: its billing consent is revoked.
	#[benchmark]
	fn close_coverage() {
		let insurer = insurer::<T>();
		let (_, coverage) = accepted::<T>(&insurer, 0);
		T::BenchmarkHelper::set_time(START + 600 * DAY_MS);

		#[extrinsic_call]
		_(RawOrigin::Signed(insurer), coverage);

		assert!(!Coverages::<T>::contains_key(coverage));
	}

	#[benchmark]
	fn decline_coverage() {
		let insurer = insurer::<T>();
		let (member, coverage) = registered::<T>(&insurer, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(member), coverage);

		assert!(!Coverages::<T>::contains_key(coverage));
	}

	/// `dispute_claim`'s pre-check (it reads the claim and its coverage).
	#[benchmark]
	fn precheck_feeless() {
		let (_, _, member, _, claim) = partly_paid::<T>();
		let call = Call::<T>::dispute_claim { claim_id: claim };
		let result;

		#[block]
		{
			result = Pallet::<T>::precheck_feeless(&member, &call);
		}

		assert!(result.is_ok());
	}

	/// A member with `c` accepted coverages deregisters.
	#[benchmark]
	fn erase_member(c: Linear<1, { T::MaxCoveragesPerMember::get() }>) {
		let insurer = insurer::<T>();
		let mut member = None;
		for _ in 0..c {
			member = Some(accepted::<T>(&insurer, 0).0);
		}
		let member = member.expect("at least one coverage");

		#[block]
		{
			<Pallet<T> as OnPatientDeregistered<T::AccountId>>::on_patient_deregistered(&member);
		}

		assert!(CoveragesOf::<T>::get(&member).is_empty());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
