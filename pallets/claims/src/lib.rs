//! # Insurance claims
//!
//! Claims settled by the chain (issue 20, `docs/claims.md`), with no health data on chain:
//! amounts, days, closed code lists and hashes.
//!
//! - An insurer publishes a plan's non-clinical terms ([`set_plan`](Pallet::set_plan)) and
//!   registers a patient's coverage under the patient's **insurer pseudonym**
//!   ([`register_coverage`](Pallet::register_coverage)); the member
//!   [`accept_coverage`](Pallet::accept_coverage)s fee-free, which grants the insurer the
//!   `HPAYMT` Billing read consent.
//! - A provider (or its staff) [`submit_claim`](Pallet::submit_claim)s: coverage, service date,
//!   amount, the salted hash of the FHIR Claim, a commitment to the record anchors billed for
//!   and a duplicate key unique across all payers (CARC 18); a prior authorisation is a claim of
//!   use `Preauthorization`. A claim deposit is held from the organisation until it is closed.
//! - The insurer [`adjudicate`](Pallet::adjudicate)s before the prompt-pay deadline: approved,
//!   partial or denied, with CARC/RARC codes; the payable amount moves from the insurer's
//!   claims float ([`fund_float`](Pallet::fund_float)) to the organisation in the same call.
//! - The provider may [`appeal`](Pallet::appeal) once within the appeal window, or
//!   [`escalate`](Pallet::escalate) a missed deadline to the Council, which
//!   [`pay_escalated`](Pallet::pay_escalated) from the float. The insurer may
//!   [`reverse`](Pallet::reverse) a payment (X12 CLP02 22). The member may
//!   [`dispute_claim`](Pallet::dispute_claim) ("service not received"); the Council
//!   [`review_dispute`](Pallet::review_dispute)s and may slash the provider.
//!
//! Funds only ever move between free balances and holds: total issuance never changes.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]
// Runtime code never panics (tests may): no unwrap/expect, no indexing, no unchecked arithmetic.
#![cfg_attr(
	not(test),
	deny(
		clippy::unwrap_used,
		clippy::expect_used,
		clippy::indexing_slicing,
		clippy::arithmetic_side_effects,
		clippy::panic
	)
)]

extern crate alloc;

/// The generated `weights.rs` names this crate by its package name, as runtime weight files do.
extern crate self as pallet_claims;

pub use pallet::*;
pub use weight_info::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod funds;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
#[cfg(test)]
mod mock;
mod reads;
#[cfg(test)]
mod tests;
pub mod weight_info;
pub mod weights;

use carechain_primitives::{
	claim::{
		day_of, start_of, Adjudication, Adjustments, Claim, ClaimId, ClaimStatus, ClaimTerms,
		ClaimUse, Coverage, CoverageId, Day, Outcome, PlanId, PlanTerms,
	},
	deposit::{footprint_of, HeldDeposit},
	traits::{
		ConsentManager, OnPatientDeregistered, PatientRegistry, ProviderDeposits, ProviderRegistry,
	},
	Action, DataCategory, Hash32, Moment, ProviderKind, PurposeOfUse, DAY_MS,
};
use frame_support::{
	dispatch::DispatchResult,
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate, MutateHold},
		Consideration, Footprint, OriginTrait, Time,
	},
};
use frame_system::pallet_prelude::*;
use sp_runtime::traits::{Saturating, Zero};

/// The balance type of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A plan's terms as stored.
pub type PlanTermsOf<T> = PlanTerms<BalanceOf<T>>;
/// A coverage as stored (with its deposit ticket).
pub type CoverageOf<T> =
	Coverage<<T as frame_system::Config>::AccountId, BalanceOf<T>, <T as Config>::CoverageDeposit>;
/// A claim as stored (with its deposit ticket).
pub type ClaimOf<T> =
	Claim<<T as frame_system::Config>::AccountId, BalanceOf<T>, <T as Config>::ClaimDeposit>;
/// A claim as clients see it: its deposit as the amount held.
pub type ClaimViewOf<T> = Claim<<T as frame_system::Config>::AccountId, BalanceOf<T>, BalanceOf<T>>;
/// A coverage as clients see it: its deposit as the amount held.
pub type CoverageViewOf<T> =
	Coverage<<T as frame_system::Config>::AccountId, BalanceOf<T>, BalanceOf<T>>;

/// What the benchmarks need from the rest of the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// An active insurer with funds for any float and deposit.
	fn insurer() -> AccountId;
	/// An active hospital with funds for any deposit.
	fn hospital() -> AccountId;
	/// A registered patient; `index` tells several apart.
	fn patient(index: u32) -> AccountId;
	/// Sets the wall-clock time (unix ms).
	fn set_time(now: Moment);
}

