//! # CareChain FHIR R5 mapping (SPEC 6)
//!
//! [`to_fhir`] turns a CareChain consent into a FHIR R5 `Consent`; [`to_grant`] turns a FHIR
//! `Consent` posted by clinic software into the arguments of `Consent::grant`, refusing with a
//! [`MappingError`] that names the element whatever CareChain cannot express. For everything
//! CareChain can express the round trip is lossless.
//!
//! ## R5 decision semantics
//!
//! In R5 a Consent's base rule is `Consent.decision` (`deny | permit`) and every
//! `Consent.provision` is an exception to it; a provision nested in a provision
//! (`Consent.provision.provision`) is an exception to that one, so each level negates the one
//! above (R5 dropped R4's `provision.type` for this). A CareChain consent permits exactly what
//! it lists, so it is written as `decision: deny` with one *permit* exception per data
//! category, and read only in that shape: a base `permit` with provisions means "everything
//! except these", which CareChain cannot express, and nested provisions (a deny inside a permit)
//! are refused too, each naming the element. IHE Privacy Consent on FHIR (PCF) is written for
//! R4: its basic shapes (a root provision of type `permit` or `deny` and no exceptions) are, in
//! R5, `decision` alone; its intermediate shapes (a root provision with nested provisions of the
//! other type) are `decision` plus top-level provisions. Only PCF's "deny, except permit these
//! categories to this grantee" is a CareChain consent.
//!
//! The grantee is written in both places R5 has for it: `Consent.grantee` and each provision's
//! `actor` (role v3 ParticipationType `IRCP`, information recipient). It is read from either
//! (`Consent.provision.actor.reference`, any role); all that are given must name the same one.
//! The consent's period is `Consent.period`; a provision's own `period` must be absent or the
//! same, and `Consent.provision.dataPeriod` (which data, by when it was recorded) is refused:
//! a CareChain consent covers a category's data whenever it was recorded.
//!
//! ## Categories from standard codes
//!
//! CareChain writes one provision per data category: its resource types and, for sensitive
//! categories, its security label come from the SPEC 2 table, and a coding in
//! [`CATEGORY_SYSTEM`] names the category. Reading, a provision's category is recognised from
//! HL7 codes wherever they decide it: a v3 confidentiality security label
//! ([`SECURITY_LABEL_SYSTEM`]: `PSY`, `SUD`, `ETH`, `SEX`, `GDIS`, `HIV`), an HL7
//! `observation-category` code ([`OBSERVATION_CATEGORY_SYSTEM`]: `laboratory`, `vital-signs`,
//! `imaging`), a LOINC document or section code ([`terminology::LOINC_DOCUMENT_CODES`]: `11502-2`
//! laboratory report, `18842-5` discharge summary, ...; its data may then also come as a
//! `DocumentReference`, `DiagnosticReport` or `Composition`), or resource types that fit exactly
//! one category (`Condition`, `Immunization`, `Observation` with `DiagnosticReport`, ...).
//! CareChain's own code is needed only where nothing standard decides (an `Observation` alone may
//! be a lab result, a vital sign or a genetic test). The tables are published as FHIR terminology
//! ([`terminology::code_system`], [`terminology::concept_map`]).
//!
//! ## Elements read, ignored and refused
//!
//! Descriptive elements EHRs send (`meta`, `text`, `language`, `contained`, `extension`,
//! `category`, `date`, `controller`, `manager`, `sourceAttachment`, `sourceReference`,
//! `regulatoryBasis`, `policyText`, `verification`) are read and ignored: they never change what
//! the consent permits (FHIR: an `extension` must not change the meaning; one that does is a
//! `modifierExtension`). Elements that would change it and CareChain cannot express are refused
//! by name: `modifierExtension`, `implicitRules` and `policyBasis` (a policy the consent defers
//! to), and a provision's `data`
//! (particular resources), `expression`, `documentType` (a format), `dataPeriod` and nested
//! `provision`. Any other element is refused when the resource is read (`deny_unknown_fields`).

#![deny(missing_docs)]

pub mod audit;
pub mod claims;
pub mod resource;
pub mod terminology;

