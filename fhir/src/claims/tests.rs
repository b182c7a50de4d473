//! Tests of the claims mapping: amounts, days, each resource's elements from the chain's facts,
//! and every refusal of an eligibility request naming its element.

use carechain_primitives::claim::{AdjustmentGroup, Carc};
use serde_json::json;

use super::*;

const CARE: u128 = 1_000_000_000_000;
const INSURER: [u8; 32] = [3; 32];
const HOSPITAL: [u8; 32] = [2; 32];
const BILLER: [u8; 32] = [4; 32];
/// 2026-12-07.
const SERVICE_DAY: Day = 20_794;
const SUBMITTED: Moment = 1_796_641_200_000;
const DECIDED: Moment = 1_796_727_600_000;

fn account(bytes: [u8; 32]) -> AccountId32 {
	AccountId32::from(bytes)
}

fn a_claim(status: ClaimStatus) -> ClaimFacts {
	ClaimFacts {
		id: 9,
		coverage: 4,
		insurer: account(INSURER),
		organisation: account(HOSPITAL),
		submitter: account(BILLER),
		claim_use: ClaimUse::Claim,
		setting: ServiceSetting::Inpatient,
		service_date: SERVICE_DAY,
		billed: 120 * CARE,
		claim_hash: [7; 32],
		prior_authorisation: Some(8),
		submitted_at: SUBMITTED,
		status,
	}
}

/// Partly paid: 80 CARE, the patient owes 20; CO-45 with N381, PR-3.
fn partly_paid() -> Settlement {
	Settlement {
		outcome: Some(Outcome::Partial),
		decided_at: Some(DECIDED),
		paid: 80 * CARE,
		patient_share: 20 * CARE,
		adjustments: vec![
			Adjustment {
				group: AdjustmentGroup::ContractualObligation,
				reason: Carc::FeeSchedule,
				remark: Some(Rarc::N381),
			},
			Adjustment {
				group: AdjustmentGroup::PatientResponsibility,
				reason: Carc::Copayment,
				remark: None,
			},
		],
	}
}

#[test]
fn amounts_are_care_exact_or_carry_their_exact_text() {
	assert_eq!(money(0), json!({ "value": 0 }));
	assert_eq!(money(100 * CARE), json!({ "value": 100 }));
	assert_eq!(money(120 * CARE + CARE / 2), json!({ "value": 120.5 }));
	assert_eq!(money(1_234_567), json!({ "value": 0.000001234567 }));
	// One planck: JSON writes 1e-12, the same decimal.
	assert_eq!(money(1), json!({ "value": 1e-12 }));
	// 20 significant digits do not fit a JSON number read as a double.
	let large = money(12_345_678 * CARE + 123_456_789_012);
	assert_eq!(large["extension"][0]["valueString"], "12345678.123456789012");
	assert!(large["value"]
		.as_f64()
		.is_some_and(|value| (value - 12_345_678.123_456_79).abs() < 1e-6));
	// Whole CARE beyond u64 plancks are still exact integers.
	assert_eq!(money(u128::from(u64::MAX) * CARE), json!({ "value": u64::MAX }));
}

#[test]
fn days_are_dates_and_bad_dates_are_named() {
	assert_eq!(date(0), "1970-01-01");
	assert_eq!(date(SERVICE_DAY), "2026-12-07");
	assert_eq!(parse_date("2026-12-07", "servicedDate"), Ok(SERVICE_DAY));
	let refused = parse_date("2026-13-01", "servicedDate").unwrap_err();
	assert_eq!(refused.element, "servicedDate");
	assert!(parse_date("1969-12-31", "servicedDate").unwrap_err().reason.contains("before 1970"));
	assert!(parse_date("2026-12-07T10:00:00Z", "servicedDate").is_err());
}

