//! Money moving between an insurer's float, a provider and a member: payments, repayments and
//! what the float must keep for claims awaiting an answer.

use frame_support::{
	ensure,
	storage::with_storage_layer,
	traits::{
		fungible::{Inspect, InspectHold, Mutate, MutateHold},
		tokens::{Fortitude, Precision, Preservation, Restriction},
	},
};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchResult,
};

use crate::{
	BalanceOf, ClaimOf, ClaimUse, Config, Coverages, Error, HoldReason, Outstanding, Pallet, Plans,
};

impl<T: Config> Pallet<T> {
	/// What `claim` may still cost its insurer: the billed amount less what was paid, while
	/// it awaits an answer; nothing otherwise.
	pub(crate) fn exposure(claim: &ClaimOf<T>) -> BalanceOf<T> {
		if claim.claim_use == ClaimUse::Claim && claim.status.awaits_answer() {
			claim.amount.saturating_sub(claim.paid)
		} else {
			Zero::zero()
		}
	}

	/// Adds `claim`'s exposure to its insurer's [`Outstanding`].
	pub(crate) fn add_exposure(claim: &ClaimOf<T>) {
		let exposure = Self::exposure(claim);
		if !exposure.is_zero() {
			Outstanding::<T>::mutate(&claim.insurer, |owed| *owed = owed.saturating_add(exposure));
		}
	}

	/// Takes `claim`'s exposure off its insurer's [`Outstanding`].
	pub(crate) fn remove_exposure(claim: &ClaimOf<T>) {
		let exposure = Self::exposure(claim);
		if !exposure.is_zero() {
			Outstanding::<T>::mutate_exists(&claim.insurer, |owed| {
				let left = owed.unwrap_or_default().saturating_sub(exposure);
				*owed = (!left.is_zero()).then_some(left);
			});
		}
	}

	/// Pays `amount` more on `claim` from its insurer's float to the organisation, within
	/// the coverage's cap (a coverage erased with its member has no cap left to keep).
	pub(crate) fn pay(claim: &mut ClaimOf<T>, amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		if let Some(mut coverage) = Coverages::<T>::get(claim.coverage) {
			let plan =
				Plans::<T>::get(&claim.insurer, claim.plan).ok_or(Error::<T>::UnknownPlan)?;
			let paid = coverage.paid.saturating_add(amount);
			ensure!(paid <= plan.coverage_cap, Error::<T>::CoverageCapExceeded);
			coverage.paid = paid;
			Coverages::<T>::insert(claim.coverage, coverage);
		}
		T::Currency::transfer_on_hold(
			&HoldReason::ClaimsFloat.into(),
			&claim.insurer,
			&claim.organisation,
			amount,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Polite,
		)
		.map_err(|_| Error::<T>::FloatTooLow)?;
		claim.paid = claim.paid.saturating_add(amount);
		Ok(())
	}

	/// Moves `amount` from `organisation`'s free balance into `insurer`'s float.
	pub(crate) fn repay(
		organisation: &T::AccountId,
		insurer: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		T::Currency::transfer(organisation, insurer, amount, Preservation::Preserve)?;
		T::Currency::hold(&HoldReason::ClaimsFloat.into(), insurer, amount)
	}

	/// As [`Self::repay`], of as much of `amount` as `organisation` can spend; returns what
	/// was repaid (nothing moves if the repayment fails).
	pub(crate) fn repay_what_it_can(
		organisation: &T::AccountId,
		insurer: &T::AccountId,
		amount: BalanceOf<T>,
	) -> BalanceOf<T> {
		let spendable =
			T::Currency::reducible_balance(organisation, Preservation::Preserve, Fortitude::Polite);
		let repaid = amount.min(spendable);
		if repaid.is_zero() {
			return repaid;
		}
		match with_storage_layer(|| Self::repay(organisation, insurer, repaid)) {
			Ok(()) => repaid,
			Err(_) => Zero::zero(),
		}
	}

	/// Records that `repaid` of what `claim` was paid went back to the insurer.
	pub(crate) fn take_back(claim: &mut ClaimOf<T>, repaid: BalanceOf<T>) {
		claim.paid = claim.paid.saturating_sub(repaid);
		Coverages::<T>::mutate(claim.coverage, |coverage| {
			if let Some(coverage) = coverage {
				coverage.paid = coverage.paid.saturating_sub(repaid);
			}
		});
	}

	/// Releases `amount` of `insurer`'s float, keeping what it may still owe.
	pub(crate) fn release_float(insurer: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		let held = T::Currency::balance_on_hold(&HoldReason::ClaimsFloat.into(), insurer);
		let kept = Outstanding::<T>::get(insurer).saturating_add(amount);
		ensure!(kept <= held, Error::<T>::FloatCommitted);
		T::Currency::release(&HoldReason::ClaimsFloat.into(), insurer, amount, Precision::Exact)
			.map(|_| ())
	}
}
