//! The pallet's invariants, checked by `try_state` after every test and on live chains.

use alloc::collections::BTreeMap;
use carechain_primitives::{claim::ClaimUse, deposit::HeldDeposit};
use frame_support::{ensure, traits::fungible::InspectHold};
use sp_runtime::traits::Saturating;

use crate::{
	BalanceOf, Claims, ClaimsOfCoverage, Config, Coverages, CoveragesOf, DuplicateKeys, HoldReason,
	Outstanding, Pallet, PlanCount, Plans,
};

impl<T: Config> Pallet<T> {
	/// Checks that [`Outstanding`] is each insurer's exposure; duplicate keys, listings and
	/// coverage counts match the claims; members' lists match the coverages; plan counts match
	/// the plans; and the deposits held are exactly the tickets stored.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut exposure: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut claim_deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut open_claims: BTreeMap<u64, u32> = BTreeMap::new();
		for (id, claim) in Claims::<T>::iter() {
			let owed = exposure.entry(claim.insurer.clone()).or_default();
			*owed = owed.saturating_add(Self::exposure(&claim));
			let held = claim_deposits.entry(claim.organisation.clone()).or_default();
			*held = held.saturating_add(claim.deposit.held());
			let count = open_claims.entry(claim.coverage).or_default();
			*count = count.saturating_add(1);
			ensure!(claim.paid <= claim.amount, "a claim paid more than billed");
			ensure!(
				ClaimsOfCoverage::<T>::contains_key(claim.coverage, id),
				"a claim missing from its coverage's list"
			);
			if claim.claim_use == ClaimUse::Claim {
				ensure!(
					DuplicateKeys::<T>::get(claim.duplicate_key) == Some(id),
					"a claim without its duplicate key"
				);
			}
		}
		for (insurer, owed) in &exposure {
			ensure!(Outstanding::<T>::get(insurer) == *owed, "outstanding differs from exposure");
		}
		ensure!(
			Outstanding::<T>::iter_keys().all(|insurer| exposure.contains_key(&insurer)),
			"outstanding kept for an insurer without open claims"
		);
		for (organisation, held) in claim_deposits {
			let on_hold =
				T::Currency::balance_on_hold(&HoldReason::ClaimDeposit.into(), &organisation);
			ensure!(on_hold == held, "claim deposits held differ");
		}
		ensure!(
			DuplicateKeys::<T>::iter()
				.all(|(key, id)| Claims::<T>::get(id)
					.is_some_and(|claim| claim.duplicate_key == key)),
			"a duplicate key of a closed claim"
		);
		ensure!(
			ClaimsOfCoverage::<T>::iter_keys().all(|(_, id)| Claims::<T>::contains_key(id)),
			"a listed claim that is closed"
		);
		let mut coverage_deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (id, coverage) in Coverages::<T>::iter() {
			ensure!(
				coverage.open_claims == open_claims.get(&id).copied().unwrap_or_default(),
				"open claim count differs"
			);
			ensure!(
				CoveragesOf::<T>::get(&coverage.member).contains(&id),
				"a coverage missing from its member's list"
			);
			ensure!(
				Plans::<T>::contains_key(&coverage.insurer, coverage.plan),
				"a coverage of an unknown plan"
			);
			let held = coverage_deposits.entry(coverage.insurer.clone()).or_default();
			*held = held.saturating_add(coverage.deposit.held());
		}
		for (insurer, held) in coverage_deposits {
			let on_hold =
				T::Currency::balance_on_hold(&HoldReason::CoverageDeposit.into(), &insurer);
			ensure!(on_hold == held, "coverage deposits held differ");
		}
		for (member, coverages) in CoveragesOf::<T>::iter() {
			ensure!(!coverages.is_empty(), "an empty coverage list is stored");
			ensure!(
				coverages
					.iter()
					.all(|id| Coverages::<T>::get(id)
						.is_some_and(|coverage| coverage.member == member)),
				"a listed coverage of another member"
			);
		}
		for (insurer, count) in PlanCount::<T>::iter() {
			let plans = Plans::<T>::iter_prefix(&insurer).count();
			ensure!(plans == count as usize, "plan count differs");
		}
		Ok(())
	}
}