use carechain_primitives::{
	Action, Actions, Consent as ChainConsent, ConsentId, ConsentStatus, DataCategories,
	DataCategory, Moment, PurposeOfUse, Purposes,
};
use chrono::{DateTime, SecondsFormat, Utc};
use sp_core::crypto::{AccountId32, Ss58Codec};

pub use resource::{
	Actor, CodeableConcept, Coding, Consent, Identifier, Period, Provision, Reference,
};

/// Code system of CareChain's data categories (codes are the category names).
pub const CATEGORY_SYSTEM: &str = "https://carechain.example/fhir/CodeSystem/data-category";
/// Identifier system of CareChain consent ids.
pub const CONSENT_ID_SYSTEM: &str = "https://carechain.example/fhir/NamingSystem/consent-id";
/// HL7 consent actions.
pub const ACTION_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/consentaction";
/// HL7 v3 ActReason (purposes of use).
pub const PURPOSE_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
/// HL7 v3 ActCode (security labels of sensitive data).
pub const SECURITY_LABEL_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
/// LOINC, for the consent's category.
pub const LOINC_SYSTEM: &str = "http://loinc.org";
/// LOINC 59284-0 "Patient consent": the category of every consent CareChain writes.
pub const PATIENT_CONSENT_LOINC: &str = "59284-0";
/// HL7 v3 ParticipationType: the role of a provision's actor.
pub const PARTICIPATION_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
/// `IRCP`, information recipient: the role CareChain gives the grantee in each provision.
pub const RECIPIENT_ROLE: &str = "IRCP";
/// FHIR resource types.
pub const RESOURCE_TYPE_SYSTEM: &str = "http://hl7.org/fhir/fhir-types";
/// HL7 observation categories (`laboratory`, `vital-signs`, `imaging`, ...).
pub const OBSERVATION_CATEGORY_SYSTEM: &str =
	"http://terminology.hl7.org/CodeSystem/observation-category";

/// The FHIR resource types and security label of a data category (SPEC 2).
pub fn category_terms(category: DataCategory) -> (&'static [&'static str], Option<&'static str>) {
	use DataCategory::*;
	match category {
		Demographics => (&["Patient", "RelatedPerson"], None),
		Allergies => (&["AllergyIntolerance"], None),
		Medications => (&["MedicationRequest", "MedicationStatement", "MedicationDispense"], None),
		Conditions => (&["Condition"], None),
		Immunizations => (&["Immunization"], None),
		LabResults => (&["Observation", "DiagnosticReport", "Specimen"], None),
		VitalSigns => (&["Observation"], None),
		Imaging => (&["ImagingStudy", "DiagnosticReport"], None),
		Procedures => (&["Procedure"], None),
		ClinicalNotes => (&["DocumentReference", "Composition"], None),
		CarePlans => (&["CarePlan", "Goal"], None),
		Encounters => (&["Encounter"], None),
		Billing => (&["Claim", "ExplanationOfBenefit", "Coverage"], None),
		MentalHealth => (&[], Some("PSY")),
		SubstanceUse => (&[], Some("SUD")),
		SexualReproductive => (&[], Some("SEX")),
		Genomics => (&["MolecularSequence", "Observation"], Some("GDIS")),
		Hiv => (&[], Some("HIV")),
	}
}

/// The data category a v3 security label marks, if it marks one (`ETH`, alcohol and drug
/// abuse information, is substance use as `SUD` is).
pub fn labelled_category(label: &str) -> Option<DataCategory> {
	use DataCategory::*;
	match label {
		"PSY" => Some(MentalHealth),
		"SUD" | "ETH" => Some(SubstanceUse),
		"SEX" => Some(SexualReproductive),
		"GDIS" => Some(Genomics),
		"HIV" => Some(Hiv),
		_ => None,
	}
}

/// The data category an HL7 observation-category code stands for, if one.
pub fn observation_category(code: &str) -> Option<DataCategory> {
	match code {
		"laboratory" => Some(DataCategory::LabResults),
		"vital-signs" => Some(DataCategory::VitalSigns),
		"imaging" => Some(DataCategory::Imaging),
		_ => None,
	}
}

