//! Insurance coverages and claims as FHIR R5 financial resources: `Coverage`,
//! `CoverageEligibilityRequest` (read) and `CoverageEligibilityResponse`, `Claim`,
//! `ClaimResponse` and `ExplanationOfBenefit` (written).
//!
//! The chain holds no clinical content of a claim: what was done stays in the provider's own
//! FHIR Claim (or X12 837), whose salted hash the chain keeps and which is given here as an
//! identifier. What the chain decides is written in full: the use, the service day and setting,
//! the amount billed, the coverage, the decision (`ClaimResponse.decision`, new in R5:
//! approved, partial, denied, pending), the split into paid and the patient's share, and why
//! less was paid: each adjustment's X12 CARC as `adjudication.reason`, its X12 group code
//! (CO, PR, OA, PI) as the adjudication's `category`, its RARC, with its wording, as a `processNote`.
//!
//! Amounts are CARE, the chain's token: FHIR `Money.currency` is an ISO 4217 code and CARE is
//! none, so `currency` is left out (a made-up code would mislead a billing system that converts
//! currencies) and the unit is stated in the CapabilityStatement. `Money.value` is the amount
//! in CARE as a JSON number, exact whenever the amount has at most 15 significant digits; an
//! amount with more (sub-microCARE precision on millions of CARE) carries its exact decimal
//! text in the [`EXACT_AMOUNT_EXTENSION`].
//!
//! The member of a coverage is the patient's insurer pseudonym: a `Claim`'s `patient` is
//! written as "the member of Coverage/N" because a claim names the coverage, never the member,
//! and its billing provider may not read the coverage.

use carechain_primitives::{
	claim::{
		Adjustment, ClaimId, ClaimStatus, ClaimUse, CoverageId, Day, Outcome, PlanId, Rarc,
		ServiceSetting,
	},
	trace::{day_of, parse_date as iso_day},
	Hash32, Moment,
};
use serde_json::{json, Map, Number, Value};
use sp_core::crypto::{AccountId32, Ss58Codec};

use crate::{error, instant, MappingError};

/// Decimals of CARE: an amount of 1 CARE is 10^12 plancks (the runtime's `currency::DECIMALS`).
pub const AMOUNT_DECIMALS: u32 = 12;
/// Extension on a `Money` whose `value` cannot hold the amount exactly: the exact amount in CARE
/// as decimal text.
pub const EXACT_AMOUNT_EXTENSION: &str =
	"https://carechain.example/fhir/StructureDefinition/exact-amount";
/// HL7 claim types (`institutional`, `pharmacy`, `professional`, ...).
pub const CLAIM_TYPE_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/claim-type";
/// CareChain's service settings (`Claim.subType`), the codes the plans' prior-authorisation
/// rules name.
pub const SERVICE_SETTING_SYSTEM: &str =
	"https://carechain.example/fhir/CodeSystem/service-setting";
/// R5 claim decisions (`approved`, `partial`, `denied`, `pending`).
pub const CLAIM_DECISION_SYSTEM: &str = "http://hl7.org/fhir/claim-decision";
/// HL7 adjudication value codes (`submitted`, `benefit`, ...).
pub const ADJUDICATION_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/adjudication";
/// CARIN Blue Button adjudication codes: `memberliability`, what the member owes.
pub const MEMBER_LIABILITY_SYSTEM: &str =
	"http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudication";
/// X12 claim adjustment reason codes (CARC).
pub const CARC_SYSTEM: &str = "https://x12.org/codes/claim-adjustment-reason-codes";
/// X12 claim adjustment group codes (CO, PR, OA, PI).
pub const CARC_GROUP_SYSTEM: &str = "https://x12.org/codes/claim-adjustment-group-codes";
/// HL7 payment types (`complete`, `partial`).
pub const PAYMENT_TYPE_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/ex-paymenttype";
/// HL7 coverage classes (`plan`).
pub const COVERAGE_CLASS_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/coverage-class";
/// Identifier system of CareChain coverage ids.
pub const COVERAGE_ID_SYSTEM: &str = "https://carechain.example/fhir/NamingSystem/coverage-id";
/// Identifier system of CareChain claim ids.
pub const CLAIM_ID_SYSTEM: &str = "https://carechain.example/fhir/NamingSystem/claim-id";
/// Identifier system of the salted hash of the provider's own FHIR Claim (or X12 837).
pub const CLAIM_HASH_SYSTEM: &str = "urn:carechain:claim-hash";
/// Identifier system of the salted hash of the insurer's member id.
pub const MEMBER_ID_HASH_SYSTEM: &str = "urn:carechain:member-id-hash";