// FRAME's pallet macros expand to `expect` on facts fixed at compile time (a pallet's name,
// its storage prefixes), spanned on this module; the pallet's own code uses none.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency floats, payments and deposits are in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// Who is an active provider, of which kind.
		type Providers: ProviderRegistry<Self::AccountId>;

		/// Who is a patient; their fee-free quota.
		type Patients: PatientRegistry<Self::AccountId>;

		/// Billing consents, the `HPAYMT` check and record anchors.
		type Consents: ConsentManager<Self::AccountId>;

		/// Slashing of a provider's registration deposit when the Council upholds a dispute.
		type ProviderDeposits: ProviderDeposits<Self::AccountId, BalanceOf<Self>>;

		/// Wall-clock time (unix ms).
		type Time: Time<Moment = Moment>;

		/// Who pays escalated claims and reviews disputes (the Council, or Root).
		type ApproveOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The deposit of a claim, held from the billing organisation until the claim is
		/// closed. In CareChain a `HoldConsideration` under [`HoldReason::ClaimDeposit`].
		type ClaimDeposit: Consideration<Self::AccountId, Footprint> + HeldDeposit<BalanceOf<Self>>;

		/// The deposit of a coverage, held from the insurer until the coverage is closed. In
		/// CareChain a `HoldConsideration` under [`HoldReason::CoverageDeposit`].
		type CoverageDeposit: Consideration<Self::AccountId, Footprint>
			+ HeldDeposit<BalanceOf<Self>>;

		/// What an upheld dispute slashes from the provider's registration deposit, paid to
		/// the member.
		type DisputeSlash: Get<BalanceOf<Self>>;

		/// The longest coverage period, in days.
		#[pallet::constant]
		type MaxCoverageDays: Get<u32>;

		/// The longest filing limit, prompt-pay deadline or appeal window a plan may set, in
		/// days.
		#[pallet::constant]
		type MaxPlanDays: Get<u32>;

		/// Most plans an insurer may publish.
		#[pallet::constant]
		type MaxPlansPerInsurer: Get<u32>;

		/// Most coverages a member may hold; bounds the erasure on deregistration.
		#[pallet::constant]
		type MaxCoveragesPerMember: Get<u32>;

		/// Weights of the calls, from the benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up what the benchmarks need from other pallets.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// An insurer's claims float: what adjudications are paid from.
		ClaimsFloat,
		/// The deposit of a claim.
		ClaimDeposit,
		/// The deposit of a coverage.
		CoverageDeposit,
	}

	/// The plans of each insurer, by plan id.
	#[pallet::storage]
	pub type Plans<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, PlanId, PlanTermsOf<T>>;

	/// How many plans each insurer has published.
	#[pallet::storage]
	pub type PlanCount<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The id the next coverage gets.
	#[pallet::storage]
	pub type NextCoverageId<T: Config> = StorageValue<_, CoverageId, ValueQuery>;

	/// Coverages, by id.
	#[pallet::storage]
	pub type Coverages<T: Config> = StorageMap<_, Twox64Concat, CoverageId, CoverageOf<T>>;

	/// The coverages of each member (an insurer pseudonym), for listing and erasure.
	#[pallet::storage]
	pub type CoveragesOf<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<CoverageId, T::MaxCoveragesPerMember>,
		ValueQuery,
	>;

	/// The id the next claim gets.
	#[pallet::storage]
	pub type NextClaimId<T: Config> = StorageValue<_, ClaimId, ValueQuery>;

	/// Claims (and prior authorisations) not closed yet, by id.
	#[pallet::storage]
	pub type Claims<T: Config> = StorageMap<_, Twox64Concat, ClaimId, ClaimOf<T>>;

	/// The claims of each coverage, for listing.
	#[pallet::storage]
	pub type ClaimsOfCoverage<T: Config> =
		StorageDoubleMap<_, Twox64Concat, CoverageId, Twox64Concat, ClaimId, ()>;

	/// The duplicate key of every open claim for payment, across all payers (CARC 18).
	#[pallet::storage]
	pub type DuplicateKeys<T: Config> = StorageMap<_, Identity, Hash32, ClaimId>;

	/// What each insurer may still owe: the billed amount, less what was paid, of its claims
	/// awaiting an answer. Its float cannot be withdrawn below it.
	#[pallet::storage]
	pub type Outstanding<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BalanceOf<T>, ValueQuery>;

	/// Events of the pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An insurer published (or changed) a plan's terms.
		PlanSet {
			/// The insurer.
			insurer: T::AccountId,
			/// The plan.
			plan: PlanId,
		},
		/// An insurer registered a coverage; it awaits the member's acceptance.
		CoverageRegistered {
			/// The coverage.
			coverage_id: CoverageId,
			/// The insurer.
			insurer: T::AccountId,
			/// The member (insurer pseudonym).
			member: T::AccountId,
			/// The plan.
			plan: PlanId,
		},
		/// The member accepted a coverage, granting the insurer the billing consent.
		CoverageAccepted {
			/// The coverage.
			coverage_id: CoverageId,
			/// The `HPAYMT` Billing consent granted.
			consent_id: carechain_primitives::ConsentId,
		},
		/// A coverage was closed, declined by its member, or erased with its member; its
		/// deposit went back to the insurer.
		CoverageClosed {
			/// The coverage.
			coverage_id: CoverageId,
		},
		/// An insurer added to its claims float.
		FloatFunded {
			/// The insurer.
			insurer: T::AccountId,
			/// The amount added.
			amount: BalanceOf<T>,
		},
		/// An insurer took funds out of its claims float.
		FloatWithdrawn {
			/// The insurer.
			insurer: T::AccountId,
			/// The amount taken out.
			amount: BalanceOf<T>,
		},
		/// A claim (or prior-authorisation request) was submitted.
		ClaimSubmitted {
			/// The claim.
			claim_id: ClaimId,
			/// The coverage billed.
			coverage_id: CoverageId,
			/// The billing organisation.
			organisation: T::AccountId,
			/// Payment or prior authorisation.
			claim_use: ClaimUse,
			/// What is billed.
			amount: BalanceOf<T>,
		},
		/// A claim was adjudicated: the explanation of benefit (what was billed, paid, and is
		/// owed by the patient). `paid_now` moved from the float in this call.
		ClaimAdjudicated {
			/// The claim.
			claim_id: ClaimId,
			/// The decision.
			outcome: Outcome,
			/// Billed.
			billed: BalanceOf<T>,
			/// Payable in total (authorised, for a prior authorisation).
			payable: BalanceOf<T>,
			/// Owed by the patient.
			patient_share: BalanceOf<T>,
			/// Paid in this call.
			paid_now: BalanceOf<T>,
			/// Whether the Council decided (after an escalation).
			by_council: bool,
		},
		/// The provider appealed an adjudication.
		ClaimAppealed {
			/// The claim.
			claim_id: ClaimId,
		},
		/// The insurer's answer is overdue and the provider escalated to the Council.
		ClaimEscalated {
			/// The claim.
			claim_id: ClaimId,
		},
		/// The insurer reversed a payment: the organisation repaid it to the float.
		ClaimReversed {
			/// The claim.
			claim_id: ClaimId,
			/// What went back to the insurer.
			repaid: BalanceOf<T>,
		},
		/// The member disputes a claim ("service not received").
		ClaimDisputed {
			/// The claim.
			claim_id: ClaimId,
		},
		/// The Council reviewed a dispute. Upheld: the claim is reversed (`repaid` went back to
		/// the insurer) and `slashed` of the provider's deposit went to the member.
		DisputeReviewed {
			/// The claim.
			claim_id: ClaimId,
			/// Whether the dispute was upheld.
			upheld: bool,
			/// What went back to the insurer.
			repaid: BalanceOf<T>,
			/// What the provider's deposit paid the member.
			slashed: BalanceOf<T>,
		},
		/// The provider withdrew a claim before any answer (X12 frequency 8).
		ClaimVoided {
			/// The claim.
			claim_id: ClaimId,
		},
		/// A settled claim was closed; its deposit went back to the organisation.
		ClaimClosed {
			/// The claim.
			claim_id: ClaimId,
		},
	}

	/// Errors of the pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// Only an active insurer (or its staff) may do this.
		NotAnInsurer,
		/// Only the insurer's own account may move its money or set its plans, not its staff.
		NotTheInsurerItself,
		/// The plan's terms are out of range (zero or too many days, a zero cap, a coverage
		/// cap below the per-claim cap, unknown settings).
		InvalidPlan,
		/// The insurer has `MaxPlansPerInsurer` plans.
		TooManyPlans,
		/// No such plan of this insurer.
		UnknownPlan,
		/// The coverage period is empty, over, or longer than `MaxCoverageDays`.
		InvalidPeriod,
		/// The member is not a registered patient.
		NotAPatient,
		/// The member holds `MaxCoveragesPerMember` coverages.
		TooManyCoverages,
		/// The deposit or float cannot be held.
		InsufficientFunds,
		/// No such coverage.
		UnknownCoverage,
		/// Only the coverage's member may do this.
		NotTheMember,
		/// The coverage is accepted already.
		AlreadyAccepted,
		/// The member has not accepted the coverage.
		CoverageNotAccepted,
		/// The coverage's claims may still be filed, or some are open.
		CoverageInUse,
		/// The amount is zero.
		ZeroAmount,
		/// The float would fall below what the insurer may still owe.
		FloatCommitted,
		/// Only an active provider that gives care (or its staff) may bill.
		NotABillingProvider,
		/// The coverage's insurer is not an active insurer (CARC 109).
		InsurerNotActive,
		/// No consent of the member lets the insurer read Billing data for payment now.
		NoBillingConsent,
		/// The service date is outside the coverage period (CARC 26 / 27).
		ServiceOutsideCoverage,
		/// A claim for payment is for a service given: its date cannot be in the future.
		ServiceInFuture,
		/// The plan's filing limit has passed (CARC 29).
		FilingLimitPassed,
		/// The amount is over the plan's per-claim cap (CARC 45).
		AmountOverCap,
		/// A claim with this duplicate key is open, with this or another payer (CARC 18).
		DuplicateClaim,
		/// The plan needs an approved prior authorisation for this setting (CARC 197).
		PriorAuthorisationRequired,
		/// The prior authorisation is not an approved, unused one of this coverage and
		/// organisation.
		InvalidPriorAuthorisation,
		/// The amount is over the amount authorised (CARC 198).
		AuthorisationExceeded,
		/// No such open claim.
		UnknownClaim,
		/// Only the claim's insurer (or its staff) may do this.
		NotTheInsurer,
		/// Only the claim's billing organisation (or its staff) may do this.
		NotTheBillingProvider,
		/// The claim is not awaiting an answer.
		NotAwaitingAnswer,
		/// Payable plus the patient's share exceed what was billed.
		SplitExceedsBilled,
		/// The outcome does not match the split: approved pays all but the patient's share;
		/// partial pays some and gives a reason; denied pays nothing and gives a reason.
		OutcomeInconsistent,
		/// A new answer cannot pay less than was paid already.
		BelowAlreadyPaid,
		/// The payment would take the coverage over the plan's coverage cap (CARC 119).
		CoverageCapExceeded,
		/// The insurer's float cannot pay this.
		FloatTooLow,
		/// Only a partial or denied claim may be appealed, once.
		NotAppealable,
		/// The appeal window has passed.
		AppealWindowPassed,
		/// The insurer's answer is not overdue yet.
		AnswerNotDue,
		/// The claim is not escalated.
		NotEscalated,
		/// Only a paid claim may be reversed.
		NotReversible,
		/// The organisation cannot repay what it was paid.
		ProviderCannotRepay,
		/// Only a claim for payment that was adjudicated may be disputed, once.
		NotDisputable,
		/// The claim is not disputed.
		NotDisputed,
		/// Only a claim not answered yet may be voided.
		NotVoidable,
		/// The claim may still change (appealed, disputed, re-filed within the filing limit).
		NotSettled,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxCoverageDays::get() > 0, "MaxCoverageDays must allow a day");
			assert!(T::MaxPlanDays::get() > 0, "MaxPlanDays must allow a day");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Publish (or change) plan `plan`'s terms. Changed terms apply to claims answered or
		/// appealed from now on.
		///
		/// Origin: an active insurer's own account. Complexity: O(1).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_plan())]
		pub fn set_plan(
			origin: OriginFor<T>,
			plan: PlanId,
			terms: PlanTermsOf<T>,
		) -> DispatchResult {
			let insurer = Self::insurer_itself(origin)?;
			ensure!(Self::is_valid_plan(&terms), Error::<T>::InvalidPlan);
			if !Plans::<T>::contains_key(&insurer, plan) {
				let count = PlanCount::<T>::get(&insurer);
				ensure!(count < T::MaxPlansPerInsurer::get(), Error::<T>::TooManyPlans);
				PlanCount::<T>::insert(&insurer, count.saturating_add(1));
			}
			Plans::<T>::insert(&insurer, plan, terms);
			Self::deposit_event(Event::PlanSet { insurer, plan });
			Ok(())
		}

		/// Register `member`'s coverage under `plan` from `starts_on` to `ends_on` (days,
		/// inclusive); `member` is the patient's insurer pseudonym, handed over at enrolment.
		/// The coverage deposit is held from the insurer. It covers nothing until the member
		/// accepts it.
		///
		/// Origin: an active insurer or its staff (the insurer pays). Complexity: O(1).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::register_coverage())]
		pub fn register_coverage(
			origin: OriginFor<T>,
			member: T::AccountId,
			plan: PlanId,
			starts_on: Day,
			ends_on: Day,
			member_id_hash: Hash32,
		) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			let insurer = Self::active_insurer(&caller)?;
			ensure!(Plans::<T>::contains_key(&insurer, plan), Error::<T>::UnknownPlan);
			let today = day_of(T::Time::now());
			ensure!(
				starts_on <= ends_on
					&& ends_on >= today
					&& ends_on.saturating_sub(starts_on) < T::MaxCoverageDays::get(),
				Error::<T>::InvalidPeriod
			);
			ensure!(T::Patients::is_patient(&member), Error::<T>::NotAPatient);
			let coverage_id = NextCoverageId::<T>::get();
			CoveragesOf::<T>::try_mutate(&member, |coverages| {
				coverages.try_push(coverage_id).map_err(|_| Error::<T>::TooManyCoverages)
			})?;
			let deposit = T::CoverageDeposit::new(&insurer, Self::coverage_footprint())
				.map_err(|_| Error::<T>::InsufficientFunds)?;
			NextCoverageId::<T>::put(coverage_id.saturating_add(1));
			Coverages::<T>::insert(
				coverage_id,
				Coverage {
					insurer: insurer.clone(),
					member: member.clone(),
					plan,
					starts_on,
					ends_on,
					member_id_hash,
					billing_consent: None,
					paid: Zero::zero(),
					open_claims: 0,
					deposit,
				},
			);
			Self::deposit_event(Event::CoverageRegistered { coverage_id, insurer, member, plan });
			Ok(())
		}

		/// Accept coverage `coverage_id`: grants the insurer a consent to read Billing data for
		/// payment (`HPAYMT`) until the coverage's last claim can be filed (its end plus the
		/// plan's filing limit). Revoking that consent stops new claims.
		///
		/// Origin: the member, or a guardian acting for them (fee-free). Complexity: O(1).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::accept_coverage().saturating_add(T::Consents::grant_weight()))]
		#[pallet::feeless_if(|origin: &OriginFor<T>, _c: &CoverageId| -> bool {
			T::Patients::is_feeless_signer(origin.as_signer())
		})]
		pub fn accept_coverage(origin: OriginFor<T>, coverage_id: CoverageId) -> DispatchResult {
			let member = ensure_signed(origin)?;
			let mut coverage = Self::acceptable_coverage(&member, coverage_id)?;
			let plan =
				Plans::<T>::get(&coverage.insurer, coverage.plan).ok_or(Error::<T>::UnknownPlan)?;
			let last_filing_day = coverage.ends_on.saturating_add(plan.filing_limit_days);
			let expires_at = start_of(last_filing_day.saturating_add(1));
			let consent_id = T::Consents::grant_billing_consent(
				&member,
				&coverage.insurer,
				coverage_id,
				expires_at,
			)?;
			coverage.billing_consent = Some(consent_id);
			Coverages::<T>::insert(coverage_id, coverage);
			Self::deposit_event(Event::CoverageAccepted { coverage_id, consent_id });
			Ok(())
		}

		/// Hold `amount` more in the claims float adjudications are paid from.
		///
		/// Origin: an active insurer's own account. Complexity: O(1).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::fund_float())]
		pub fn fund_float(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			let insurer = Self::insurer_itself(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			T::Currency::hold(&HoldReason::ClaimsFloat.into(), &insurer, amount)
				.map_err(|_| Error::<T>::InsufficientFunds)?;
			Self::deposit_event(Event::FloatFunded { insurer, amount });
			Ok(())
		}

		/// Release `amount` of the claims float, keeping at least what the insurer may still
		/// owe on claims awaiting its answer.
		///
		/// Origin: an insurer's own account (active or not). Complexity: O(1).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::withdraw_float())]
		pub fn withdraw_float(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			let insurer = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			Self::release_float(&insurer, amount)?;
			Self::deposit_event(Event::FloatWithdrawn { insurer, amount });
			Ok(())
		}

		/// Submit a claim (or, with `claim_use` `Preauthorization`, a prior-authorisation
		/// request) against `coverage_id`. Refused, with nothing stored, unless the provider is
		/// active, the member's consent lets the insurer read Billing for payment now, the
		/// coverage was active on the service date, the filing limit has not passed, the
		/// amount is within the plan's cap, the duplicate key is new across all payers and any
		/// prior authorisation the plan needs is approved, unused and large enough. The claim
		/// deposit is held from the organisation until the claim is closed.
		///
		/// Origin: an active provider that gives care, or its staff (the organisation pays).
		/// Complexity: O(1).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::submit_claim().saturating_add(T::Consents::check_weight()))]
		pub fn submit_claim(
			origin: OriginFor<T>,
			coverage_id: CoverageId,
			terms: ClaimTerms<BalanceOf<T>>,
		) -> DispatchResult {
			let submitter = ensure_signed(origin)?;
			Self::submit(submitter, coverage_id, terms)
		}

		/// Answer a claim awaiting the insurer (submitted, appealed, or escalated and not yet
		/// paid by the Council): the outcome, the total payable, the patient's share and the
		/// CARC/RARC reasons. What is payable beyond what was paid moves from the float to the
		/// organisation now. For a prior authorisation `payable` is the amount authorised and
		/// nothing moves.
		///
		/// Origin: the claim's active insurer or its staff. Complexity: O(1).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::adjudicate())]
		pub fn adjudicate(
			origin: OriginFor<T>,
			claim_id: ClaimId,
			outcome: Outcome,
			payable: BalanceOf<T>,
			patient_share: BalanceOf<T>,
			adjustments: Adjustments,
		) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			let claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::UnknownClaim)?;
			ensure!(Self::active_insurer(&caller)? == claim.insurer, Error::<T>::NotTheInsurer);
			ensure!(claim.status.awaits_answer(), Error::<T>::NotAwaitingAnswer);
			Self::check_split(&claim, outcome, payable, patient_share, &adjustments)?;
			let adjudication = Adjudication {
				outcome,
				payable,
				patient_share,
				adjustments,
				at: T::Time::now(),
				by_council: false,
			};
			Self::settle(claim_id, claim, adjudication)
		}

		/// Appeal a partial or denied claim, once, within the plan's appeal window: the insurer
		/// answers again (by a new prompt-pay deadline), and cannot pay less than it paid.
		///
		/// Origin: the claim's active billing organisation or its staff. Complexity: O(1).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::appeal())]
		pub fn appeal(origin: OriginFor<T>, claim_id: ClaimId) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			let claim = Self::claim_of_provider(&caller, claim_id)?;
			let adjudication = claim.adjudication.as_ref().ok_or(Error::<T>::NotAppealable)?;
			ensure!(
				claim.status == ClaimStatus::Adjudicated
					&& adjudication.outcome != Outcome::Approved
					&& !claim.appealed,
				Error::<T>::NotAppealable
			);
			let plan = Self::plan_of(&claim)?;
			let now = T::Time::now();
			ensure!(
				now < adjudication.at.saturating_add(days(plan.appeal_window_days)),
				Error::<T>::AppealWindowPassed
			);
			Self::update(claim_id, claim, |claim| {
				claim.appealed = true;
				claim.answer_due = now.saturating_add(days(plan.prompt_pay_days));
				claim.status = ClaimStatus::Appealed;
				Ok(())
			})?;
			Self::deposit_event(Event::ClaimAppealed { claim_id });
			Ok(())
		}

		/// Reverse a paid claim (X12 CLP02 22): the organisation repays what it was paid into
		/// the insurer's float, and the claim is final (it may be closed and billed anew).
		///
		/// Origin: the claim's active insurer or its staff. Complexity: O(1).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::reverse())]
		pub fn reverse(origin: OriginFor<T>, claim_id: ClaimId) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			let claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::UnknownClaim)?;
			ensure!(Self::active_insurer(&caller)? == claim.insurer, Error::<T>::NotTheInsurer);
			ensure!(
				claim.status == ClaimStatus::Adjudicated && !claim.paid.is_zero(),
				Error::<T>::NotReversible
			);
			let repaid = claim.paid;
			Self::repay(&claim.organisation, &claim.insurer, repaid)
				.map_err(|_| Error::<T>::ProviderCannotRepay)?;
			Self::update(claim_id, claim, |claim| {
				Self::take_back(claim, repaid);
				claim.status = ClaimStatus::Reversed;
				Ok(())
			})?;
			Self::deposit_event(Event::ClaimReversed { claim_id, repaid });
			Ok(())
		}

		/// Escalate a claim whose answer is overdue (past the plan's prompt-pay deadline) to
		/// the Council, which may pay it from the insurer's float.
		///
		/// Origin: the claim's active billing organisation or its staff. Complexity: O(1).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::escalate())]
		pub fn escalate(origin: OriginFor<T>, claim_id: ClaimId) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			let claim = Self::claim_of_provider(&caller, claim_id)?;
			ensure!(
				matches!(claim.status, ClaimStatus::Submitted | ClaimStatus::Appealed),
				Error::<T>::NotAwaitingAnswer
			);
			ensure!(T::Time::now() > claim.answer_due, Error::<T>::AnswerNotDue);
			Self::update(claim_id, claim, |claim| {
				claim.status = ClaimStatus::Escalated;
				Ok(())
			})?;
			Self::deposit_event(Event::ClaimEscalated { claim_id });
			Ok(())
		}

		/// Decide an escalated claim: `payable` (at most what was billed, at least what was
		/// paid) moves from the insurer's float to the organisation now.
		///
		/// Origin: `ApproveOrigin` (a Council majority). Complexity: O(1).
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::pay_escalated())]
		pub fn pay_escalated(
			origin: OriginFor<T>,
			claim_id: ClaimId,
			payable: BalanceOf<T>,
		) -> DispatchResult {
			T::ApproveOrigin::ensure_origin(origin)?;
			let claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::UnknownClaim)?;
			ensure!(claim.status == ClaimStatus::Escalated, Error::<T>::NotEscalated);
			ensure!(payable <= claim.amount, Error::<T>::SplitExceedsBilled);
			let outcome = if payable == claim.amount {
				Outcome::Approved
			} else if payable.is_zero() {
				Outcome::Denied
			} else {
				Outcome::Partial
			};
			let adjudication = Adjudication {
				outcome,
				payable,
				patient_share: Zero::zero(),
				adjustments: Default::default(),
				at: T::Time::now(),
				by_council: true,
			};
			Self::settle(claim_id, claim, adjudication)
		}

		/// Dispute an adjudicated claim for payment: "I did not receive this service". The
		/// Council reviews it; until then the claim cannot be closed.
		///
		/// Origin: the coverage's member, or a guardian acting for them (fee-free).
		/// Complexity: O(1).
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::dispute_claim())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, _c: &ClaimId| -> bool {
			T::Patients::is_feeless_signer(origin.as_signer())
		})]
		pub fn dispute_claim(origin: OriginFor<T>, claim_id: ClaimId) -> DispatchResult {
			let member = ensure_signed(origin)?;
			let mut claim = Self::disputable_claim(&member, claim_id)?;
			claim.disputed = true;
			Claims::<T>::insert(claim_id, claim);
			Self::deposit_event(Event::ClaimDisputed { claim_id });
			Ok(())
		}

		/// Review a member's dispute. Upheld: what the organisation was paid goes back to the
		/// insurer's float (as much as it can repay), the claim is reversed, and
		/// `DisputeSlash` of the provider's registration deposit is paid to the member.
		///
		/// Origin: `ApproveOrigin` (a Council majority). Complexity: O(1).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::review_dispute())]
		pub fn review_dispute(
			origin: OriginFor<T>,
			claim_id: ClaimId,
			upheld: bool,
		) -> DispatchResult {
			T::ApproveOrigin::ensure_origin(origin)?;
			let mut claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::UnknownClaim)?;
			ensure!(claim.disputed, Error::<T>::NotDisputed);
			claim.disputed = false;
			let (mut repaid, mut slashed) = (Zero::zero(), Zero::zero());
			if upheld {
				repaid = Self::repay_what_it_can(&claim.organisation, &claim.insurer, claim.paid);
				if let Some(coverage) = Coverages::<T>::get(claim.coverage) {
					slashed = T::ProviderDeposits::slash_deposit(
						&claim.organisation,
						T::DisputeSlash::get(),
						&coverage.member,
					);
				}
				Self::update(claim_id, claim, |claim| {
					Self::take_back(claim, repaid);
					claim.status = ClaimStatus::Reversed;
					Ok(())
				})?;
			} else {
				Claims::<T>::insert(claim_id, claim);
			}
			Self::deposit_event(Event::DisputeReviewed { claim_id, upheld, repaid, slashed });
			Ok(())
		}

		/// Withdraw a claim before the insurer answered it (X12 frequency code 8): it goes,
		/// with its duplicate key, and the deposit returns.
		///
		/// Origin: the claim's active billing organisation or its staff. Complexity: O(1).
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::void_claim())]
		pub fn void_claim(origin: OriginFor<T>, claim_id: ClaimId) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			let claim = Self::claim_of_provider(&caller, claim_id)?;
			ensure!(claim.status == ClaimStatus::Submitted, Error::<T>::NotVoidable);
			if let Some(authorisation) = claim.prior_authorisation {
				Claims::<T>::mutate(authorisation, |prior| {
					if let Some(prior) = prior {
						prior.authorisation_used = false;
					}
				});
			}
			Self::remove(claim_id, claim);
			Self::deposit_event(Event::ClaimVoided { claim_id });
			Ok(())
		}

		/// Close a settled claim: reversed, or adjudicated with its appeal window and the
		/// plan's filing limit passed (so that its service cannot be billed again) and no
		/// dispute open. Its deposit goes back to the organisation.
		///
		/// Origin: any signed account. Complexity: O(1).
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::close_claim())]
		pub fn close_claim(origin: OriginFor<T>, claim_id: ClaimId) -> DispatchResult {
			ensure_signed(origin)?;
			let claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::UnknownClaim)?;
			ensure!(Self::is_settled(&claim)?, Error::<T>::NotSettled);
			Self::remove(claim_id, claim);
			Self::deposit_event(Event::ClaimClosed { claim_id });
			Ok(())
		}

		/// Close a coverage none of whose claims is open: one never accepted at any time, an
		/// accepted one once its last claim could be filed (its end plus the filing limit).
		/// The billing consent is revoked and the deposit returns to the insurer.
		///
		/// Origin: the coverage's insurer or its staff (active or not). Complexity: O(1).
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::close_coverage().saturating_add(T::Consents::revoke_weight()))]
		pub fn close_coverage(origin: OriginFor<T>, coverage_id: CoverageId) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			let coverage = Coverages::<T>::get(coverage_id).ok_or(Error::<T>::UnknownCoverage)?;
			let staff_of_insurer = T::Providers::registration_of(&caller)
				.is_some_and(|own| T::Providers::registration_of(&coverage.insurer) == Some(own));
			ensure!(caller == coverage.insurer || staff_of_insurer, Error::<T>::NotTheInsurer);
			let filing_over = match Plans::<T>::get(&coverage.insurer, coverage.plan) {
				Some(plan) => {
					day_of(T::Time::now()) > coverage.ends_on.saturating_add(plan.filing_limit_days)
				},
				None => true,
			};
			ensure!(
				coverage.open_claims == 0 && (coverage.billing_consent.is_none() || filing_over),
				Error::<T>::CoverageInUse
			);
			Self::remove_coverage(coverage_id, coverage);
			Ok(())
		}

		/// Decline coverage `coverage_id`, which the member has not accepted: it goes and its
		/// deposit returns to the insurer, so that no insurer can fill a member's list
		/// (`MaxCoveragesPerMember`) with coverages the member never wanted.
		///
		/// Origin: the member, or a guardian acting for them (fee-free). Complexity: O(1).
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::decline_coverage())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, _c: &CoverageId| -> bool {
			T::Patients::is_feeless_signer(origin.as_signer())
		})]
		pub fn decline_coverage(origin: OriginFor<T>, coverage_id: CoverageId) -> DispatchResult {
			let member = ensure_signed(origin)?;
			let coverage = Self::acceptable_coverage(&member, coverage_id)?;
			Self::remove_coverage(coverage_id, coverage);
			Ok(())
		}
	}
}