#[test]
fn a_coverage_is_draft_until_accepted_and_names_its_plan_and_period() {
	let mut facts = CoverageFacts {
		id: 4,
		insurer: account(INSURER),
		member: account([5; 32]),
		plan: 2,
		starts_on: SERVICE_DAY - 30,
		ends_on: SERVICE_DAY + 335,
		member_id_hash: [6; 32],
		accepted: false,
	};
	let draft = coverage(&facts);
	assert_eq!(draft["status"], "draft");
	facts.accepted = true;
	let resource = coverage(&facts);
	assert_eq!(resource["resourceType"], "Coverage");
	assert_eq!(resource["id"], "4");
	assert_eq!(resource["status"], "active");
	assert_eq!(resource["kind"], "insurance");
	assert_eq!(resource["period"], json!({ "start": "2026-11-07", "end": "2027-11-07" }));
	assert_eq!(
		resource["beneficiary"]["reference"],
		format!("Patient/{}", account([5; 32]).to_ss58check())
	);
	assert_eq!(resource["class"][0]["type"]["coding"][0]["code"], "plan");
	assert_eq!(resource["class"][0]["value"]["value"], "2");
	assert_eq!(resource["identifier"][1]["system"], MEMBER_ID_HASH_SYSTEM);
	assert_eq!(resource["identifier"][1]["value"], format!("0x{}", "06".repeat(32)));
}

fn eligibility_request() -> Value {
	json!({
		"resourceType": "CoverageEligibilityRequest",
		"id": "ask-1",
		"status": "active",
		"purpose": ["validation"],
		"patient": { "reference": "Patient/member" },
		"servicedDate": "2026-12-07",
		"created": "2026-12-07T09:00:00Z",
		"insurer": { "reference": "Organization/insurer" },
		"provider": { "reference": "Organization/hospital" },
		"insurance": [
			{ "focal": true, "coverage": { "reference": "Coverage/4" } },
			{ "coverage": { "reference": "http://gateway/fhir/R5/Coverage/5" } }
		]
	})
}

#[test]
fn an_eligibility_request_is_answered_per_coverage() {
	let question = eligibility_question(&eligibility_request()).unwrap();
	assert_eq!(question.coverages, vec![4, 5]);
	assert_eq!(question.day, Some(SERVICE_DAY));
	assert_eq!(question.request_id.as_deref(), Some("ask-1"));
	let response = eligibility_response(&question, SERVICE_DAY, &[true, false], DECIDED);
	assert_eq!(response["resourceType"], "CoverageEligibilityResponse");
	assert_eq!(response["request"]["reference"], "CoverageEligibilityRequest/ask-1");
	assert_eq!(response["patient"]["reference"], "Patient/member");
	assert_eq!(response["insurer"]["reference"], "Organization/insurer");
	assert_eq!(response["outcome"], "complete");
	assert_eq!(response["servicedDate"], "2026-12-07");
	assert_eq!(
		response["insurance"][0],
		json!({ "coverage": { "reference": "Coverage/4" }, "inforce": true })
	);
	assert_eq!(response["insurance"][1]["inforce"], false);
}

#[test]
fn what_an_eligibility_request_cannot_ask_is_refused_by_name() {
	let refused = |change: &dyn Fn(&mut Value)| {
		let mut request = eligibility_request();
		change(&mut request);
		eligibility_question(&request).unwrap_err()
	};
	assert_eq!(
		refused(&|r| r["purpose"] = json!(["validation", "benefits"])).element,
		"purpose[1]"
	);
	assert_eq!(
		refused(&|r| r["servicedPeriod"] = json!({ "start": "2026-12-01" })).element,
		"servicedPeriod"
	);
	assert_eq!(refused(&|r| r["item"] = json!([{}])).element, "item");
	assert_eq!(refused(&|r| r["modifierExtension"] = json!([{}])).element, "modifierExtension");
	assert_eq!(refused(&|r| r["coverage"] = json!("4")).element, "coverage");
	assert_eq!(
		refused(&|r| r["insurance"][1]["coverage"] = json!({ "reference": "Coverage/four" }))
			.element,
		"insurance[1].coverage"
	);
	assert_eq!(
		refused(&|r| r["insurance"][0] = json!({ "focal": true })).element,
		"insurance[0].coverage"
	);
	assert_eq!(refused(&|r| r["insurance"] = json!([])).element, "insurance");
	assert_eq!(
		refused(&|r| r["insurance"] =
			json!(vec![json!({ "coverage": { "reference": "Coverage/1" } }); 9]))
		.element,
		"insurance"
	);
	assert_eq!(refused(&|r| r["servicedDate"] = json!("07/12/2026")).element, "servicedDate");
	assert_eq!(refused(&|r| r["resourceType"] = json!("Claim")).element, "resourceType");
	assert_eq!(
		refused(&|r| {
			r.as_object_mut().unwrap().remove("patient");
		})
		.element,
		"patient"
	);
	assert_eq!(
		refused(&|r| {
			r.as_object_mut().unwrap().remove("insurer");
		})
		.element,
		"insurer"
	);
	assert_eq!(
		refused(&|r| {
			r.as_object_mut().unwrap().remove("purpose");
		})
		.element,
		"purpose"
	);
	// Without a service date, the gateway asks about today.
	let mut today = eligibility_request();
	today.as_object_mut().unwrap().remove("servicedDate");
	assert_eq!(eligibility_question(&today).unwrap().day, None);
}

