//! Tests of the mapping: a FHIR R5 example written from the R5 `Consent` structure, every
//! refusal naming its element, and a lossless round trip for everything CareChain expresses.

use proptest::prelude::*;
use sp_core::crypto::Ss58Codec;

use super::*;

const NOW: Moment = 1_800_000_000_000;
const PATIENT: [u8; 32] = [1; 32];
const HOSPITAL: [u8; 32] = [2; 32];

fn ss58(bytes: [u8; 32]) -> String {
	AccountId32::from(bytes).to_ss58check()
}

/// A clinic's consent: the patient lets the hospital read lab results and mental-health data
/// for treatment until 2027-06-30.
fn clinic_consent() -> serde_json::Value {
	serde_json::json!({
		"resourceType": "Consent",
		"status": "active",
		"subject": { "reference": format!("Patient/{}", ss58(PATIENT)) },
		"grantee": [{ "reference": format!("Organization/{}", ss58(HOSPITAL)) }],
		"period": { "start": "2026-11-22T09:00:00Z", "end": "2027-06-30T00:00:00Z" },
		"decision": "deny",
		"provision": [
			{
				"action": [{ "coding": [{ "system": ACTION_SYSTEM, "code": "access" }] }],
				"purpose": [{ "system": PURPOSE_SYSTEM, "code": "TREAT" }],
				"resourceType": [
					{ "system": RESOURCE_TYPE_SYSTEM, "code": "Observation" },
					{ "system": RESOURCE_TYPE_SYSTEM, "code": "DiagnosticReport" }
				],
				"code": [{ "coding": [{ "system": CATEGORY_SYSTEM, "code": "LabResults" }] }]
			},
			{
				"action": [{ "coding": [{ "system": ACTION_SYSTEM, "code": "access" }] }],
				"purpose": [{ "system": PURPOSE_SYSTEM, "code": "TREAT" }],
				"securityLabel": [{ "system": SECURITY_LABEL_SYSTEM, "code": "PSY" }],
				"code": [{ "coding": [{ "system": CATEGORY_SYSTEM, "code": "MentalHealth" }] }]
			}
		]
	})
}

/// The active consent the clinic's Consent grants, as the chain stores it (created at `NOW`).
fn clinic_consent_on_chain() -> ChainConsent<AccountId32> {
	let grant = to_grant(&parse(clinic_consent()), NOW).expect("expressible");
	ChainConsent {
		patient: grant.patient,
		grantee: grant.grantee,
		categories: grant.categories,
		sealed: None,
		actions: grant.actions,
		purposes: grant.purposes,
		created_at: NOW,
		expires_at: grant.expires_at,
		status: ConsentStatus::Active,
		kind: carechain_primitives::ConsentKind::Standard,
		by_guardian: false,
	}
}

fn parse(value: serde_json::Value) -> Consent {
	serde_json::from_value(value).expect("a valid Consent")
}

#[test]
fn a_clinic_consent_becomes_a_grant() {
	let grant = to_grant(&parse(clinic_consent()), NOW).expect("expressible");
	assert_eq!(grant.patient, AccountId32::from(PATIENT));
	assert_eq!(grant.grantee, AccountId32::from(HOSPITAL));
	assert_eq!(
		grant.categories,
		DataCategories::from_flags([DataCategory::LabResults, DataCategory::MentalHealth])
	);
	assert_eq!(grant.actions, Actions::from(Action::Read));
	assert_eq!(grant.purposes, Purposes::from(PurposeOfUse::Treatment));
	assert_eq!(grant.expires_at, 1_814_313_600_000);
}