/// The FHIR consent action of a CareChain action.
pub fn action_code(action: Action) -> &'static str {
	match action {
		Action::Read => "access",
		Action::Write => "correct",
	}
}

/// Why a FHIR `Consent` cannot become a CareChain grant; each names the element at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MappingError {
	/// The FHIR path of the element, e.g. `provision[1].purpose[0]`.
	pub element: String,
	/// What is wrong with it.
	pub reason: String,
}

impl core::fmt::Display for MappingError {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "{}: {}", self.element, self.reason)
	}
}

impl std::error::Error for MappingError {}

fn error(element: impl Into<String>, reason: impl Into<String>) -> MappingError {
	MappingError { element: element.into(), reason: reason.into() }
}

/// The arguments of `Consent::grant` a FHIR `Consent` stands for, with the patient who signs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrantArgs {
	/// The patient (the FHIR subject), who must sign the grant.
	pub patient: AccountId32,
	/// The provider granted.
	pub grantee: AccountId32,
	/// Data categories.
	pub categories: DataCategories,
	/// Actions.
	pub actions: Actions,
	/// Purposes of use.
	pub purposes: Purposes,
	/// Expiry (unix ms).
	pub expires_at: Moment,
}

/// The wall clock in unix ms, the `now` against which a posted Consent's `period.end` is judged
/// off chain (the chain checks the expiry again against its own time when the grant lands).
pub fn wall_clock_now() -> Moment {
	std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.map(|elapsed| Moment::try_from(elapsed.as_millis()).unwrap_or(Moment::MAX))
		.unwrap_or_default()
}