/// A coverage as the chain holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoverageFacts {
	/// The coverage id.
	pub id: CoverageId,
	/// The insurer.
	pub insurer: AccountId32,
	/// The member: the patient's insurer pseudonym.
	pub member: AccountId32,
	/// The insurer's plan.
	pub plan: PlanId,
	/// First covered day.
	pub starts_on: Day,
	/// Last covered day.
	pub ends_on: Day,
	/// Salted hash of the member id.
	pub member_id_hash: Hash32,
	/// Whether the member accepted it (and so granted the billing consent).
	pub accepted: bool,
}

/// A claim as the chain holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimFacts {
	/// The claim id.
	pub id: ClaimId,
	/// The coverage billed.
	pub coverage: CoverageId,
	/// The insurer.
	pub insurer: AccountId32,
	/// The billing organisation.
	pub organisation: AccountId32,
	/// Who submitted it: the organisation or one of its staff.
	pub submitter: AccountId32,
	/// Claim or prior authorisation.
	pub claim_use: ClaimUse,
	/// Where the service was given.
	pub setting: ServiceSetting,
	/// The day of service.
	pub service_date: Day,
	/// Billed, in plancks.
	pub billed: u128,
	/// Salted hash of the provider's own FHIR Claim.
	pub claim_hash: Hash32,
	/// The prior authorisation (a claim id) relied on.
	pub prior_authorisation: Option<ClaimId>,
	/// When it was submitted (unix ms).
	pub submitted_at: Moment,
	/// Where it stands.
	pub status: ClaimStatus,
}

/// What the insurer (or the Council) decided of a claim, as its explanation of benefit says.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Settlement {
	/// The decision, once answered.
	pub outcome: Option<Outcome>,
	/// When it was answered (unix ms), once answered.
	pub decided_at: Option<Moment>,
	/// Paid by the insurer, in plancks.
	pub paid: u128,
	/// Owed by the patient, in plancks.
	pub patient_share: u128,
	/// Why less than billed was paid.
	pub adjustments: Vec<Adjustment>,
}

/// A `CoverageEligibilityRequest` as CareChain answers it: whether coverages are in force on a
/// day.
#[derive(Clone, Debug, PartialEq)]
pub struct EligibilityQuestion {
	/// The request's logical id, if it has one (for `CoverageEligibilityResponse.request`).
	pub request_id: Option<String>,
	/// The request's patient reference, as given.
	pub patient: Value,
	/// The request's insurer reference, as given.
	pub insurer: Value,
	/// The day asked about (`servicedDate`; today when absent).
	pub day: Option<Day>,
	/// The coverages asked about, in order.
	pub coverages: Vec<CoverageId>,
}

/// Most coverages one eligibility request may ask about.
pub const MAX_ELIGIBILITY_COVERAGES: usize = 8;

/// Elements of a `CoverageEligibilityRequest` read and ignored: they describe the request and
/// never change the answer.
const IGNORED_REQUEST_ELEMENTS: [&str; 12] = [
	"meta",
	"text",
	"language",
	"contained",
	"extension",
	"identifier",
	"status",
	"priority",
	"created",
	"enterer",
	"provider",
	"facility",
];

/// An amount of plancks as FHIR `Money` (module docs: CARE, no currency).
pub fn money(plancks: u128) -> Value {
	let scale = 10u128.pow(AMOUNT_DECIMALS);
	let (whole, fraction) = (plancks / scale, plancks % scale);
	let exact = if fraction == 0 {
		whole.to_string()
	} else {
		let digits = format!("{fraction:0width$}", width = AMOUNT_DECIMALS as usize);
		format!("{whole}.{}", digits.trim_end_matches('0'))
	};
	// A whole amount that fits a u64 is an exact JSON integer; any other goes through a
	// double, exact when the double's shortest decimal is the amount.
	let (number, is_exact) = match u64::try_from(whole).ok().filter(|_| fraction == 0) {
		Some(whole) => (Some(Number::from(whole)), true),
		None => {
			let double = exact.parse::<f64>().ok().filter(|double| double.is_finite());
			(double.and_then(Number::from_f64), double.is_some_and(|d| d.to_string() == exact))
		},
	};
	let mut money = json!({ "value": number });
	if !is_exact {
		money["extension"] = json!([{ "url": EXACT_AMOUNT_EXTENSION, "valueString": exact }]);
	}
	money
}