/// A Consent as an EHR sends it, in the shape of the R5 specification's examples: metadata,
/// narrative, LOINC category, date and controller around the provisions CareChain maps.
#[test]
fn an_ehr_consent_with_descriptive_elements_becomes_the_same_grant() {
	let mut json = clinic_consent();
	let descriptive = serde_json::json!({
		"id": "consent-lab-2026-0042",
		"meta": { "versionId": "3", "lastUpdated": "2026-11-22T09:00:00Z" },
		"text": { "status": "generated", "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\">Lab results for treatment</div>" },
		"category": [{ "coding": [{ "system": LOINC_SYSTEM, "code": PATIENT_CONSENT_LOINC }] }],
		"date": "2026-11-22",
		"controller": [{ "reference": "Organization/riverside-general" }],
		"manager": [{ "display": "Riverside General Health Records" }],
	});
	for (element, value) in descriptive.as_object().expect("an object") {
		json[element] = value.clone();
	}
	assert_eq!(to_grant(&parse(json), NOW), to_grant(&parse(clinic_consent()), NOW));
	// Everything CareChain writes is categorised as a patient consent.
	let written = to_fhir(7, &clinic_consent_on_chain());
	assert_eq!(written.category[0].coding[0].code.as_deref(), Some(PATIENT_CONSENT_LOINC));
	// FHIR: an extension must not change the meaning (one that does is a modifierExtension),
	// nor does a verification: both are read and ignored. Modifiers and a policy the consent
	// defers to are refused by name (`what_carechain_cannot_express_is_refused_naming_the_element`);
	// an element R5 Consent does not have is refused when the resource is read.
	let mut json = clinic_consent();
	json["extension"] =
		serde_json::json!([{ "url": "http://example.org/note", "valueString": "x" }]);
	json["verification"] = serde_json::json!([{ "verified": true }]);
	assert_eq!(to_grant(&parse(json), NOW), to_grant(&parse(clinic_consent()), NOW));
	for element in ["policyRule", "type", "scope"] {
		let mut json = clinic_consent();
		json[element] = serde_json::json!({});
		assert!(serde_json::from_value::<Consent>(json).is_err(), "R4's {element} must be refused");
	}
}