/// A unix-ms instant as a FHIR `dateTime` (UTC, milliseconds).
pub fn instant(ms: Moment) -> String {
	let ms = i64::try_from(ms).unwrap_or(i64::MAX);
	DateTime::<Utc>::from_timestamp_millis(ms)
		.unwrap_or(DateTime::<Utc>::MAX_UTC)
		.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A FHIR `dateTime` with a time zone as unix ms; `element` names it in the error.
pub fn parse_instant(value: &str, element: &str) -> Result<Moment, MappingError> {
	let parsed = DateTime::parse_from_rfc3339(value).map_err(|e| {
		error(element, format!("`{value}` is not a dateTime with time and zone ({e})"))
	})?;
	Moment::try_from(parsed.timestamp_millis())
		.map_err(|_| error(element, format!("`{value}` is before 1970")))
}

fn coding(system: &str, code: &str) -> Coding {
	Coding { system: Some(system.into()), code: Some(code.into()), display: None }
}

fn concept(system: &str, code: &str) -> CodeableConcept {
	CodeableConcept { coding: vec![coding(system, code)], text: None }
}

fn reference(kind: &str, account: &AccountId32) -> Reference {
	Reference {
		reference: Some(format!("{kind}/{}", account.to_ss58check())),
		identifier: None,
		display: None,
	}
}

/// The FHIR R5 `Consent` of CareChain consent `id`.
pub fn to_fhir(id: ConsentId, consent: &ChainConsent<AccountId32>) -> Consent {
	let action: Vec<_> =
		consent.actions.iter().map(|action| concept(ACTION_SYSTEM, action_code(action))).collect();
	let purpose: Vec<_> =
		consent.purposes.iter().map(|p| coding(PURPOSE_SYSTEM, p.name())).collect();
	let provision = consent
		.categories
		.iter()
		.map(|category| {
			let (types, label) = category_terms(category);
			Provision {
				action: action.clone(),
				security_label: label
					.map(|l| coding(SECURITY_LABEL_SYSTEM, l))
					.into_iter()
					.collect(),
				purpose: purpose.clone(),
				resource_type: types.iter().map(|t| coding(RESOURCE_TYPE_SYSTEM, t)).collect(),
				code: vec![concept(CATEGORY_SYSTEM, category.name())],
				actor: vec![Actor {
					role: Some(concept(PARTICIPATION_SYSTEM, RECIPIENT_ROLE)),
					reference: Some(reference("Organization", &consent.grantee)),
				}],
				..Provision::default()
			}
		})
		.collect();
	Consent {
		resource_type: "Consent".into(),
		id: Some(id.to_string()),
		identifier: vec![Identifier {
			system: Some(CONSENT_ID_SYSTEM.into()),
			value: Some(id.to_string()),
		}],
		meta: None,
		text: None,
		category: vec![CodeableConcept {
			coding: vec![Coding {
				system: Some(LOINC_SYSTEM.into()),
				code: Some(PATIENT_CONSENT_LOINC.into()),
				display: Some("Patient consent".into()),
			}],
			text: None,
		}],
		date: None,
		controller: Vec::new(),
		manager: Vec::new(),
		status: match consent.status {
			ConsentStatus::Active => "active",
			ConsentStatus::Revoked | ConsentStatus::Expired => "inactive",
		}
		.into(),
		subject: Some(reference("Patient", &consent.patient)),
		grantor: vec![reference("Patient", &consent.patient)],
		grantee: vec![reference("Organization", &consent.grantee)],
		period: Some(Period {
			start: Some(instant(consent.created_at)),
			end: Some(instant(consent.expires_at)),
		}),
		// R5: the base rule, to which each provision is a (permit) exception.
		decision: Some("deny".into()),
		provision,
		..Consent::default()
	}
}

/// The account a reference like `Patient/<ss58>` names; `kinds` are the resource types allowed.
fn account_of(
	reference: &Reference,
	element: &str,
	kinds: &[&str],
) -> Result<AccountId32, MappingError> {
	let literal = reference
		.reference
		.as_deref()
		.ok_or_else(|| error(element, "needs a literal reference `Type/<SS58 address>`"))?;
	let (kind, address) = literal
		.split_once('/')
		.ok_or_else(|| error(element, format!("`{literal}` is not `Type/<SS58 address>`")))?;
	if !kinds.contains(&kind) {
		return Err(error(element, format!("`{kind}` must be one of {}", kinds.join(", "))));
	}
	ss58_account(address).map_err(|reason| error(element, reason))
}

/// Longest SS58 text of a 32-byte account: 2 prefix bytes + 32 + 2 checksum bytes in base 58.
const MAX_SS58_LEN: usize = 50;

/// The account of an SS58 address, refusing text longer than any SS58 address before decoding
/// it: base-58 decoding takes time quadratic in the length, so a hostile megabyte would cost
/// seconds of CPU.
pub fn ss58_account(address: &str) -> Result<AccountId32, String> {
	if address.len() > MAX_SS58_LEN {
		return Err(format!(
			"is not an SS58 address ({} characters; an address has at most {MAX_SS58_LEN})",
			address.len()
		));
	}
	AccountId32::from_ss58check(address)
		.map_err(|e| format!("`{address}` is not an SS58 address ({e})"))
}

/// The single code of `system` in `codings`, refusing codes of other systems.
fn code_of<'a>(coding: &'a Coding, system: &str, element: &str) -> Result<&'a str, MappingError> {
	if coding.system.as_deref() != Some(system) {
		return Err(error(element, format!("the system must be {system}")));
	}
	coding.code.as_deref().ok_or_else(|| error(element, "has no code"))
}

/// The data category of provision `index`: from its one code if it has one (CareChain's, an
/// HL7 observation category or a LOINC document code), else from its security labels or
/// resource types; then checked against all its resource types and security labels.
fn category_of(provision: &Provision, index: usize) -> Result<DataCategory, MappingError> {
	let at = |what: &str| format!("provision[{index}].{what}");
	if !provision.document_type.is_empty() {
		return Err(error(
			at("documentType"),
			"narrows the rule to documents of one format, which CareChain cannot express: name \
			 the category by code, security label or resource type",
		));
	}
	let (category, from_document_code) = match provision.code.as_slice() {
		[] => (category_from_labels_or_types(provision, index)?, false),
		[code] => category_from_code(code, index)?,
		_ => return Err(error(at("code"), "needs at most one code naming the data category")),
	};
	let (types, label) = category_terms(category);
	let name = category.name();
	for (i, resource_type) in provision.resource_type.iter().enumerate() {
		let element = at(&format!("resourceType[{i}]"));
		let value = code_of(resource_type, RESOURCE_TYPE_SYSTEM, &element)?;
		let a_document_of_it = from_document_code && terminology::DOCUMENT_TYPES.contains(&value);
		if !types.contains(&value) && !a_document_of_it {
			return Err(error(element, format!("`{value}` is not data of category {name}")));
		}
	}
	for (i, security_label) in provision.security_label.iter().enumerate() {
		let element = at(&format!("securityLabel[{i}]"));
		let value = code_of(security_label, SECURITY_LABEL_SYSTEM, &element)?;
		if label.is_none() || labelled_category(value) != Some(category) {
			return Err(error(element, format!("`{value}` does not label category {name}")));
		}
	}
	Ok(category)
}