/// A day (days since 1970-01-01) as a FHIR `date` (`YYYY-MM-DD`).
pub use carechain_primitives::trace::format_date as date;

/// A FHIR `date` (`YYYY-MM-DD`) as a day; `element` names it in the error.
pub fn parse_date(value: &str, element: &str) -> Result<Day, MappingError> {
	iso_day(value).ok_or_else(|| {
		error(element, format!("`{value}` is not a date YYYY-MM-DD, or is before 1970"))
	})
}

fn coding(system: &str, code: &str) -> Value {
	json!({ "system": system, "code": code })
}

fn concept(system: &str, code: &str) -> Value {
	json!({ "coding": [coding(system, code)] })
}

fn reference(kind: &str, account: &AccountId32) -> Value {
	json!({ "reference": format!("{kind}/{}", account.to_ss58check()) })
}

fn hash_identifier(system: &str, hash: &Hash32) -> Value {
	json!({ "system": system, "value": format!("0x{}", sp_core::hexdisplay::HexDisplay::from(hash)) })
}

/// The `Coverage` of `coverage`: `draft` until the member accepts it, `active` after (a closed
/// coverage is no longer on chain).
pub fn coverage(coverage: &CoverageFacts) -> Value {
	json!({
		"resourceType": "Coverage",
		"id": coverage.id.to_string(),
		"identifier": [
			{ "system": COVERAGE_ID_SYSTEM, "value": coverage.id.to_string() },
			hash_identifier(MEMBER_ID_HASH_SYSTEM, &coverage.member_id_hash),
		],
		"status": if coverage.accepted { "active" } else { "draft" },
		"kind": "insurance",
		"beneficiary": reference("Patient", &coverage.member),
		"period": { "start": date(coverage.starts_on), "end": date(coverage.ends_on) },
		"insurer": reference("Organization", &coverage.insurer),
		"class": [{
			"type": concept(COVERAGE_CLASS_SYSTEM, "plan"),
			"value": { "value": coverage.plan.to_string() },
		}],
	})
}

/// The coverage id of a `Coverage/{id}` reference; `element` names it in the error.
fn coverage_of(reference: &Value, element: &str) -> Result<CoverageId, MappingError> {
	let literal = reference
		.get("reference")
		.and_then(Value::as_str)
		.ok_or_else(|| error(element, "needs a `reference` to Coverage/{id}"))?;
	let id = literal.rsplit_once("Coverage/").map(|(_, id)| id).unwrap_or(literal);
	id.parse().map_err(|_| {
		error(element, format!("`{literal}` is not Coverage/{{id}} with a CareChain coverage id"))
	})
}

