//! Insurance: coverages, eligibility and claims as FHIR R5 (`carechain_fhir::claims`).
//!
//! - `GET Coverage/{id}`: the coverage, read by the clinic (`claims_coverage`: its insurer).
//! - `POST CoverageEligibilityRequest/$submit`: is each coverage asked about in force on the
//!   service day (`claims_eligibility`, open)? The `CoverageEligibilityResponse` in return.
//! - `GET Claim/{id}`, `GET ClaimResponse/{id}`, `GET ExplanationOfBenefit/{id}`: a claim, the
//!   insurer's answer to it and the explanation of benefit, read by the clinic
//!   (`claims_claim`, `claims_explanationOfBenefit`: the insurer or the billing provider).

use axum::{
	body::Body,
	extract::{Path, State},
	http::StatusCode,
};
use carechain_fhir::claims::{
	claim, claim_response, coverage, eligibility_question, eligibility_response,
	explanation_of_benefit, ClaimFacts, CoverageFacts, Settlement,
};
use carechain_primitives::{
	claim::{
		day_of, Adjustment, AdjustmentGroup, Carc, ClaimId, ClaimStatus, ClaimUse, Outcome, Rarc,
		ServiceSetting,
	},
	Hash32,
};
use carechain_rpc::claims::{AdjustmentJson, ClaimJson, CoverageJson, ExplanationJson};
use sp_core::crypto::{AccountId32, Ss58Codec};

use crate::{
	outcome::{ok, Answer, Failure},
	request::{expect_type, json_body},
	routes::Shared,
};

/// What the node answered that this gateway cannot read: the node and the gateway disagree.
fn unreadable(what: &str) -> Failure {
	Failure::new(
		StatusCode::BAD_GATEWAY,
		"exception",
		format!("the node's {what} holds a value this gateway cannot read"),
	)
}

/// The number in `{id}` of a `kind` read; anything else is no such resource.
fn numeric_id(kind: &str, id: &str) -> Result<u64, Failure> {
	id.parse().map_err(|_| {
		Failure::not_found(format!("no {kind} `{id}`: CareChain {kind} ids are numbers"))
	})
}

fn account(address: &str) -> Option<AccountId32> {
	AccountId32::from_ss58check(address).ok()
}

fn hash(hex: &str) -> Option<Hash32> {
	let bytes = sp_core::bytes::from_hex(hex).ok()?;
	Hash32::try_from(bytes.as_slice()).ok()
}

fn coverage_facts(json: &CoverageJson) -> Option<CoverageFacts> {
	Some(CoverageFacts {
		id: json.id,
		insurer: account(&json.insurer)?,
		member: account(&json.member)?,
		plan: json.plan,
		starts_on: json.starts_on,
		ends_on: json.ends_on,
		member_id_hash: hash(&json.member_id_hash)?,
		accepted: json.billing_consent.is_some(),
	})
}

