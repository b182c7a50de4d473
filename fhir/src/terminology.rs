//! CareChain's data categories as FHIR terminology: the code system of the categories
//! ([`code_system`]) and the map from HL7 codes to them ([`concept_map`]), both built from the
//! tables the mapping itself reads ([`crate::category_terms`], [`crate::labelled_category`],
//! [`crate::observation_category`], [`LOINC_DOCUMENT_CODES`]), so that what is published is what
//! is applied. The FHIR gateway serves them as `CodeSystem/data-category` and
//! `ConceptMap/data-category-from-hl7`.

use carechain_primitives::DataCategory;
use serde_json::{json, Value};

use crate::{
	category_terms, labelled_category, observation_category, Coding, CATEGORY_SYSTEM, LOINC_SYSTEM,
	OBSERVATION_CATEGORY_SYSTEM, RESOURCE_TYPE_SYSTEM, SECURITY_LABEL_SYSTEM,
};

/// Logical id of the CodeSystem of data categories (the last segment of [`CATEGORY_SYSTEM`]).
pub const CODE_SYSTEM_ID: &str = "data-category";
/// Logical id of the ConceptMap from HL7 codes to data categories.
pub const CONCEPT_MAP_ID: &str = "data-category-from-hl7";
/// Canonical URL of the ConceptMap.
pub const CONCEPT_MAP_URL: &str =
	"https://carechain.example/fhir/ConceptMap/data-category-from-hl7";
/// Version of both terminology resources; raised whenever a table changes.
pub const TERMINOLOGY_VERSION: &str = "1.1.0";

/// Resource types that carry a category's data as a document: allowed beside a LOINC document
/// code of any category (a laboratory report may come as a `DocumentReference`).
pub const DOCUMENT_TYPES: [&str; 3] = ["DocumentReference", "DiagnosticReport", "Composition"];

/// LOINC document and section codes that decide a category: (code, LOINC display, category).
/// Only codes whose content is one category; generic ones (11503-0 "Medical records",
/// 60591-5 "Patient summary") are deliberately absent.
pub const LOINC_DOCUMENT_CODES: [(&str, &str, DataCategory); 19] = [
	("48765-2", "Allergies and adverse reactions Document", DataCategory::Allergies),
	("10160-0", "History of Medication use Narrative", DataCategory::Medications),
	("11450-4", "Problem list - Reported", DataCategory::Conditions),
	("11369-6", "History of Immunization Narrative", DataCategory::Immunizations),
	("11502-2", "Laboratory report", DataCategory::LabResults),
	("30954-2", "Relevant diagnostic tests/laboratory data Narrative", DataCategory::LabResults),
	("8716-3", "Vital signs", DataCategory::VitalSigns),
	("18748-4", "Diagnostic imaging study", DataCategory::Imaging),
	("47519-4", "History of Procedures Document", DataCategory::Procedures),
	("11506-3", "Progress note", DataCategory::ClinicalNotes),
	("34117-2", "History and physical note", DataCategory::ClinicalNotes),
	("18842-5", "Discharge summary", DataCategory::ClinicalNotes),
	("11488-4", "Consult note", DataCategory::ClinicalNotes),
	("28570-0", "Procedure note", DataCategory::ClinicalNotes),
	("11504-8", "Surgical operation note", DataCategory::ClinicalNotes),
	("18776-5", "Plan of care note", DataCategory::CarePlans),
	(
		"46240-8",
		"History of Hospitalizations+Outpatient visits Narrative",
		DataCategory::Encounters,
	),
	("51969-4", "Genetic analysis report", DataCategory::Genomics),
	("18761-7", "Transfer summary note", DataCategory::ClinicalNotes),
];

/// The category a LOINC document or section code decides, if one.
pub fn loinc_category(code: &str) -> Option<DataCategory> {
	LOINC_DOCUMENT_CODES
		.iter()
		.find(|(known, _, _)| *known == code)
		.map(|(_, _, category)| *category)
}

/// The one category whose data a FHIR resource type is, if exactly one.
pub fn resource_type_category(resource_type: &str) -> Option<DataCategory> {
	let mut fitting =
		DataCategory::ALL.iter().filter(|c| category_terms(**c).0.contains(&resource_type));
	match (fitting.next(), fitting.next()) {
		(Some(category), None) => Some(*category),
		_ => None,
	}
}

/// The category one coding names: a CareChain category code, a v3 security label, an HL7
/// observation category, a LOINC document code or a resource type of one category. `Err` says
/// why not, in words an integrator can act on.
pub fn category_of_coding(coding: &Coding) -> Result<DataCategory, String> {
	let code = coding.code.as_deref().ok_or("has no code")?;
	let system = coding.system.as_deref().ok_or("has no system")?;
	let category = match system {
		CATEGORY_SYSTEM => DataCategory::from_name(code),
		SECURITY_LABEL_SYSTEM => labelled_category(code),
		OBSERVATION_CATEGORY_SYSTEM => observation_category(code),
		LOINC_SYSTEM => loinc_category(code),
		RESOURCE_TYPE_SYSTEM => resource_type_category(code),
		other => {
			return Err(format!(
				"the system `{other}` is not one CareChain maps (see ConceptMap/{CONCEPT_MAP_ID})"
			))
		},
	};
	category.ok_or_else(|| {
		format!(
			"`{code}` of {system} names no single data category (see ConceptMap/{CONCEPT_MAP_ID})"
		)
	})
}