#[test]
fn a_claim_holds_what_the_chain_decides_and_no_clinical_item() {
	let resource = claim(&a_claim(ClaimStatus::Submitted));
	assert_eq!(resource["resourceType"], "Claim");
	assert_eq!(resource["status"], "active");
	assert_eq!(resource["use"], "claim");
	assert_eq!(
		resource["type"]["coding"][0],
		json!({ "system": CLAIM_TYPE_SYSTEM, "code": "institutional" })
	);
	assert_eq!(resource["subType"]["coding"][0]["code"], "inpatient");
	assert_eq!(resource["total"], json!({ "value": 120 }));
	assert_eq!(resource["billablePeriod"], json!({ "start": "2026-12-07", "end": "2026-12-07" }));
	assert_eq!(
		resource["provider"]["reference"],
		format!("Organization/{}", account(HOSPITAL).to_ss58check())
	);
	assert_eq!(
		resource["enterer"]["reference"],
		format!("Practitioner/{}", account(BILLER).to_ss58check())
	);
	assert_eq!(resource["insurance"][0]["coverage"]["reference"], "Coverage/4");
	assert_eq!(resource["insurance"][0]["preAuthRef"], json!(["8"]));
	assert_eq!(resource["identifier"][1]["system"], CLAIM_HASH_SYSTEM);
	assert_eq!(resource["patient"]["display"], "the member of Coverage/4");
	assert!(resource.get("item").is_none() && resource.get("diagnosis").is_none());
	// Filed by the organisation itself: no enterer; a pharmacy claim is of type pharmacy.
	let mut own = a_claim(ClaimStatus::Submitted);
	own.submitter = account(HOSPITAL);
	own.setting = ServiceSetting::Pharmacy;
	let resource = claim(&own);
	assert!(resource.get("enterer").is_none());
	assert_eq!(resource["type"]["coding"][0]["code"], "pharmacy");
	own.setting = ServiceSetting::Laboratory;
	assert_eq!(claim(&own)["type"]["coding"][0]["code"], "professional");
}