fn claim_facts(json: &ClaimJson) -> Option<ClaimFacts> {
	Some(ClaimFacts {
		id: json.id,
		coverage: json.coverage,
		insurer: account(&json.insurer)?,
		organisation: account(&json.organisation)?,
		submitter: account(&json.submitter)?,
		claim_use: ClaimUse::from_name(&json.r#use)?,
		setting: ServiceSetting::from_name(&json.setting)?,
		service_date: json.service_date,
		billed: json.amount.parse().ok()?,
		claim_hash: hash(&json.claim_hash)?,
		prior_authorisation: json.prior_authorisation,
		submitted_at: json.submitted_at,
		status: ClaimStatus::from_name(&json.status)?,
	})
}

fn adjustment(json: &AdjustmentJson) -> Option<Adjustment> {
	Some(Adjustment {
		group: AdjustmentGroup::from_code(&json.group)?,
		reason: Carc::from_code(json.reason)?,
		remark: match &json.remark {
			Some(code) => Some(Rarc::from_code(code)?),
			None => None,
		},
	})
}

fn settlement(claim: &ClaimJson, eob: &ExplanationJson) -> Option<Settlement> {
	Some(Settlement {
		outcome: match &eob.outcome {
			Some(name) => Some(Outcome::from_name(name)?),
			None => None,
		},
		decided_at: claim.adjudicated_at,
		paid: eob.paid.parse().ok()?,
		patient_share: eob.patient_share.parse().ok()?,
		adjustments: eob.adjustments.iter().map(adjustment).collect::<Option<_>>()?,
	})
}

/// `GET Coverage/{id}`.
pub async fn read_coverage(State(gateway): State<Shared>, Path(id): Path<String>) -> Answer {
	let id = numeric_id("Coverage", &id)?;
	let Some(json) = gateway.node.coverage(id).await? else {
		return Err(Failure::not_found(format!("no Coverage {id} on chain")));
	};
	let facts = coverage_facts(&json).ok_or_else(|| unreadable("coverage"))?;
	ok(&coverage(&facts))
}

/// `POST CoverageEligibilityRequest/$submit`.
pub async fn submit_eligibility(State(gateway): State<Shared>, body: Body) -> Answer {
	let request = json_body(body).await?;
	expect_type(&request, &["CoverageEligibilityRequest"])?;
	let question = eligibility_question(&request).map_err(|error| {
		Failure::unprocessable(error.to_string())
			.at(format!("CoverageEligibilityRequest.{}", error.element))
	})?;
	let now = carechain_fhir::wall_clock_now();
	let day = question.day.unwrap_or_else(|| day_of(now));
	let mut inforce = Vec::with_capacity(question.coverages.len());
	for coverage in &question.coverages {
		inforce.push(gateway.node.eligibility(*coverage, day).await?);
	}
	ok(&eligibility_response(&question, day, &inforce, now))
}

/// The claim `id` and its settlement, read by the clinic; 404 if none.
async fn claim_and_settlement(
	gateway: &Shared,
	kind: &str,
	id: &str,
) -> Result<(ClaimFacts, Settlement), Failure> {
	let id: ClaimId = numeric_id(kind, id)?;
	let gone =
		|| Failure::not_found(format!("no open claim {id} on chain (closed claims are removed)"));
	let json = gateway.node.claim(id).await?.ok_or_else(gone)?;
	let eob = gateway.node.explanation_of_benefit(id).await?.ok_or_else(gone)?;
	let facts = claim_facts(&json).ok_or_else(|| unreadable("claim"))?;
	let settlement = settlement(&json, &eob).ok_or_else(|| unreadable("explanation of benefit"))?;
	Ok((facts, settlement))
}

/// `GET Claim/{id}`.
pub async fn read_claim(State(gateway): State<Shared>, Path(id): Path<String>) -> Answer {
	let id = numeric_id("Claim", &id)?;
	let json = gateway.node.claim(id).await?.ok_or_else(|| {
		Failure::not_found(format!("no open claim {id} on chain (closed claims are removed)"))
	})?;
	ok(&claim(&claim_facts(&json).ok_or_else(|| unreadable("claim"))?))
}

/// `GET ClaimResponse/{id}`: the answer to claim `id`.
pub async fn read_claim_response(State(gateway): State<Shared>, Path(id): Path<String>) -> Answer {
	let (facts, settlement) = claim_and_settlement(&gateway, "ClaimResponse", &id).await?;
	ok(&claim_response(&facts, &settlement))
}

/// `GET ExplanationOfBenefit/{id}`: the explanation of benefit of claim `id`.
pub async fn read_explanation(State(gateway): State<Shared>, Path(id): Path<String>) -> Answer {
	let (facts, settlement) = claim_and_settlement(&gateway, "ExplanationOfBenefit", &id).await?;
	ok(&explanation_of_benefit(&facts, &settlement))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_mapping_counts_care_with_the_runtimes_decimals() {
		assert_eq!(
			carechain_fhir::claims::AMOUNT_DECIMALS,
			u32::from(carechain_runtime::currency::DECIMALS)
		);
	}

	#[test]
	fn a_claim_of_the_rpc_reads_back_and_a_bad_value_does_not() {
		let address = AccountId32::from([2; 32]).to_ss58check();
		let mut json = ClaimJson {
			id: 3,
			coverage: 1,
			insurer: address.clone(),
			organisation: address.clone(),
			submitter: address,
			r#use: "claim".into(),
			setting: "emergency".into(),
			service_date: 20_000,
			amount: "120000000000000".into(),
			claim_hash: format!("0x{}", "07".repeat(32)),
			service_commitment: format!("0x{}", "08".repeat(32)),
			prior_authorisation: None,
			submitted_at: 1,
			answer_due: 2,
			status: "adjudicated".into(),
			outcome: Some("partial".into()),
			adjudicated_at: Some(3),
			paid: "0".into(),
			disputed: false,
		};
		let facts = claim_facts(&json).expect("reads");
		assert_eq!(facts.setting, ServiceSetting::Emergency);
		assert_eq!(facts.billed, 120_000_000_000_000);
		json.setting = "ward".into();
		assert_eq!(claim_facts(&json), None);
		let bad = AdjustmentJson { group: "CO".into(), reason: 17, remark: None };
		assert_eq!(adjustment(&bad), None);
	}
}