/// Reads a posted `CoverageEligibilityRequest`. CareChain answers `purpose` `validation` (is the
/// coverage in force) for one service day: other purposes, `servicedPeriod`, `item` and
/// `supportingInfo` are refused by name, as is any element this module does not know.
pub fn eligibility_question(request: &Value) -> Result<EligibilityQuestion, MappingError> {
	let Value::Object(fields) = request else {
		return Err(error("CoverageEligibilityRequest", "is not a JSON object"));
	};
	let mut question = EligibilityQuestion {
		request_id: None,
		patient: Value::Null,
		insurer: Value::Null,
		day: None,
		coverages: Vec::new(),
	};
	let mut purposes = None;
	for (name, value) in fields {
		match name.as_str() {
			"resourceType" => {
				if value != "CoverageEligibilityRequest" {
					return Err(error("resourceType", "must be CoverageEligibilityRequest"));
				}
			},
			"id" => question.request_id = value.as_str().map(str::to_owned),
			"patient" => question.patient = value.clone(),
			"insurer" => question.insurer = value.clone(),
			"purpose" => purposes = Some(value),
			"servicedDate" => {
				let text = value
					.as_str()
					.ok_or_else(|| error("servicedDate", "must be a date YYYY-MM-DD"))?;
				question.day = Some(parse_date(text, "servicedDate")?);
			},
			"insurance" => {
				let entries = value
					.as_array()
					.filter(|entries| (1..=MAX_ELIGIBILITY_COVERAGES).contains(&entries.len()))
					.ok_or_else(|| {
						error(
							"insurance",
							format!("must list 1 to {MAX_ELIGIBILITY_COVERAGES} coverages"),
						)
					})?;
				for (index, entry) in entries.iter().enumerate() {
					let element = format!("insurance[{index}].coverage");
					let coverage = entry
						.get("coverage")
						.ok_or_else(|| error(&element, "required: the Coverage asked about"))?;
					question.coverages.push(coverage_of(coverage, &element)?);
				}
			},
			ignored if IGNORED_REQUEST_ELEMENTS.contains(&ignored) => {},
			"servicedPeriod" => {
				return Err(error(
					"servicedPeriod",
					"CareChain answers for one day: give servicedDate",
				))
			},
			"item" | "supportingInfo" | "modifierExtension" | "implicitRules" => {
				return Err(error(
					name.as_str(),
					"CareChain answers whether a coverage is in force, not for items or with \
					 supporting information",
				))
			},
			other => return Err(error(other, "is not an element this server reads")),
		}
	}
	if question.patient.is_null() {
		return Err(error("patient", "required"));
	}
	if question.insurer.is_null() {
		return Err(error("insurer", "required"));
	}
	if question.coverages.is_empty() {
		return Err(error("insurance", "required: the coverages asked about"));
	}
	let purposes = purposes
		.and_then(Value::as_array)
		.ok_or_else(|| error("purpose", "required: `validation` (is the coverage in force)"))?;
	for (index, purpose) in purposes.iter().enumerate() {
		if purpose != "validation" {
			return Err(error(
				format!("purpose[{index}]"),
				format!("CareChain answers `validation` only, not {purpose}"),
			));
		}
	}
	Ok(question)
}

/// The `CoverageEligibilityResponse` to `question` for `day`: `inforce` per coverage, in the
/// order asked.
pub fn eligibility_response(
	question: &EligibilityQuestion,
	day: Day,
	inforce: &[bool],
	created: Moment,
) -> Value {
	let request = match &question.request_id {
		Some(id) => json!({ "reference": format!("CoverageEligibilityRequest/{id}") }),
		None => json!({ "display": "the posted CoverageEligibilityRequest" }),
	};
	let insurance: Vec<Value> = question
		.coverages
		.iter()
		.zip(inforce)
		.map(|(coverage, inforce)| {
			json!({ "coverage": { "reference": format!("Coverage/{coverage}") }, "inforce": inforce })
		})
		.collect();
	json!({
		"resourceType": "CoverageEligibilityResponse",
		"status": "active",
		"purpose": ["validation"],
		"patient": question.patient,
		"servicedDate": date(day),
		"created": instant(created),
		"request": request,
		"outcome": "complete",
		"disposition": "In force: accepted by the member, the day within its period, the insurer \
						active and the billing consent permitting payment now.",
		"insurer": question.insurer,
		"insurance": insurance,
	})
}

/// The HL7 claim type of a service setting.
fn claim_type(setting: ServiceSetting) -> &'static str {
	match setting {
		ServiceSetting::Inpatient | ServiceSetting::Emergency => "institutional",
		ServiceSetting::Pharmacy => "pharmacy",
		ServiceSetting::Outpatient
		| ServiceSetting::Laboratory
		| ServiceSetting::Imaging
		| ServiceSetting::Home => "professional",
	}
}

/// `active`, or `cancelled` once reversed (what was paid went back).
fn resource_status(status: ClaimStatus) -> &'static str {
	if status == ClaimStatus::Reversed {
		"cancelled"
	} else {
		"active"
	}
}

/// The elements a `Claim`, its `ClaimResponse` and its `ExplanationOfBenefit` share.
fn common(claim: &ClaimFacts) -> Map<String, Value> {
	let mut common = Map::new();
	common.insert("status".into(), resource_status(claim.status).into());
	common.insert("type".into(), concept(CLAIM_TYPE_SYSTEM, claim_type(claim.setting)));
	common.insert("subType".into(), concept(SERVICE_SETTING_SYSTEM, claim.setting.name()));
	common.insert("use".into(), claim.claim_use.name().into());
	common.insert(
		"patient".into(),
		json!({ "display": format!("the member of Coverage/{}", claim.coverage) }),
	);
	common.insert("insurer".into(), reference("Organization", &claim.insurer));
	common
}