#[test]
fn what_carechain_cannot_express_is_refused_naming_the_element() {
	let cases: Vec<(&str, serde_json::Value, &str)> = vec![
		("status", serde_json::json!("draft"), "status"),
		("decision", serde_json::json!("permit"), "decision"),
		("decision", serde_json::json!(null), "decision"),
		("decision", serde_json::json!("abstain"), "decision"),
		("implicitRules", serde_json::json!("http://example.org/rules"), "implicitRules"),
		("policyBasis", serde_json::json!({ "uri": "http://example.org/policy" }), "policyBasis"),
		(
			"modifierExtension",
			serde_json::json!([{ "url": "http://example.org/x", "valueBoolean": true }]),
			"modifierExtension",
		),
		("period", serde_json::json!({ "end": "2020-01-01T00:00:00Z" }), "period.end"),
		("period", serde_json::json!({ "end": "2027-06-30" }), "period.end"),
		("period", serde_json::json!({ "start": "2026-01-01T00:00:00Z" }), "period.end"),
		("grantee", serde_json::json!([]), "grantee"),
		("grantee", serde_json::json!([{ "reference": "Organization/nonsense" }]), "grantee[0]"),
		(
			"subject",
			serde_json::json!({ "reference": format!("Group/{}", ss58(PATIENT)) }),
			"subject",
		),
		(
			"subject",
			serde_json::json!({ "reference": format!("Patient/{}", "x".repeat(1_000_000)) }),
			"subject",
		),
	];
	for (field, value, element) in cases {
		let mut json = clinic_consent();
		json[field] = value;
		let err = to_grant(&parse(json), NOW).expect_err(field);
		assert_eq!(err.element, element, "{err}");
	}
	let provision_cases: Vec<(&str, serde_json::Value, &str)> = vec![
		(
			"expression",
			serde_json::json!({ "language": "text/fhirpath", "expression": "true" }),
			"provision[0].expression",
		),
		(
			"modifierExtension",
			serde_json::json!([{ "url": "http://example.org/x", "valueBoolean": true }]),
			"provision[0].modifierExtension",
		),
		(
			"data",
			serde_json::json!([{ "meaning": "instance", "reference": { "reference": "Observation/1" } }]),
			"provision[0].data",
		),
		(
			"documentType",
			serde_json::json!([{ "system": "urn:ietf:bcp:13", "code": "application/pdf" }]),
			"provision[0].documentType",
		),
		(
			"purpose",
			serde_json::json!([{ "system": PURPOSE_SYSTEM, "code": "MARKETING" }]),
			"provision[0].purpose[0]",
		),
		(
			"purpose",
			serde_json::json!([{ "system": PURPOSE_SYSTEM, "code": "ETREAT" }]),
			"provision[0].purpose[0]",
		),
		(
			"purpose",
			serde_json::json!([{ "system": "urn:other", "code": "TREAT" }]),
			"provision[0].purpose[0]",
		),
		(
			"action",
			serde_json::json!([{ "coding": [{ "system": ACTION_SYSTEM, "code": "disclose" }] }]),
			"provision[0].action[0].coding[0]",
		),
		(
			"resourceType",
			serde_json::json!([{ "system": RESOURCE_TYPE_SYSTEM, "code": "Claim" }]),
			"provision[0].resourceType[0]",
		),
		(
			"code",
			serde_json::json!([
				{ "coding": [{ "system": CATEGORY_SYSTEM, "code": "LabResults" }] },
				{ "coding": [{ "system": CATEGORY_SYSTEM, "code": "VitalSigns" }] }
			]),
			"provision[0].code",
		),
		(
			"code",
			serde_json::json!([{ "coding": [{ "system": "http://snomed.info/sct", "code": "15220000" }] }]),
			"provision[0].code[0].coding[0]",
		),
		(
			"code",
			serde_json::json!([{ "coding": [{ "system": CATEGORY_SYSTEM, "code": "Astrology" }] }]),
			"provision[0].code[0].coding[0].code",
		),
		("provision", serde_json::json!([{ "action": [] }]), "provision[0].provision"),
	];
	for (field, value, element) in provision_cases {
		let mut json = clinic_consent();
		json["provision"][0][field] = value;
		let err = to_grant(&parse(json), NOW).expect_err(field);
		assert_eq!(err.element, element, "{err}");
	}
	// Different purposes in two provisions: one CareChain consent cannot carry both.
	let mut json = clinic_consent();
	json["provision"][1]["purpose"] =
		serde_json::json!([{ "system": PURPOSE_SYSTEM, "code": "HPAYMT" }]);
	assert_eq!(to_grant(&parse(json), NOW).unwrap_err().element, "provision[1]");
	// An element CareChain does not read is refused when parsing, never silently dropped.
	let mut json = clinic_consent();
	json["provision"][0]["subType"] = serde_json::json!([]);
	assert!(serde_json::from_value::<Consent>(json).is_err());
}

/// R5: the base `decision` is the default and each provision an exception to it, each nested
/// level negating the one above (`Consent.decision`, `Consent.provision`,
/// `Consent.provision.provision`).
#[test]
fn r5_semantics_a_carechain_consent_is_deny_with_permit_exceptions() {
	// What CareChain writes reads back as the consent it is.
	let written = to_fhir(3, &clinic_consent_on_chain());
	assert_eq!(written.decision.as_deref(), Some("deny"), "the base rule denies");
	assert_eq!(written.provision.len(), 2, "one permit exception per category");
	assert!(written.provision.iter().all(|p| p.provision.is_empty()), "no deny inside a permit");
	for provision in &written.provision {
		let [actor] = provision.actor.as_slice() else { panic!("one actor per provision") };
		assert_eq!(actor.reference, written.grantee.first().cloned(), "the grantee as actor");
		assert_eq!(actor.role.as_ref().unwrap().coding[0].code.as_deref(), Some(RECIPIENT_ROLE));
	}

	// "Permit everything except lab results" is the opposite of a CareChain consent: refused.
	let mut json = clinic_consent();
	json["decision"] = serde_json::json!("permit");
	let err = to_grant(&parse(json), NOW).unwrap_err();
	assert_eq!(err.element, "decision");
	assert!(err.reason.contains("everything except these"), "{err}");

	// A deny nested in a permit exception (IHE PCF "intermediate" with a carve-out).
	let mut json = clinic_consent();
	json["provision"][0]["provision"] = serde_json::json!([{
		"securityLabel": [{ "system": SECURITY_LABEL_SYSTEM, "code": "HIV" }]
	}]);
	assert_eq!(to_grant(&parse(json), NOW).unwrap_err().element, "provision[0].provision");
}

