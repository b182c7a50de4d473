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
	// Extensions may restrict the consent in ways CareChain cannot see: refused, not ignored.
	for element in ["extension", "modifierExtension", "policyBasis", "verification"] {
		let mut json = clinic_consent();
		json[element] = serde_json::json!([]);
		assert!(serde_json::from_value::<Consent>(json).is_err(), "{element} must be refused");
	}
}

#[test]
fn what_carechain_cannot_express_is_refused_naming_the_element() {
	let cases: Vec<(&str, serde_json::Value, &str)> = vec![
		("status", serde_json::json!("draft"), "status"),
		("decision", serde_json::json!("permit"), "decision"),
		("decision", serde_json::json!(null), "decision"),
		("decision", serde_json::json!("abstain"), "decision"),
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