fn insurance(claim: &ClaimFacts) -> Value {
	let mut insurance = json!({
		"focal": true,
		"coverage": { "reference": format!("Coverage/{}", claim.coverage) },
	});
	if let Some(authorisation) = claim.prior_authorisation {
		insurance["preAuthRef"] = json!([authorisation.to_string()]);
	}
	insurance
}

fn billable_period(claim: &ClaimFacts) -> Value {
	json!({ "start": date(claim.service_date), "end": date(claim.service_date) })
}

/// The `Claim` of `claim`: what the chain holds of it; the clinical items stay in the
/// provider's own Claim, whose salted hash is an identifier.
pub fn claim(claim: &ClaimFacts) -> Value {
	let mut resource = Map::new();
	resource.insert("resourceType".into(), "Claim".into());
	resource.insert("id".into(), claim.id.to_string().into());
	resource.insert(
		"identifier".into(),
		json!([
			{ "system": CLAIM_ID_SYSTEM, "value": claim.id.to_string() },
			hash_identifier(CLAIM_HASH_SYSTEM, &claim.claim_hash),
		]),
	);
	resource.extend(common(claim));
	resource.insert("created".into(), instant(claim.submitted_at).into());
	if claim.submitter != claim.organisation {
		resource.insert("enterer".into(), reference("Practitioner", &claim.submitter));
	}
	resource.insert("provider".into(), reference("Organization", &claim.organisation));
	let mut insurance = insurance(claim);
	insurance["sequence"] = 1.into();
	resource.insert("insurance".into(), json!([insurance]));
	resource.insert("billablePeriod".into(), billable_period(claim));
	resource.insert("total".into(), money(claim.billed));
	Value::Object(resource)
}

/// `queued` while the insurer (or the Council) owes an answer, `complete` once decided.
fn processing_outcome(claim: &ClaimFacts, settlement: &Settlement) -> &'static str {
	if claim.status.awaits_answer() || settlement.outcome.is_none() {
		"queued"
	} else {
		"complete"
	}
}

/// `approved`, `partial` or `denied` once decided, `pending` while awaited (an appealed claim
/// is pending again).
fn decision(claim: &ClaimFacts, settlement: &Settlement) -> &'static str {
	match settlement.outcome {
		Some(outcome) if !claim.status.awaits_answer() => outcome.name(),
		_ => "pending",
	}
}

fn total(category: Value, plancks: u128) -> Value {
	json!({ "category": category, "amount": money(plancks) })
}