#[test]
fn the_grantee_is_read_from_consent_grantee_or_a_provision_actor() {
	let actor = serde_json::json!([{
		"role": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "IRCP" }] },
		"reference": { "reference": format!("Organization/{}", ss58(HOSPITAL)) }
	}]);
	let expected = to_grant(&parse(clinic_consent()), NOW).expect("expressible");
	// Only in the provisions' actors, as IHE PCF writes it.
	let mut json = clinic_consent();
	json.as_object_mut().unwrap().remove("grantee");
	json["provision"][0]["actor"] = actor.clone();
	json["provision"][1]["actor"] = actor.clone();
	assert_eq!(to_grant(&parse(json), NOW), Ok(expected.clone()));
	// In both places, naming the same grantee.
	let mut json = clinic_consent();
	json["provision"][0]["actor"] = actor.clone();
	assert_eq!(to_grant(&parse(json), NOW), Ok(expected));
	// Another grantee in an actor: one consent has one grantee.
	let mut json = clinic_consent();
	json["provision"][1]["actor"] = serde_json::json!([{ "reference": { "reference": format!("Organization/{}", ss58([3; 32])) } }]);
	assert_eq!(to_grant(&parse(json), NOW).unwrap_err().element, "provision[1].actor[0].reference");
	// An actor naming no one, and no grantee anywhere.
	let mut json = clinic_consent();
	json["provision"][0]["actor"] = serde_json::json!([{ "role": { "text": "recipient" } }]);
	assert_eq!(to_grant(&parse(json), NOW).unwrap_err().element, "provision[0].actor[0].reference");
	let mut json = clinic_consent();
	json.as_object_mut().unwrap().remove("grantee");
	assert_eq!(to_grant(&parse(json), NOW).unwrap_err().element, "grantee");
}

#[test]
fn the_consent_period_is_kept_apart_from_provision_and_data_periods() {
	let expected = to_grant(&parse(clinic_consent()), NOW).expect("expressible");
	let mut json = clinic_consent();
	json["provision"][0]["period"] = json["period"].clone();
	assert_eq!(to_grant(&parse(json), NOW), Ok(expected), "the same period is no restriction");
	let mut json = clinic_consent();
	json["provision"][1]["period"] = serde_json::json!({ "end": "2026-12-31T00:00:00Z" });
	assert_eq!(to_grant(&parse(json), NOW).unwrap_err().element, "provision[1].period");
	let mut json = clinic_consent();
	json["provision"][0]["dataPeriod"] = serde_json::json!({ "start": "2020-01-01T00:00:00Z" });
	assert_eq!(to_grant(&parse(json), NOW).unwrap_err().element, "provision[0].dataPeriod");
}

/// A provision of `body` (action, purpose and the elements given) in the clinic consent.
fn with_provision(body: serde_json::Value) -> serde_json::Value {
	let mut provision = serde_json::json!({
		"action": [{ "coding": [{ "system": ACTION_SYSTEM, "code": "access" }] }],
		"purpose": [{ "system": PURPOSE_SYSTEM, "code": "TREAT" }],
	});
	for (key, value) in body.as_object().expect("an object") {
		provision[key] = value.clone();
	}
	let mut json = clinic_consent();
	json["provision"] = serde_json::json!([provision]);
	json
}