/// The category a provision's one code names (CareChain's category code, an HL7
/// observation-category code or a LOINC document code), and whether it was a LOINC document
/// code (whose data may also come as a document: `DocumentReference`, ...).
fn category_from_code(
	code: &CodeableConcept,
	index: usize,
) -> Result<(DataCategory, bool), MappingError> {
	let at = |what: &str| format!("provision[{index}].{what}");
	let [coding] = code.coding.as_slice() else {
		return Err(error(at("code[0].coding"), "needs exactly one coding"));
	};
	let element = at("code[0].coding[0]");
	let value = coding.code.as_deref().ok_or_else(|| error(&element, "has no code"))?;
	let (category, system) = match coding.system.as_deref() {
		Some(CATEGORY_SYSTEM) => (DataCategory::from_name(value), CATEGORY_SYSTEM),
		Some(OBSERVATION_CATEGORY_SYSTEM) => {
			(observation_category(value), OBSERVATION_CATEGORY_SYSTEM)
		},
		Some(LOINC_SYSTEM) => (terminology::loinc_category(value), LOINC_SYSTEM),
		_ => {
			return Err(error(
				element,
				format!(
					"the system must be {CATEGORY_SYSTEM}, {OBSERVATION_CATEGORY_SYSTEM} or \
					 {LOINC_SYSTEM}"
				),
			))
		},
	};
	let category = category.ok_or_else(|| {
		error(
			at("code[0].coding[0].code"),
			format!(
				"`{value}` of {system} names no data category (see ConceptMap/{})",
				terminology::CONCEPT_MAP_ID
			),
		)
	})?;
	Ok((category, system == LOINC_SYSTEM))
}

/// The category of a provision without a code: the one its security labels mark, else the one
/// its resource types fit.
fn category_from_labels_or_types(
	provision: &Provision,
	index: usize,
) -> Result<DataCategory, MappingError> {
	let at = |what: &str| format!("provision[{index}].{what}");
	let mut labelled = None;
	for (i, security_label) in provision.security_label.iter().enumerate() {
		let element = at(&format!("securityLabel[{i}]"));
		let value = code_of(security_label, SECURITY_LABEL_SYSTEM, &element)?;
		let category = labelled_category(value).ok_or_else(|| {
			error(
				&element,
				format!("`{value}` marks no data category (PSY, SUD, ETH, SEX, GDIS, HIV)"),
			)
		})?;
		match labelled {
			Some(first) if first != category => {
				return Err(error(element, "labels another category: one provision per category"))
			},
			_ => labelled = Some(category),
		}
	}
	if let Some(category) = labelled {
		return Ok(category);
	}
	let mut types = Vec::new();
	for (i, resource_type) in provision.resource_type.iter().enumerate() {
		types.push(code_of(
			resource_type,
			RESOURCE_TYPE_SYSTEM,
			&at(&format!("resourceType[{i}]")),
		)?);
	}
	if types.is_empty() {
		return Err(error(
			at("code"),
			format!(
				"names no data category: give a code ({CATEGORY_SYSTEM} or \
				 {OBSERVATION_CATEGORY_SYSTEM}), a security label or resource types"
			),
		));
	}
	let fits: Vec<DataCategory> = DataCategory::ALL
		.iter()
		.copied()
		.filter(|category| types.iter().all(|t| category_terms(*category).0.contains(t)))
		.collect();
	match fits.as_slice() {
		[category] => Ok(*category),
		[] => Err(error(
			at("resourceType"),
			format!("{} together are data of no single category", types.join(", ")),
		)),
		several => Err(error(
			at("code"),
			format!(
				"{} may be data of {}: add a code ({CATEGORY_SYSTEM} or \
				 {OBSERVATION_CATEGORY_SYSTEM})",
				types.join(", "),
				several.iter().map(|c| c.name()).collect::<Vec<_>>().join(", ")
			),
		)),
	}
}