/// A human-readable name of a category.
pub fn display(category: DataCategory) -> &'static str {
	use DataCategory::*;
	match category {
		Demographics => "Demographics",
		Allergies => "Allergies and intolerances",
		Medications => "Medications",
		Conditions => "Conditions",
		Immunizations => "Immunizations",
		LabResults => "Laboratory results",
		VitalSigns => "Vital signs",
		Imaging => "Imaging",
		Procedures => "Procedures",
		ClinicalNotes => "Clinical notes",
		CarePlans => "Care plans and goals",
		Encounters => "Encounters",
		Billing => "Billing and coverage",
		MentalHealth => "Mental health",
		SubstanceUse => "Substance use",
		SexualReproductive => "Sexual and reproductive health",
		Genomics => "Genomics",
		Hiv => "HIV",
	}
}

/// The FHIR R5 `CodeSystem` of CareChain's data categories: every category with its display,
/// a definition naming its resource types and security label, and whether it is sensitive.
pub fn code_system() -> Value {
	let concepts: Vec<Value> = DataCategory::ALL
		.iter()
		.map(|category| {
			let (types, label) = category_terms(*category);
			let mut definition = if types.is_empty() {
				String::from("Data of any resource type")
			} else {
				format!("Data of resource types {}", types.join(", "))
			};
			if let Some(label) = label {
				definition.push_str(&format!(", labelled {label} (v3-ActCode)"));
			}
			definition.push('.');
			json!({
				"code": category.name(),
				"display": display(*category),
				"definition": definition,
				"property": [{ "code": "sensitive", "valueBoolean": category.is_sensitive() }],
			})
		})
		.collect();
	json!({
		"resourceType": "CodeSystem",
		"id": CODE_SYSTEM_ID,
		"url": CATEGORY_SYSTEM,
		"version": TERMINOLOGY_VERSION,
		"name": "CareChainDataCategory",
		"title": "CareChain data categories",
		"status": "active",
		"experimental": false,
		"publisher": "CareChain consortium",
		"description": "The parts of a patient's record a CareChain consent or access covers. \
			Sensitive categories are shared only when named one by one.",
		"caseSensitive": true,
		"content": "complete",
		"count": concepts.len(),
		"property": [{
			"code": "sensitive",
			"description": "Shared only when named one by one (never by 'all standard categories')",
			"type": "boolean",
		}],
		"concept": concepts,
	})
}

/// One ConceptMap element: `code` (with `display`) maps to `category`.
fn equivalent(
	code: &str,
	display: Option<&str>,
	category: DataCategory,
	relationship: &str,
) -> Value {
	let mut element = json!({
		"code": code,
		"target": [{ "code": category.name(), "display": self::display(category), "relationship": relationship }],
	});
	if let Some(display) = display {
		element["display"] = json!(display);
	}
	element
}

/// The FHIR R5 `ConceptMap` from HL7 codes to CareChain's data categories: v3 security labels,
/// HL7 observation categories, LOINC document codes and FHIR resource types. A resource type of
/// several categories (`Observation`, `DiagnosticReport`) lists each with relationship
/// `source-is-broader-than-target`: a consent naming it alone is refused, asking for a code.
pub fn concept_map() -> Value {
	let labels: Vec<Value> = ["PSY", "SUD", "ETH", "SEX", "GDIS", "HIV"]
		.iter()
		.filter_map(|label| {
			labelled_category(label).map(|category| equivalent(label, None, category, "equivalent"))
		})
		.collect();
	let observation: Vec<Value> = ["laboratory", "vital-signs", "imaging"]
		.iter()
		.filter_map(|code| {
			observation_category(code)
				.map(|category| equivalent(code, None, category, "equivalent"))
		})
		.collect();
	let loinc: Vec<Value> = LOINC_DOCUMENT_CODES
		.iter()
		.map(|(code, display, category)| {
			equivalent(code, Some(display), *category, "source-is-narrower-than-target")
		})
		.collect();
	let mut resource_types: Vec<&str> =
		DataCategory::ALL.iter().flat_map(|c| category_terms(*c).0.iter().copied()).collect();
	resource_types.sort_unstable();
	resource_types.dedup();
	let types: Vec<Value> = resource_types
		.iter()
		.map(|resource_type| {
			let targets: Vec<Value> = DataCategory::ALL
				.iter()
				.filter(|c| category_terms(**c).0.contains(resource_type))
				.map(|category| {
					json!({
						"code": category.name(),
						"display": display(*category),
						"relationship": if resource_type_category(resource_type).is_some() {
							"source-is-narrower-than-target"
						} else {
							"source-is-broader-than-target"
						},
					})
				})
				.collect();
			json!({ "code": resource_type, "target": targets })
		})
		.collect();
	let group = |source: &str, elements: Vec<Value>| json!({ "source": source, "target": CATEGORY_SYSTEM, "element": elements });
	json!({
		"resourceType": "ConceptMap",
		"id": CONCEPT_MAP_ID,
		"url": CONCEPT_MAP_URL,
		"version": TERMINOLOGY_VERSION,
		"name": "CareChainDataCategoryFromHl7",
		"title": "HL7 codes to CareChain data categories",
		"status": "active",
		"experimental": false,
		"publisher": "CareChain consortium",
		"description": "How a Consent provision's standard codes decide its CareChain data \
			category. A security label decides first; a code (observation category, LOINC \
			document code) next; resource types only when they fit one category.",
		"targetScopeUri": CATEGORY_SYSTEM,
		"group": [
			group(SECURITY_LABEL_SYSTEM, labels),
			group(OBSERVATION_CATEGORY_SYSTEM, observation),
			group(LOINC_SYSTEM, loinc),
			group(RESOURCE_TYPE_SYSTEM, types),
		],
	})
}