#[test]
fn categories_are_recognised_from_standard_codes_where_they_decide() {
	let types = |codes: &[&str]| {
		serde_json::json!(codes
			.iter()
			.map(|c| serde_json::json!({ "system": RESOURCE_TYPE_SYSTEM, "code": c }))
			.collect::<Vec<_>>())
	};
	let label = |code: &str| serde_json::json!([{ "system": SECURITY_LABEL_SYSTEM, "code": code }]);
	let observation_category = |code: &str| serde_json::json!([{ "coding": [{ "system": OBSERVATION_CATEGORY_SYSTEM, "code": code }] }]);
	use DataCategory::*;
	let recognised = [
		(serde_json::json!({ "resourceType": types(&["Condition"]) }), Conditions),
		(serde_json::json!({ "resourceType": types(&["Immunization"]) }), Immunizations),
		(
			serde_json::json!({ "resourceType": types(&["Observation", "DiagnosticReport"]) }),
			LabResults,
		),
		(serde_json::json!({ "resourceType": types(&["ImagingStudy"]) }), Imaging),
		(serde_json::json!({ "resourceType": types(&["MolecularSequence"]) }), Genomics),
		(serde_json::json!({ "securityLabel": label("HIV") }), Hiv),
		(serde_json::json!({ "securityLabel": label("PSY") }), MentalHealth),
		(serde_json::json!({ "securityLabel": label("ETH") }), SubstanceUse),
		(serde_json::json!({ "securityLabel": label("SUD") }), SubstanceUse),
		(
			serde_json::json!({ "securityLabel": label("GDIS"), "resourceType": types(&["Observation"]) }),
			Genomics,
		),
		(
			serde_json::json!({ "code": observation_category("laboratory"), "resourceType": types(&["Observation"]) }),
			LabResults,
		),
		(serde_json::json!({ "code": observation_category("vital-signs") }), VitalSigns),
	];
	for (body, category) in recognised {
		let grant = to_grant(&parse(with_provision(body.clone())), NOW)
			.unwrap_or_else(|e| panic!("{body}: {e}"));
		assert_eq!(grant.categories, DataCategories::from(category), "{body}");
	}
	let refused = [
		// An Observation alone may be a lab result, a vital sign or a genetic test.
		(serde_json::json!({ "resourceType": types(&["Observation"]) }), "provision[0].code"),
		(
			serde_json::json!({ "resourceType": types(&["Condition", "Immunization"]) }),
			"provision[0].resourceType",
		),
		(serde_json::json!({ "securityLabel": label("R") }), "provision[0].securityLabel[0]"),
		(
			serde_json::json!({ "securityLabel": [
			{ "system": SECURITY_LABEL_SYSTEM, "code": "HIV" },
			{ "system": SECURITY_LABEL_SYSTEM, "code": "PSY" }
		] }),
			"provision[0].securityLabel[1]",
		),
		(
			serde_json::json!({ "code": observation_category("social-history") }),
			"provision[0].code[0].coding[0].code",
		),
		(
			serde_json::json!({ "code": observation_category("laboratory"), "securityLabel": label("HIV") }),
			"provision[0].securityLabel[0]",
		),
		(serde_json::json!({}), "provision[0].code"),
	];
	for (body, element) in refused {
		let err = to_grant(&parse(with_provision(body.clone())), NOW).expect_err(&body.to_string());
		assert_eq!(err.element, element, "{body}: {err}");
	}
}

fn categories() -> impl Strategy<Value = DataCategories> {
	(1u32..(1 << 18)).prop_map(DataCategories)
}