/// Resource types a grantee may be.
const GRANTEE_KINDS: [&str; 3] = ["Organization", "Practitioner", "PractitionerRole"];

/// The one grantee of a Consent: `Consent.grantee`, or the provisions' actors (any role); all
/// that are given must name the same one.
fn grantee_of(consent: &Consent) -> Result<AccountId32, MappingError> {
	let mut grantee = match consent.grantee.as_slice() {
		[] => None,
		[one] => Some(account_of(one, "grantee[0]", &GRANTEE_KINDS)?),
		_ => return Err(error("grantee", "a CareChain consent has exactly one grantee")),
	};
	for (index, provision) in consent.provision.iter().enumerate() {
		for (i, actor) in provision.actor.iter().enumerate() {
			let element = format!("provision[{index}].actor[{i}].reference");
			let reference =
				actor.reference.as_ref().ok_or_else(|| error(&element, "names no one"))?;
			let account = account_of(reference, &element, &GRANTEE_KINDS)?;
			match &grantee {
				Some(known) if *known != account => {
					return Err(error(
						element,
						"names another grantee: a CareChain consent has exactly one",
					))
				},
				_ => grantee = Some(account),
			}
		}
	}
	grantee.ok_or_else(|| {
		error("grantee", "names no grantee: give Consent.grantee or a provision's actor")
	})
}

/// The actions and purposes of provision `index`.
fn terms_of(provision: &Provision, index: usize) -> Result<(Actions, Purposes), MappingError> {
	let at = |what: &str| format!("provision[{index}].{what}");
	if provision.action.is_empty() {
		return Err(error(at("action"), "names no action (access or correct)"));
	}
	let mut actions = Actions::empty();
	for (i, concept) in provision.action.iter().enumerate() {
		let [coding] = concept.coding.as_slice() else {
			return Err(error(at(&format!("action[{i}].coding")), "needs exactly one coding"));
		};
		let element = at(&format!("action[{i}].coding[0]"));
		actions = actions.with(match code_of(coding, ACTION_SYSTEM, &element)? {
			"access" => Action::Read,
			"correct" => Action::Write,
			other => {
				return Err(error(
					element,
					format!("CareChain consents permit `access` and `correct`, not `{other}`"),
				))
			},
		});
	}
	if provision.purpose.is_empty() {
		return Err(error(at("purpose"), "names no purpose of use"));
	}
	let mut purposes = Purposes::empty();
	for (i, coding) in provision.purpose.iter().enumerate() {
		let element = at(&format!("purpose[{i}]"));
		let code = code_of(coding, PURPOSE_SYSTEM, &element)?;
		let purpose = PurposeOfUse::from_name(code)
			.ok_or_else(|| error(&element, format!("unknown purpose of use `{code}`")))?;
		if purpose == PurposeOfUse::EmergencyTreatment {
			return Err(error(element, "ETREAT is only given through emergency access"));
		}
		purposes = purposes.with(purpose);
	}
	Ok((actions, purposes))
}