#[test]
fn a_partly_paid_claim_answers_with_its_split_reasons_and_payment() {
	let facts = a_claim(ClaimStatus::Adjudicated);
	let response = claim_response(&facts, &partly_paid());
	assert_eq!(response["resourceType"], "ClaimResponse");
	assert_eq!(response["request"]["reference"], "Claim/9");
	assert_eq!(response["outcome"], "complete");
	assert_eq!(
		response["decision"]["coding"][0],
		json!({ "system": CLAIM_DECISION_SYSTEM, "code": "partial" })
	);
	assert_eq!(response["created"], instant(DECIDED));
	assert_eq!(
		response["adjudication"],
		json!([
			{ "category": { "coding": [{ "system": CARC_GROUP_SYSTEM, "code": "CO" }] },
			  "reason": { "coding": [{ "system": CARC_SYSTEM, "code": "45" }] } },
			{ "category": { "coding": [{ "system": CARC_GROUP_SYSTEM, "code": "PR" }] },
			  "reason": { "coding": [{ "system": CARC_SYSTEM, "code": "3" }] } },
		])
	);
	assert_eq!(response["total"][0]["amount"], json!({ "value": 120 }));
	assert_eq!(response["total"][1]["category"]["coding"][0]["code"], "benefit");
	assert_eq!(response["total"][1]["amount"], json!({ "value": 80 }));
	assert_eq!(response["total"][2]["category"]["coding"][0]["code"], "memberliability");
	assert_eq!(response["total"][2]["amount"], json!({ "value": 20 }));
	assert_eq!(response["payment"]["type"]["coding"][0]["code"], "partial");
	assert_eq!(response["payment"]["amount"], json!({ "value": 80 }));
	assert_eq!(response["payment"]["date"], "2026-12-08");
	assert_eq!(
		response["processNote"][0]["text"],
		format!("RARC N381: {}", remark_text(Rarc::N381))
	);
	assert_eq!(
		response["disposition"],
		"Partly paid: billed 120 CARE, paid 80 CARE, the patient owes 20 CARE."
	);

	let eob = explanation_of_benefit(&facts, &partly_paid());
	assert_eq!(eob["resourceType"], "ExplanationOfBenefit");
	assert_eq!(eob["claim"]["reference"], "Claim/9");
	assert_eq!(eob["claimResponse"]["reference"], "ClaimResponse/9");
	assert_eq!(
		eob["insurance"][0],
		json!({ "focal": true, "coverage": { "reference": "Coverage/4" }, "preAuthRef": ["8"] })
	);
	assert_eq!(eob["total"], response["total"]);
	assert_eq!(eob["decision"], response["decision"]);
	assert_eq!(eob["provider"], response["requestor"]);
}

#[test]
fn an_awaited_claim_is_queued_and_a_reversed_one_cancelled() {
	let queued = claim_response(&a_claim(ClaimStatus::Submitted), &Settlement::default());
	assert_eq!(queued["outcome"], "queued");
	assert_eq!(queued["decision"]["coding"][0]["code"], "pending");
	assert_eq!(queued["disposition"], "Awaiting the insurer's answer.");
	assert!(queued.get("total").is_none() && queued.get("payment").is_none());
	assert_eq!(queued["created"], instant(SUBMITTED));

	// An appeal awaits the insurer again: pending, with what was paid so far.
	let appealed = claim_response(&a_claim(ClaimStatus::Appealed), &partly_paid());
	assert_eq!(appealed["outcome"], "queued");
	assert_eq!(appealed["decision"]["coding"][0]["code"], "pending");
	assert_eq!(appealed["payment"]["amount"], json!({ "value": 80 }));

	let reversed = Settlement { paid: 0, ..partly_paid() };
	let response = claim_response(&a_claim(ClaimStatus::Reversed), &reversed);
	assert_eq!(response["status"], "cancelled");
	assert!(response.get("payment").is_none());
	assert!(response["disposition"].as_str().unwrap().ends_with("; the payment was reversed."));

	let denied = Settlement {
		outcome: Some(Outcome::Denied),
		decided_at: Some(DECIDED),
		paid: 0,
		patient_share: 0,
		adjustments: vec![Adjustment {
			group: AdjustmentGroup::ContractualObligation,
			reason: Carc::LacksInformation,
			remark: Some(Rarc::MA130),
		}],
	};
	let response = explanation_of_benefit(&a_claim(ClaimStatus::Adjudicated), &denied);
	assert_eq!(response["decision"]["coding"][0]["code"], "denied");
	assert_eq!(response["adjudication"][0]["reason"]["coding"][0]["code"], "16");
	assert!(response.get("payment").is_none());
}

#[test]
fn a_prior_authorisation_is_its_own_reference() {
	let mut facts = a_claim(ClaimStatus::Adjudicated);
	facts.claim_use = ClaimUse::Preauthorization;
	facts.prior_authorisation = None;
	let approved = Settlement {
		outcome: Some(Outcome::Approved),
		decided_at: Some(DECIDED),
		..Settlement::default()
	};
	let response = claim_response(&facts, &approved);
	assert_eq!(response["use"], "preauthorization");
	assert_eq!(response["preAuthRef"], "9");
	assert_eq!(response["decision"]["coding"][0]["code"], "approved");
}