/// `n` days in unix ms.
fn days(n: u32) -> Moment {
	Moment::from(n).saturating_mul(DAY_MS)
}

impl<T: Config> Pallet<T> {
	/// The organisation of `caller` if it is an active insurer (or staff of one).
	fn active_insurer(caller: &T::AccountId) -> Result<T::AccountId, DispatchError> {
		match T::Providers::active_provider(caller) {
			Some((ProviderKind::Insurer, organisation)) => Ok(organisation),
			_ => Err(Error::<T>::NotAnInsurer.into()),
		}
	}

	/// The signer of `origin` if it is an active insurer's own account (not its staff).
	fn insurer_itself(origin: T::RuntimeOrigin) -> Result<T::AccountId, DispatchError> {
		let caller = ensure_signed(origin)?;
		let insurer = Self::active_insurer(&caller)?;
		ensure!(caller == insurer, Error::<T>::NotTheInsurerItself);
		Ok(insurer)
	}

	/// Whether a plan's terms are in range.
	fn is_valid_plan(terms: &PlanTermsOf<T>) -> bool {
		let in_range = |n: u32| n > 0 && n <= T::MaxPlanDays::get();
		in_range(terms.filing_limit_days)
			&& in_range(terms.prompt_pay_days)
			&& in_range(terms.appeal_window_days)
			&& !terms.per_claim_cap.is_zero()
			&& terms.coverage_cap >= terms.per_claim_cap
			&& terms.prior_authorisation.is_known()
	}