/// The decision elements a `ClaimResponse` and an `ExplanationOfBenefit` share: outcome,
/// decision, disposition, adjudication reasons, totals, payment and remarks.
fn decided(claim: &ClaimFacts, settlement: &Settlement) -> Map<String, Value> {
	let mut decided = Map::new();
	decided.insert("outcome".into(), processing_outcome(claim, settlement).into());
	let decision = decision(claim, settlement);
	decided.insert("decision".into(), concept(CLAIM_DECISION_SYSTEM, decision));
	let care = |plancks: u128| money(plancks)["value"].to_string();
	let disposition = match settlement.outcome.filter(|_| decision != "pending") {
		None => "Awaiting the insurer's answer.".to_owned(),
		Some(outcome) => format!(
			"{}: billed {} CARE, paid {} CARE, the patient owes {} CARE{}.",
			match outcome {
				Outcome::Approved => "Approved",
				Outcome::Partial => "Partly paid",
				Outcome::Denied => "Denied",
			},
			care(claim.billed),
			care(settlement.paid),
			care(settlement.patient_share),
			if claim.status == ClaimStatus::Reversed { "; the payment was reversed" } else { "" },
		),
	};
	decided.insert("disposition".into(), disposition.into());
	if claim.claim_use == ClaimUse::Preauthorization {
		decided.insert("preAuthRef".into(), claim.id.to_string().into());
	}
	if settlement.outcome.is_some() {
		let adjudication: Vec<Value> = settlement
			.adjustments
			.iter()
			.map(|adjustment| {
				json!({
					"category": concept(CARC_GROUP_SYSTEM, adjustment.group.code()),
					"reason": concept(CARC_SYSTEM, &adjustment.reason.code().to_string()),
				})
			})
			.collect();
		if !adjudication.is_empty() {
			decided.insert("adjudication".into(), adjudication.into());
		}
		decided.insert(
			"total".into(),
			json!([
				total(concept(ADJUDICATION_SYSTEM, "submitted"), claim.billed),
				total(concept(ADJUDICATION_SYSTEM, "benefit"), settlement.paid),
				total(
					concept(MEMBER_LIABILITY_SYSTEM, "memberliability"),
					settlement.patient_share
				),
			]),
		);
	}
	if settlement.paid > 0 {
		let kind = if settlement.paid < claim.billed { "partial" } else { "complete" };
		let mut payment =
			json!({ "type": concept(PAYMENT_TYPE_SYSTEM, kind), "amount": money(settlement.paid) });
		if let Some(at) = settlement.decided_at {
			payment["date"] = date(day_of(at)).into();
		}
		decided.insert("payment".into(), payment);
	}
	let notes: Vec<Value> = settlement
		.adjustments
		.iter()
		.filter_map(|adjustment| adjustment.remark)
		.enumerate()
		.map(|(index, remark)| {
			json!({
				"number": index + 1,
				"type": concept("http://hl7.org/fhir/note-type", "display"),
				"text": format!("RARC {}: {}", remark.code(), remark_text(remark)),
			})
		})
		.collect();
	if !notes.is_empty() {
		decided.insert("processNote".into(), notes.into());
	}
	decided
}

/// What an RARC says (X12's wording, shortened).
pub fn remark_text(remark: Rarc) -> &'static str {
	match remark {
		Rarc::M62 => "missing, incomplete or invalid treatment authorization code",
		Rarc::MA130 => "the claim has incomplete or invalid information and is unprocessable",
		Rarc::N30 => "the patient is ineligible for this service",
		Rarc::N54 => "the claim information is inconsistent with the services authorized",
		Rarc::N130 => "consult the plan benefit documents for coverage information",
		Rarc::N381 => "consult the contractual agreement for payment information",
	}
}

/// The head of an answer to `claim` (`ClaimResponse`, `ExplanationOfBenefit`): its type, id,
/// the elements every claim resource shares, and when it was decided (submitted, while awaited).
fn answer(resource_type: &str, claim: &ClaimFacts, settlement: &Settlement) -> Map<String, Value> {
	let mut resource = Map::new();
	resource.insert("resourceType".into(), resource_type.into());
	resource.insert("id".into(), claim.id.to_string().into());
	resource.extend(common(claim));
	let created = settlement.decided_at.unwrap_or(claim.submitted_at);
	resource.insert("created".into(), instant(created).into());
	resource
}

/// The `ClaimResponse` to `claim`: the insurer's answer (queued while awaited).
pub fn claim_response(claim: &ClaimFacts, settlement: &Settlement) -> Value {
	let mut resource = answer("ClaimResponse", claim, settlement);
	resource.insert("requestor".into(), reference("Organization", &claim.organisation));
	resource.insert("request".into(), json!({ "reference": format!("Claim/{}", claim.id) }));
	resource.extend(decided(claim, settlement));
	Value::Object(resource)
}

/// The `ExplanationOfBenefit` of `claim`: what was billed, paid and is owed, and why.
pub fn explanation_of_benefit(claim: &ClaimFacts, settlement: &Settlement) -> Value {
	let mut resource = answer("ExplanationOfBenefit", claim, settlement);
	resource.insert("provider".into(), reference("Organization", &claim.organisation));
	resource.insert("claim".into(), json!({ "reference": format!("Claim/{}", claim.id) }));
	resource.insert(
		"claimResponse".into(),
		json!({ "reference": format!("ClaimResponse/{}", claim.id) }),
	);
	resource.insert("insurance".into(), json!([insurance(claim)]));
	resource.insert("billablePeriod".into(), billable_period(claim));
	resource.extend(decided(claim, settlement));
	Value::Object(resource)
}

#[cfg(test)]
mod tests;