/// The `grant` a FHIR `Consent` asks for, at `now` (unix ms). Refuses, naming the element,
/// anything CareChain cannot express: modifier extensions and implicit rules, another status, a
/// base `decision` other than `deny`, no or several grantees, nested provisions, a provision
/// period other than the Consent's, a data period, particular data, expressions, document types,
/// provisions with different actions or purposes, unknown codes, `ETREAT`, an end not after `now`.
pub fn to_grant(consent: &Consent, now: Moment) -> Result<GrantArgs, MappingError> {
	if consent.resource_type != "Consent" {
		return Err(error("resourceType", format!("`{}` is not Consent", consent.resource_type)));
	}
	if !consent.modifier_extension.is_empty() {
		return Err(error(
			"modifierExtension",
			"a modifier extension may change what the consent permits; CareChain cannot know how",
		));
	}
	if consent.implicit_rules.is_some() {
		return Err(error(
			"implicitRules",
			"rules outside the resource may change what it means; CareChain cannot apply them",
		));
	}
	if consent.policy_basis.is_some() {
		return Err(error(
			"policyBasis",
			"a policy the consent defers to may permit or restrict what CareChain cannot know: \
			 the provisions must say what is permitted",
		));
	}
	if consent.status != "active" {
		return Err(error("status", format!("a grant must be `active`, not `{}`", consent.status)));
	}
	match consent.decision.as_deref() {
		Some("deny") => {},
		Some("permit") => {
			return Err(error(
				"decision",
				"a base `permit` makes every provision a deny exception (R5: each level negates \
				 the one above), \"everything except these\", which CareChain cannot express: a \
				 CareChain consent is `deny` with permit provisions",
			))
		},
		Some(other) => return Err(error("decision", format!("`{other}` is not deny or permit"))),
		None => {
			return Err(error(
				"decision",
				"needs `deny`: the base rule the provisions are permit exceptions to",
			))
		},
	}
	let subject = consent.subject.as_ref().ok_or_else(|| error("subject", "names no patient"))?;
	let patient = account_of(subject, "subject", &["Patient"])?;
	let grantee = grantee_of(consent)?;
	let end = consent
		.period
		.as_ref()
		.and_then(|period| period.end.as_deref())
		.ok_or_else(|| error("period.end", "a CareChain consent always ends"))?;
	let expires_at = parse_instant(end, "period.end")?;
	if expires_at <= now {
		return Err(error("period.end", format!("`{end}` is not in the future")));
	}
	if consent.provision.is_empty() {
		return Err(error("provision", "names no data category"));
	}
	let mut categories = DataCategories::empty();
	let mut terms = None;
	for (index, provision) in consent.provision.iter().enumerate() {
		if !provision.provision.is_empty() {
			return Err(error(
				format!("provision[{index}].provision"),
				"a nested provision is a deny inside this permit, which CareChain cannot \
				 express: post the consent without it",
			));
		}
		if provision.period.is_some() && provision.period != consent.period {
			return Err(error(
				format!("provision[{index}].period"),
				"differs from Consent.period: a CareChain consent has one period",
			));
		}
		if !provision.modifier_extension.is_empty() {
			return Err(error(
				format!("provision[{index}].modifierExtension"),
				"a modifier extension may change what the provision permits; CareChain cannot \
				 know how",
			));
		}
		if !provision.data.is_empty() {
			return Err(error(
				format!("provision[{index}].data"),
				"a CareChain consent covers whole data categories, not particular resources",
			));
		}
		if provision.expression.is_some() {
			return Err(error(
				format!("provision[{index}].expression"),
				"CareChain cannot evaluate a computable expression: name categories instead",
			));
		}
		if provision.data_period.is_some() {
			return Err(error(
				format!("provision[{index}].dataPeriod"),
				"a CareChain consent covers a category's data whenever it was recorded",
			));
		}
		let category = category_of(provision, index)?;
		if categories.contains(category) {
			return Err(error(format!("provision[{index}].code"), "names a category twice"));
		}
		categories = categories.with(category);
		let these = terms_of(provision, index)?;
		match terms {
			None => terms = Some(these),
			Some(first) if first != these => {
				return Err(error(
					format!("provision[{index}]"),
					"its actions or purposes differ from provision[0]; one CareChain consent has \
					 one set of each: post one Consent per set",
				))
			},
			Some(_) => {},
		}
	}
	let (actions, purposes) = terms.ok_or_else(|| error("provision", "names no data category"))?;
	Ok(GrantArgs { patient, grantee, categories, actions, purposes, expires_at })
}

#[cfg(test)]
mod tests;
