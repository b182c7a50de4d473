//! What clients read (`ClaimsApi`): coverages, claims, explanations of benefit, an insurer's
//! float, and the insurer's check of an opened service commitment.

use alloc::vec::Vec;
use carechain_primitives::{
	claim::{
		anchor_of, duplicate_key, service_commitment, Claim, ClaimId, Coverage, CoverageId, Day,
		ExplanationOfBenefit, ServiceMismatch,
	},
	deposit::HeldDeposit,
	traits::{ConsentManager, ProviderRegistry},
	Action, DataCategory, Hash32, ProviderKind, PurposeOfUse,
};
use frame_support::traits::fungible::InspectHold;
use sp_runtime::traits::Zero;

use crate::{
	BalanceOf, ClaimOf, ClaimViewOf, Claims, ClaimsOfCoverage, Config, CoverageOf, CoverageViewOf,
	Coverages, CoveragesOf, HoldReason, Outstanding, Pallet,
};

impl<T: Config> Pallet<T> {
	/// Coverage `id`, its deposit as the amount held.
	pub fn coverage(id: CoverageId) -> Option<CoverageViewOf<T>> {
		Coverages::<T>::get(id).map(|coverage| coverage_view::<T>(coverage))
	}

	/// Whether coverage `id` covers `day`: accepted, the day within its period, its insurer
	/// active and the member's billing consent permitting the insurer now (FHIR
	/// CoverageEligibilityResponse `inforce`).
	pub fn coverage_active(id: CoverageId, day: Day) -> bool {
		let Some(coverage) = Coverages::<T>::get(id) else { return false };
		coverage.billing_consent.is_some()
			&& coverage.starts_on <= day
			&& day <= coverage.ends_on
			&& matches!(
				T::Providers::active_provider(&coverage.insurer),
				Some((ProviderKind::Insurer, _))
			) && T::Consents::permits(
			&coverage.member,
			&coverage.insurer,
			DataCategory::Billing,
			Action::Read,
			PurposeOfUse::Payment,
		)
	}

	/// The coverages of `member`, by id.
	pub fn coverages_of(member: &T::AccountId) -> Vec<(CoverageId, CoverageViewOf<T>)> {
		CoveragesOf::<T>::get(member)
			.into_iter()
			.filter_map(|id| Some((id, Self::coverage(id)?)))
			.collect()
	}

	/// Open claim `id`, its deposit as the amount held.
	pub fn claim(id: ClaimId) -> Option<ClaimViewOf<T>> {
		Claims::<T>::get(id).map(|claim| claim_view::<T>(claim))
	}

	/// The open claims of coverage `id`, by id.
	pub fn claims_of_coverage(id: CoverageId) -> Vec<(ClaimId, ClaimViewOf<T>)> {
		let mut claims: Vec<_> = ClaimsOfCoverage::<T>::iter_key_prefix(id)
			.filter_map(|claim_id| Some((claim_id, Self::claim(claim_id)?)))
			.collect();
		claims.sort_by_key(|(claim_id, _)| *claim_id);
		claims
	}

	/// The member's explanation of benefit of open claim `id`: billed, paid, owed.
	pub fn explanation_of_benefit(id: ClaimId) -> Option<ExplanationOfBenefit<BalanceOf<T>>> {
		let claim = Claims::<T>::get(id)?;
		let adjudication = claim.adjudication.as_ref();
		Some(ExplanationOfBenefit {
			claim: id,
			coverage: claim.coverage,
			service_date: claim.service_date,
			billed: claim.amount,
			paid: claim.paid,
			patient_share: adjudication.map(|a| a.patient_share).unwrap_or_else(Zero::zero),
			status: claim.status,
			outcome: adjudication.map(|a| a.outcome),
			adjustments: adjudication.map(|a| a.adjustments.clone()).unwrap_or_default(),
		})
	}

	/// `insurer`'s claims float: what is held, and what it may still owe on claims awaiting
	/// its answer.
	pub fn float_of(insurer: &T::AccountId) -> (BalanceOf<T>, BalanceOf<T>) {
		let held = T::Currency::balance_on_hold(&HoldReason::ClaimsFloat.into(), insurer);
		(held, Outstanding::<T>::get(insurer))
	}

	/// The insurer's check of claim `id`'s opened service commitment: that `hospital_pseudonym`
	/// and `record_keys` give the claim's commitment and duplicate key, and that every record
	/// is anchored for the pseudonym, by the billing organisation, no later than submission
	/// (no billing for undocumented care). A mismatch is denied with its CARC.
	pub fn verify_service(
		id: ClaimId,
		hospital_pseudonym: &T::AccountId,
		record_keys: &[Hash32],
	) -> Result<(), ServiceMismatch> {
		let claim = Claims::<T>::get(id).ok_or(ServiceMismatch::UnknownClaim)?;
		if record_keys.is_empty() {
			return Err(ServiceMismatch::NoRecords);
		}
		let commitment = service_commitment(hospital_pseudonym, record_keys);
		if commitment != claim.service_commitment {
			return Err(ServiceMismatch::CommitmentDiffers);
		}
		if duplicate_key(&claim.organisation, claim.service_date, &commitment)
			!= claim.duplicate_key
		{
			return Err(ServiceMismatch::DuplicateKeyDiffers);
		}
		for (index, key) in (0u32..).zip(record_keys) {
			let (organisation, anchored_at) =
				T::Consents::anchor(hospital_pseudonym, &anchor_of(key))
					.ok_or(ServiceMismatch::NotAnchored(index))?;
			if organisation != claim.organisation {
				return Err(ServiceMismatch::AnchoredByAnotherOrganisation(index));
			}
			if anchored_at > claim.submitted_at {
				return Err(ServiceMismatch::AnchoredAfterSubmission(index));
			}
		}
		Ok(())
	}
}

/// `coverage` with its deposit as the amount held.
fn coverage_view<T: Config>(coverage: CoverageOf<T>) -> CoverageViewOf<T> {
	Coverage {
		insurer: coverage.insurer,
		member: coverage.member,
		plan: coverage.plan,
		starts_on: coverage.starts_on,
		ends_on: coverage.ends_on,
		member_id_hash: coverage.member_id_hash,
		billing_consent: coverage.billing_consent,
		paid: coverage.paid,
		open_claims: coverage.open_claims,
		deposit: coverage.deposit.held(),
	}
}

/// `claim` with its deposit as the amount held.
fn claim_view<T: Config>(claim: ClaimOf<T>) -> ClaimViewOf<T> {
	Claim {
		coverage: claim.coverage,
		plan: claim.plan,
		insurer: claim.insurer,
		organisation: claim.organisation,
		submitter: claim.submitter,
		claim_use: claim.claim_use,
		setting: claim.setting,
		service_date: claim.service_date,
		amount: claim.amount,
		claim_hash: claim.claim_hash,
		service_commitment: claim.service_commitment,
		duplicate_key: claim.duplicate_key,
		prior_authorisation: claim.prior_authorisation,
		submitted_at: claim.submitted_at,
		answer_due: claim.answer_due,
		status: claim.status,
		adjudication: claim.adjudication,
		paid: claim.paid,
		appealed: claim.appealed,
		disputed: claim.disputed,
		authorisation_used: claim.authorisation_used,
		deposit: claim.deposit.held(),
	}
}