proptest! {
	#[test]
	fn the_round_trip_is_lossless(
		categories in categories(),
		actions in (1u8..4).prop_map(Actions),
		purposes in (1u16..0x80).prop_map(|bits| Purposes(bits & !0b10)).prop_filter("non-empty", |p| !p.is_empty()),
		created_at in 1_700_000_000_000u64..NOW,
		lasts in 1u64..(10 * 365 * 86_400_000),
		id in any::<u64>(),
	) {
		let consent = ChainConsent {
			patient: AccountId32::from(PATIENT),
			grantee: AccountId32::from(HOSPITAL),
			categories,
			sealed: None,
			actions,
			purposes,
			created_at,
			expires_at: NOW + lasts,
			status: ConsentStatus::Active,
			kind: carechain_primitives::ConsentKind::Standard,
			by_guardian: false,
		};
		let json = serde_json::to_string(&to_fhir(id, &consent)).expect("serializes");
		let back: Consent = serde_json::from_str(&json).expect("parses");
		let grant = to_grant(&back, NOW).expect("expressible");
		prop_assert_eq!(grant, GrantArgs {
			patient: consent.patient.clone(),
			grantee: consent.grantee.clone(),
			categories,
			actions,
			purposes,
			expires_at: consent.expires_at,
		});
		prop_assert_eq!(back.identifier[0].value.clone(), Some(id.to_string()));
	}
}

/// The table of R5 Consents as EHRs write them (`fhir/tests/ehr-consents.json`: HL7 R5 examples
/// CareChain can and cannot express, IHE PCF basic and intermediate shapes, standard codes only,
/// security labels, LOINC document codes, nested deny exceptions): each becomes exactly the grant
/// the table gives, or is refused naming exactly the element it gives.
mod ehr_consents {
	use super::*;
	use serde_json::Value;

	fn table() -> Value {
		let text = include_str!("../tests/ehr-consents.json");
		serde_json::from_str(text).expect("the table is JSON")
	}

	fn names(list: &Value) -> Vec<String> {
		list.as_array()
			.expect("a list of names")
			.iter()
			.map(|name| name.as_str().expect("a name").to_owned())
			.collect()
	}

	#[test]
	fn every_ehr_consent_becomes_its_grant_or_is_refused_naming_its_element() {
		let table = table();
		let now = table["now"].as_u64().expect("now");
		let cases = table["cases"].as_array().expect("cases");
		assert!(cases.len() >= 20, "the table lost cases");
		let (mut granted, mut refused) = (0, 0);
		for case in cases {
			let name = case["name"].as_str().expect("name");
			let consent: Consent = serde_json::from_value(case["consent"].clone())
				.unwrap_or_else(|e| panic!("{name}: does not parse: {e}"));
			let outcome = to_grant(&consent, now);
			match (case.get("grant"), case.get("refused")) {
				(Some(expected), None) => {
					let grant = outcome.unwrap_or_else(|e| panic!("{name}: refused: {e}"));
					assert_eq!(grant.patient.to_ss58check(), expected["patient"], "{name}");
					assert_eq!(grant.grantee.to_ss58check(), expected["grantee"], "{name}");
					let categories: Vec<String> =
						grant.categories.names().map(String::from).collect();
					assert_eq!(categories, names(&expected["categories"]), "{name}");
					let actions: Vec<String> = grant.actions.names().map(String::from).collect();
					assert_eq!(actions, names(&expected["actions"]), "{name}");
					let purposes: Vec<String> = grant.purposes.names().map(String::from).collect();
					assert_eq!(purposes, names(&expected["purposes"]), "{name}");
					assert_eq!(Some(grant.expires_at), expected["expiresAt"].as_u64(), "{name}");
					granted += 1;
				},
				(None, Some(element)) => {
					let error = outcome.err().unwrap_or_else(|| panic!("{name}: accepted"));
					assert_eq!(
						error.element,
						element.as_str().expect("element"),
						"{name}: {error}"
					);
					refused += 1;
				},
				_ => panic!("{name}: give `grant` or `refused`"),
			}
		}
		assert!(granted >= 5 && refused >= 10, "{granted} granted, {refused} refused");
	}
}

