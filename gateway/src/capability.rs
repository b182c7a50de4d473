//! `GET metadata`: the CapabilityStatement of what this server does (FHIR R5, JSON only), and
//! `GET CodeSystem/{id}` / `GET ConceptMap/{id}`: the terminology of the category mapping.

use axum::extract::{Path, State};
use carechain_fhir::terminology::{
	code_system, concept_map, CODE_SYSTEM_ID, CONCEPT_MAP_ID, CONCEPT_MAP_URL,
};
use serde_json::{json, Value};

use crate::{
	outcome::{ok, Answer, Failure},
	routes::Shared,
};

/// The `OperationDefinition` canonical URLs of the two operations.
const PREPARE_GRANT: &str =
	"https://carechain.example/fhir/OperationDefinition/Consent-prepare-grant";
const CHECK_ACCESS: &str =
	"https://carechain.example/fhir/OperationDefinition/Consent-check-access";
const SUBMIT_ELIGIBILITY: &str =
	"https://carechain.example/fhir/OperationDefinition/CoverageEligibilityRequest-submit";

fn search_param(name: &str, kind: &str, documentation: &str) -> Value {
	json!({ "name": name, "type": kind, "documentation": documentation })
}

/// `GET metadata`.
pub async fn metadata(State(gateway): State<Shared>) -> Answer {
	let consent = json!({
		"type": "Consent",
		"interaction": [{ "code": "read" }, { "code": "search-type" }],
		"versioning": "no-version",
		"readHistory": false,
		"updateCreate": false,
		"searchParam": [
			search_param("patient", "reference", "The patient (Patient/<SS58 address>)"),
			search_param("actor", "reference", "The grantee; the clinic's own account if absent"),
			search_param("grantee", "reference", "The same as actor"),
			search_param("status", "token", "active | inactive (revoked or expired)"),
		],
		"operation": [
			{ "name": "prepare-grant", "definition": PREPARE_GRANT,
			  "documentation": "The Consent::grant a posted Consent stands for, for the patient to sign" },
			{ "name": "check-access", "definition": CHECK_ACCESS,
			  "documentation": "May an actor do an action on a patient's data of a category for a purpose now?" },
		],
	});
	let audit = json!({
		"type": "AuditEvent",
		"interaction": [{ "code": "search-type" }],
		"searchParam": [search_param("patient", "reference", "The patient whose access log is read (required)")],
	});
	let terminology = |kind: &str| json!({ "type": kind, "interaction": [{ "code": "read" }] });
	let read = |kind: &str, documentation: &str| json!({ "type": kind, "interaction": [{ "code": "read" }], "documentation": documentation });
	let eligibility = json!({
		"type": "CoverageEligibilityRequest",
		"documentation": "Not stored: posted to $submit, answered with a CoverageEligibilityResponse",
		"operation": [{ "name": "submit", "definition": SUBMIT_ELIGIBILITY,
		  "documentation": "Is each coverage asked about in force on servicedDate (purpose validation)?" }],
	});
	ok(&json!({
		"resourceType": "CapabilityStatement",
		"status": "active",
		"date": carechain_fhir::instant(carechain_fhir::wall_clock_now()),
		"publisher": "CareChain consortium",
		"kind": "instance",
		"software": { "name": "carechain-fhir-gateway", "version": env!("CARGO_PKG_VERSION") },
		"implementation": {
			"description": format!("CareChain FHIR gateway of {}, reading node {}", gateway.node.account(), gateway.node.url()),
			"url": gateway.base_url,
		},
		"fhirVersion": "5.0.0",
		"format": ["application/fhir+json", "json"],
		"rest": [{
			"mode": "server",
			"documentation": "Consents, access questions, the access log, coverages and claims of a CareChain chain, read with this clinic's key. Unknown search parameters are refused (400). Money amounts are in CARE, the chain's token (12 decimals), given without a currency: CARE is no ISO 4217 code.",
			"resource": [
				consent,
				audit,
				read("Coverage", "A coverage, to its insurer"),
				eligibility,
				read("Claim", "An open claim, to its insurer and billing provider (no clinical items: their salted hash is an identifier)"),
				read("ClaimResponse", "The insurer's answer to claim {id}"),
				read("ExplanationOfBenefit", "The explanation of benefit of claim {id}"),
				terminology("CodeSystem"),
				terminology("ConceptMap"),
			],
		}],
	}))
}

/// `GET CodeSystem/{id}`.
pub async fn code_system_read(Path(id): Path<String>) -> Answer {
	if id == CODE_SYSTEM_ID {
		ok(&code_system())
	} else {
		Err(Failure::not_found(format!("no CodeSystem `{id}`; this server has `{CODE_SYSTEM_ID}`")))
	}
}

/// `GET ConceptMap/{id}`.
pub async fn concept_map_read(Path(id): Path<String>) -> Answer {
	if id == CONCEPT_MAP_ID {
		ok(&concept_map())
	} else {
		Err(Failure::not_found(format!(
			"no ConceptMap `{id}`; this server has `{CONCEPT_MAP_ID}` ({CONCEPT_MAP_URL})"
		)))
	}
}