	/// What a coverage's deposit pays for: the bytes it stores, key included.
	pub fn coverage_footprint() -> Footprint {
		// A hashed key (8-byte hash + 8-byte id) plus the 32-byte map prefix, and the entry in
		// the member's list.
		footprint_of(48usize.saturating_add(CoverageOf::<T>::max_encoded_len()).saturating_add(8))
	}

	/// What a claim's deposit pays for: the claim, its duplicate key and its listing entry.
	pub fn claim_footprint() -> Footprint {
		footprint_of(
			48usize
				.saturating_add(ClaimOf::<T>::max_encoded_len())
				.saturating_add(32 + 32 + 8)
				.saturating_add(32 + 16 + 16),
		)
	}

	/// Coverage `coverage_id`, if `member` may accept (or decline) it now.
	fn acceptable_coverage(
		member: &T::AccountId,
		coverage_id: CoverageId,
	) -> Result<CoverageOf<T>, DispatchError> {
		let coverage = Coverages::<T>::get(coverage_id).ok_or(Error::<T>::UnknownCoverage)?;
		ensure!(&coverage.member == member, Error::<T>::NotTheMember);
		ensure!(coverage.billing_consent.is_none(), Error::<T>::AlreadyAccepted);
		Ok(coverage)
	}

	/// Claim `claim_id`, if the member may dispute it now.
	fn disputable_claim(
		member: &T::AccountId,
		claim_id: ClaimId,
	) -> Result<ClaimOf<T>, DispatchError> {
		let claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::UnknownClaim)?;
		let coverage = Coverages::<T>::get(claim.coverage).ok_or(Error::<T>::NotTheMember)?;
		ensure!(&coverage.member == member, Error::<T>::NotTheMember);
		ensure!(
			claim.claim_use == ClaimUse::Claim
				&& claim.status == ClaimStatus::Adjudicated
				&& !claim.disputed,
			Error::<T>::NotDisputable
		);
		Ok(claim)
	}

	/// The checks of a patient's fee-free call that a few reads can make, run by the patient
	/// identity pallet's `CountFeelessCalls` before the call enters the pool.
	pub fn precheck_feeless(member: &T::AccountId, call: &Call<T>) -> DispatchResult {
		match call {
			Call::accept_coverage { coverage_id } | Call::decline_coverage { coverage_id } => {
				Self::acceptable_coverage(member, *coverage_id).map(|_| ())
			},
			Call::dispute_claim { claim_id } => {
				Self::disputable_claim(member, *claim_id).map(|_| ())
			},
			_ => Ok(()),
		}
	}

	/// Claim `claim_id`, if `caller` acts for its billing organisation (itself or staff,
	/// active).
	fn claim_of_provider(
		caller: &T::AccountId,
		claim_id: ClaimId,
	) -> Result<ClaimOf<T>, DispatchError> {
		let claim = Claims::<T>::get(claim_id).ok_or(Error::<T>::UnknownClaim)?;
		ensure!(
			T::Providers::active_provider(caller)
				.is_some_and(|(_, organisation)| organisation == claim.organisation),
			Error::<T>::NotTheBillingProvider
		);
		Ok(claim)
	}

	/// The terms of `claim`'s plan.
	fn plan_of(claim: &ClaimOf<T>) -> Result<PlanTermsOf<T>, DispatchError> {
		Plans::<T>::get(&claim.insurer, claim.plan).ok_or_else(|| Error::<T>::UnknownPlan.into())
	}

	/// Checks and stores a claim of `submitter`.
	fn submit(
		submitter: T::AccountId,
		coverage_id: CoverageId,
		terms: ClaimTerms<BalanceOf<T>>,
	) -> DispatchResult {
		let organisation = match T::Providers::active_provider(&submitter) {
			Some((kind, organisation)) if gives_care(kind) => organisation,
			_ => return Err(Error::<T>::NotABillingProvider.into()),
		};
		let mut coverage = Coverages::<T>::get(coverage_id).ok_or(Error::<T>::UnknownCoverage)?;
		ensure!(coverage.billing_consent.is_some(), Error::<T>::CoverageNotAccepted);
		ensure!(
			matches!(
				T::Providers::active_provider(&coverage.insurer),
				Some((ProviderKind::Insurer, _))
			),
			Error::<T>::InsurerNotActive
		);
		ensure!(
			T::Consents::permits(
				&coverage.member,
				&coverage.insurer,
				DataCategory::Billing,
				Action::Read,
				PurposeOfUse::Payment,
			),
			Error::<T>::NoBillingConsent
		);
		let plan =
			Plans::<T>::get(&coverage.insurer, coverage.plan).ok_or(Error::<T>::UnknownPlan)?;
		ensure!(
			coverage.starts_on <= terms.service_date && terms.service_date <= coverage.ends_on,
			Error::<T>::ServiceOutsideCoverage
		);
		let now = T::Time::now();
		let today = day_of(now);
		let is_claim = terms.claim_use == ClaimUse::Claim;
		ensure!(!is_claim || terms.service_date <= today, Error::<T>::ServiceInFuture);
		ensure!(
			today <= terms.service_date.saturating_add(plan.filing_limit_days),
			Error::<T>::FilingLimitPassed
		);
		ensure!(!terms.amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(terms.amount <= plan.per_claim_cap, Error::<T>::AmountOverCap);
		if is_claim {
			ensure!(
				!DuplicateKeys::<T>::contains_key(terms.duplicate_key),
				Error::<T>::DuplicateClaim
			);
		}
		match terms.prior_authorisation {
			Some(id) => Self::use_authorisation(id, coverage_id, &organisation, &terms)?,
			None => ensure!(
				!is_claim || !plan.prior_authorisation.contains(terms.setting),
				Error::<T>::PriorAuthorisationRequired
			),
		}
		let deposit = T::ClaimDeposit::new(&organisation, Self::claim_footprint())
			.map_err(|_| Error::<T>::InsufficientFunds)?;
		let claim_id = NextClaimId::<T>::get();
		NextClaimId::<T>::put(claim_id.saturating_add(1));
		if is_claim {
			DuplicateKeys::<T>::insert(terms.duplicate_key, claim_id);
		}
		coverage.open_claims = coverage.open_claims.saturating_add(1);
		let insurer = coverage.insurer.clone();
		let plan_id = coverage.plan;
		Coverages::<T>::insert(coverage_id, coverage);
		ClaimsOfCoverage::<T>::insert(coverage_id, claim_id, ());
		let claim = Claim {
			coverage: coverage_id,
			plan: plan_id,
			insurer,
			organisation: organisation.clone(),
			submitter,
			claim_use: terms.claim_use,
			setting: terms.setting,
			service_date: terms.service_date,
			amount: terms.amount,
			claim_hash: terms.claim_hash,
			service_commitment: terms.service_commitment,
			duplicate_key: terms.duplicate_key,
			prior_authorisation: terms.prior_authorisation,
			submitted_at: now,
			answer_due: now.saturating_add(days(plan.prompt_pay_days)),
			status: ClaimStatus::Submitted,
			adjudication: None,
			paid: Zero::zero(),
			appealed: false,
			disputed: false,
			authorisation_used: false,
			deposit,
		};
		Self::add_exposure(&claim);
		Self::deposit_event(Event::ClaimSubmitted {
			claim_id,
			coverage_id,
			organisation,
			claim_use: terms.claim_use,
			amount: terms.amount,
		});
		Claims::<T>::insert(claim_id, claim);
		Ok(())
	}

	/// Marks prior authorisation `id` used by a claim of `terms`, if it may be: an approved (or
	/// partly approved), unused prior authorisation of the same coverage and organisation,
	/// authorising at least the amount billed.
	fn use_authorisation(
		id: ClaimId,
		coverage_id: CoverageId,
		organisation: &T::AccountId,
		terms: &ClaimTerms<BalanceOf<T>>,
	) -> DispatchResult {
		let mut prior = Claims::<T>::get(id).ok_or(Error::<T>::InvalidPriorAuthorisation)?;
		let authorised = match &prior.adjudication {
			Some(adjudication)
				if adjudication.outcome != Outcome::Denied
					&& terms.claim_use == ClaimUse::Claim
					&& prior.claim_use == ClaimUse::Preauthorization
					&& prior.status == ClaimStatus::Adjudicated
					&& prior.coverage == coverage_id
					&& &prior.organisation == organisation
					&& !prior.authorisation_used =>
			{
				adjudication.payable
			},
			_ => return Err(Error::<T>::InvalidPriorAuthorisation.into()),
		};
		ensure!(terms.amount <= authorised, Error::<T>::AuthorisationExceeded);
		prior.authorisation_used = true;
		Claims::<T>::insert(id, prior);
		Ok(())
	}

	/// Checks an insurer's split of `claim`.
	fn check_split(
		claim: &ClaimOf<T>,
		outcome: Outcome,
		payable: BalanceOf<T>,
		patient_share: BalanceOf<T>,
		adjustments: &Adjustments,
	) -> DispatchResult {
		let total = payable.checked_add(&patient_share).ok_or(Error::<T>::SplitExceedsBilled)?;
		ensure!(total <= claim.amount, Error::<T>::SplitExceedsBilled);
		let consistent = match outcome {
			Outcome::Approved => total == claim.amount,
			Outcome::Partial => {
				!payable.is_zero() && total < claim.amount && !adjustments.is_empty()
			},
			Outcome::Denied => payable.is_zero() && !adjustments.is_empty(),
		};
		ensure!(consistent, Error::<T>::OutcomeInconsistent);
		Ok(())
	}

	/// Records `adjudication` of `claim` and pays what it adds to what was paid, from the
	/// float, in this call.
	fn settle(
		claim_id: ClaimId,
		claim: ClaimOf<T>,
		adjudication: Adjudication<BalanceOf<T>>,
	) -> DispatchResult {
		let payable = adjudication.payable;
		ensure!(payable >= claim.paid, Error::<T>::BelowAlreadyPaid);
		let paid_now = match claim.claim_use {
			ClaimUse::Claim => payable.saturating_sub(claim.paid),
			ClaimUse::Preauthorization => Zero::zero(),
		};
		let event = Event::ClaimAdjudicated {
			claim_id,
			outcome: adjudication.outcome,
			billed: claim.amount,
			payable,
			patient_share: adjudication.patient_share,
			paid_now,
			by_council: adjudication.by_council,
		};
		Self::update(claim_id, claim, |claim| {
			Self::pay(claim, paid_now)?;
			claim.adjudication = Some(adjudication);
			claim.status = ClaimStatus::Adjudicated;
			Ok(())
		})?;
		Self::deposit_event(event);
		Ok(())
	}

	/// Whether `claim` can no longer change: reversed; or adjudicated, undisputed, past its
	/// appeal window (or appealed and answered) and past the filing limit of its service.
	fn is_settled(claim: &ClaimOf<T>) -> Result<bool, DispatchError> {
		if claim.disputed {
			return Ok(false);
		}
		let plan = Self::plan_of(claim)?;
		let now = T::Time::now();
		Ok(match (claim.status, &claim.adjudication) {
			(ClaimStatus::Reversed, _) => true,
			(ClaimStatus::Adjudicated, Some(adjudication)) => {
				let appeal_over = claim.appealed
					|| now >= adjudication.at.saturating_add(days(plan.appeal_window_days));
				let filing_over =
					day_of(now) > claim.service_date.saturating_add(plan.filing_limit_days);
				appeal_over && filing_over
			},
			_ => false,
		})
	}

	/// Applies `change` to `claim` and stores it, keeping [`Outstanding`] in step. (A call
	/// that fails after this is reverted whole, as every call is.)
	fn update(
		claim_id: ClaimId,
		mut claim: ClaimOf<T>,
		change: impl FnOnce(&mut ClaimOf<T>) -> DispatchResult,
	) -> DispatchResult {
		Self::remove_exposure(&claim);
		change(&mut claim)?;
		Self::add_exposure(&claim);
		Claims::<T>::insert(claim_id, claim);
		Ok(())
	}

	/// Removes `claim` (closed or voided): its duplicate key, listing, exposure and the
	/// coverage's count; its deposit returns to the organisation.
	fn remove(claim_id: ClaimId, claim: ClaimOf<T>) {
		Self::remove_exposure(&claim);
		if DuplicateKeys::<T>::get(claim.duplicate_key) == Some(claim_id) {
			DuplicateKeys::<T>::remove(claim.duplicate_key);
		}
		ClaimsOfCoverage::<T>::remove(claim.coverage, claim_id);
		Coverages::<T>::mutate(claim.coverage, |coverage| {
			if let Some(coverage) = coverage {
				coverage.open_claims = coverage.open_claims.saturating_sub(1);
			}
		});
		let released = claim.deposit.drop(&claim.organisation);
		debug_assert!(released.is_ok(), "releasing a recorded deposit cannot fail");
		Claims::<T>::remove(claim_id);
	}

	/// Removes a coverage: off its member's list, its billing consent revoked, its deposit
	/// back to the insurer.
	fn remove_coverage(coverage_id: CoverageId, coverage: CoverageOf<T>) {
		CoveragesOf::<T>::mutate_exists(&coverage.member, |coverages| {
			if let Some(list) = coverages {
				list.retain(|id| *id != coverage_id);
				if list.is_empty() {
					*coverages = None;
				}
			}
		});
		if let Some(consent) = coverage.billing_consent {
			// The member may have revoked it, or it expired: either way it permits nothing
			// more, which is all closing asks of it.
			let _ = T::Consents::revoke_consent(&coverage.member, consent);
		}
		let released = coverage.deposit.drop(&coverage.insurer);
		debug_assert!(released.is_ok(), "releasing a recorded deposit cannot fail");
		Coverages::<T>::remove(coverage_id);
		Self::deposit_event(Event::CoverageClosed { coverage_id });
	}
}

/// Whether providers of `kind` give care, and so bill for it.
const fn gives_care(kind: ProviderKind) -> bool {
	matches!(
		kind,
		ProviderKind::Hospital
			| ProviderKind::Clinic
			| ProviderKind::Physician
			| ProviderKind::Laboratory
			| ProviderKind::Pharmacy
	)
}

impl<T: Config> OnPatientDeregistered<T::AccountId> for Pallet<T> {
	/// A member's coverages go (their deposits back to the insurers); claims already
	/// submitted stay, as they name the insurer and the provider, not the member.
	fn on_patient_deregistered(member: &T::AccountId) -> Weight {
		let coverages = CoveragesOf::<T>::get(member);
		let count = coverages.len() as u32;
		for coverage_id in coverages {
			if let Some(coverage) = Coverages::<T>::get(coverage_id) {
				Self::remove_coverage(coverage_id, coverage);
			}
		}
		T::WeightInfo::erase_member(count)
	}

	fn max_weight() -> Weight {
		T::WeightInfo::erase_member(T::MaxCoveragesPerMember::get())
	}
}