/// The published terminology is the mapping applied: every ConceptMap element resolves, through
/// the functions `to_grant` uses, to the target it names; the CodeSystem lists every category.
mod terminology_tests {
	use super::*;
	use crate::terminology::{category_of_coding, code_system, concept_map, loinc_category};

	#[test]
	fn the_code_system_lists_every_category_with_its_sensitivity() {
		let system = code_system();
		let concepts = system["concept"].as_array().expect("concepts");
		assert_eq!(concepts.len(), DataCategory::ALL.len());
		assert_eq!(system["url"], CATEGORY_SYSTEM);
		for (concept, category) in concepts.iter().zip(DataCategory::ALL) {
			assert_eq!(concept["code"], category.name());
			assert_eq!(concept["property"][0]["valueBoolean"], category.is_sensitive());
		}
	}

	#[test]
	fn every_concept_map_element_is_what_the_mapping_applies() {
		let map = concept_map();
		let mut checked = 0;
		for group in map["group"].as_array().expect("groups") {
			let system = group["source"].as_str().expect("source");
			for element in group["element"].as_array().expect("elements") {
				let code = element["code"].as_str().expect("code");
				let targets: Vec<&str> = element["target"]
					.as_array()
					.expect("targets")
					.iter()
					.map(|t| t["code"].as_str().expect("target code"))
					.collect();
				let coding =
					Coding { system: Some(system.into()), code: Some(code.into()), display: None };
				match category_of_coding(&coding) {
					Ok(category) => assert_eq!(targets, [category.name()], "{system} {code}"),
					Err(_) => assert!(targets.len() > 1, "{system} {code} maps to nothing"),
				}
				checked += 1;
			}
		}
		assert!(checked > 40, "only {checked} elements");
	}

	#[test]
	fn codings_name_categories_from_every_supported_system() {
		let of = |system: &str, code: &str| {
			category_of_coding(&Coding {
				system: Some(system.into()),
				code: Some(code.into()),
				display: None,
			})
		};
		assert_eq!(of(SECURITY_LABEL_SYSTEM, "HIV"), Ok(DataCategory::Hiv));
		assert_eq!(of(OBSERVATION_CATEGORY_SYSTEM, "laboratory"), Ok(DataCategory::LabResults));
		assert_eq!(of(LOINC_SYSTEM, "18842-5"), Ok(DataCategory::ClinicalNotes));
		assert_eq!(of(RESOURCE_TYPE_SYSTEM, "Immunization"), Ok(DataCategory::Immunizations));
		assert_eq!(of(CATEGORY_SYSTEM, "Billing"), Ok(DataCategory::Billing));
		let ambiguous = of(RESOURCE_TYPE_SYSTEM, "Observation").expect_err("several categories");
		assert!(ambiguous.contains("no single data category"), "{ambiguous}");
		let unknown = of("http://snomed.info/sct", "225362009").expect_err("not mapped");
		assert!(unknown.contains("not one CareChain maps"), "{unknown}");
		assert_eq!(loinc_category("11503-0"), None, "generic medical records decide nothing");
	}

	#[test]
	fn a_loinc_document_code_allows_document_resource_types_and_nothing_else() {
		let consent = |types: serde_json::Value| {
			with_provision(serde_json::json!({
				"code": [{ "coding": [{ "system": LOINC_SYSTEM, "code": "11502-2" }] }],
				"resourceType": types,
			}))
		};
		let document = serde_json::json!([
			{ "system": RESOURCE_TYPE_SYSTEM, "code": "DocumentReference" },
			{ "system": RESOURCE_TYPE_SYSTEM, "code": "Observation" },
		]);
		let grant = to_grant(&parse(consent(document)), NOW).expect("a lab report document");
		assert_eq!(grant.categories, DataCategories::empty().with(DataCategory::LabResults));
		let other = serde_json::json!([{ "system": RESOURCE_TYPE_SYSTEM, "code": "Immunization" }]);
		let error = to_grant(&parse(consent(other)), NOW).expect_err("not a lab result");
		assert_eq!(error.element, "provision[0].resourceType[0]");
	}
}

/// An access as an IHE BALP-shaped R5 AuditEvent.
mod audit_tests {
	use super::*;
	use crate::audit::{audit_event, LoggedAccess};

	fn access(
		accessor: [u8; 32],
		category: impl Into<carechain_primitives::AccessedCategory>,
		action: Action,
	) -> LoggedAccess {
		LoggedAccess {
			patient: AccountId32::from(PATIENT),
			accessor: AccountId32::from(accessor),
			organisation: AccountId32::from(HOSPITAL),
			category: category.into(),
			action,
			purpose: PurposeOfUse::Treatment,
			consent_id: 7,
			time: NOW,
			record_hash: Some([0xab; 32]),
		}
	}

	#[test]
	fn a_staff_members_read_names_patient_staff_organisation_consent_and_purpose() {
		let event = audit_event("a-1", &access([3; 32], DataCategory::Hiv, Action::Read));
		assert_eq!(event["resourceType"], "AuditEvent");
		assert_eq!(event["action"], "R");
		assert_eq!(event["code"]["coding"][0]["code"], "read");
		assert_eq!(event["patient"]["reference"], format!("Patient/{}", ss58(PATIENT)));
		assert_eq!(event["basedOn"][0]["reference"], "Consent/7");
		assert_eq!(event["authorization"][0]["coding"][0]["code"], "TREAT");
		assert_eq!(
			event["agent"][0]["who"]["reference"],
			format!("Practitioner/{}", ss58([3; 32]))
		);
		assert_eq!(
			event["agent"][1]["who"]["reference"],
			format!("Organization/{}", ss58(HOSPITAL))
		);
		assert_eq!(event["recorded"], instant(NOW));
		let data = &event["entity"][1];
		assert_eq!(data["what"]["identifier"]["value"], format!("0x{}", "ab".repeat(32)));
		assert_eq!(data["securityLabel"][0]["coding"][0]["code"], "HIV");
		assert_eq!(data["detail"][0]["valueString"], "Hiv");
	}

	/// A sealed access (logged before storage v4 a sensitive category was in clear, as above):
	/// the tag, no category and no security label, since the chain cannot tell which.
	#[test]
	fn a_sealed_access_shows_its_tag_and_no_category() {
		let sealed = carechain_primitives::AccessedCategory::Sealed([0x5e; 16]);
		let event = audit_event("a-3", &access([3; 32], sealed, Action::Read));
		let data = &event["entity"][1];
		assert_eq!(data["detail"][0]["type"]["text"], "sealed category tag");
		assert_eq!(data["detail"][0]["valueString"], format!("0x{}", "5e".repeat(16)));
		assert!(data.get("securityLabel").is_none());
		let text = event.to_string();
		for name in ["Hiv", "MentalHealth", "SubstanceUse", "SexualReproductive", "Genomics"] {
			assert!(!text.contains(name), "{name} in {text}");
		}
	}

	#[test]
	fn an_organisations_own_write_has_one_agent_and_no_label_for_standard_data() {
		let event = audit_event("a-2", &access(HOSPITAL, DataCategory::LabResults, Action::Write));
		assert_eq!(event["action"], "U");
		assert_eq!(event["code"]["coding"][0]["code"], "update");
		assert_eq!(event["agent"].as_array().map(Vec::len), Some(1));
		assert_eq!(
			event["agent"][0]["who"]["reference"],
			format!("Organization/{}", ss58(HOSPITAL))
		);
		assert!(event["entity"][1].get("securityLabel").is_none());
	}
}
