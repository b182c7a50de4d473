//! The subset of the FHIR R5 `Consent` resource CareChain reads and writes, as serde types.
//! Unknown elements are refused when reading (`deny_unknown_fields`), so that nothing a clinic
//! posts is silently dropped. A few elements that only describe the resource (`meta`, `text`,
//! `category`, `date`, `controller`, `manager`) are read and ignored: they never change what the
//! consent permits, and real clinic systems always send them.

use serde::{Deserialize, Serialize};

/// A FHIR R5 `Consent` resource.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Consent {
	/// Always `"Consent"`.
	pub resource_type: String,
	/// Logical id on the server, if any.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub id: Option<String>,
	/// Business identifiers (CareChain: the consent id).
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub identifier: Vec<Identifier>,
	/// Metadata about the resource (version, profile, ...); ignored by the mapping.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub meta: Option<serde_json::Value>,
	/// Human-readable narrative; ignored by the mapping (and never stored on chain).
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub text: Option<serde_json::Value>,
	/// `draft | active | inactive | not-done | entered-in-error | unknown`.
	pub status: String,
	/// Classification of the consent (e.g. LOINC 59284-0 "Patient consent"); ignored.
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub category: Vec<CodeableConcept>,
	/// When the consent was agreed (a FHIR `date`); ignored: the chain records when it was granted.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub date: Option<String>,
	/// Organisations that enforce the consent; ignored: on CareChain the chain enforces it.
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub controller: Vec<Reference>,
	/// Organisations that manage the consent record; ignored.
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub manager: Vec<Reference>,
	/// Who the consent applies to (the patient).
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub subject: Option<Reference>,
	/// Who is agreeing to the policy and rules (usually the patient).
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub grantor: Vec<Reference>,
	/// Who is agreed to the policy and rules (the provider).
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub grantee: Vec<Reference>,
	/// Effective period of the consent.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub period: Option<Period>,
	/// `deny | permit`: the base decision.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub decision: Option<String>,
	/// Exceptions to (or, under `permit`, scopes of) the base decision.
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub provision: Vec<Provision>,
	/// Extensions: read and ignored (an extension that changes the meaning is a
	/// `modifierExtension`).
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub extension: Vec<serde_json::Value>,
	/// Modifier extensions: refused by [`crate::to_grant`], since they may change what the
	/// consent permits in a way CareChain cannot know.
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub modifier_extension: Vec<serde_json::Value>,
	/// Rules the resource was written under (a modifier element): refused by
	/// [`crate::to_grant`].
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub implicit_rules: Option<String>,
	/// Language of the resource: descriptive, ignored.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub language: Option<String>,
	/// Contained resources (e.g. the signed form's author): descriptive, ignored.
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub contained: Vec<serde_json::Value>,
	/// The source document (a scanned form): descriptive, ignored.
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub source_attachment: Vec<serde_json::Value>,
	/// The source resource (e.g. a QuestionnaireResponse): descriptive, ignored.
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub source_reference: Vec<serde_json::Value>,
	/// The regulations the consent is made under: descriptive, ignored (the chain's rules hold).
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub regulatory_basis: Vec<serde_json::Value>,
	/// The policy the consent defers to: refused by [`crate::to_grant`] (it may permit or
	/// restrict what CareChain cannot know).
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub policy_basis: Option<serde_json::Value>,
	/// Human-readable policies: descriptive, ignored.
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub policy_text: Vec<serde_json::Value>,
	/// Who verified the consent with the patient, and when: descriptive, ignored (the patient's
	/// signature on the grant is the chain's verification).
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub verification: Vec<serde_json::Value>,
}

/// A business identifier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Identifier {
	/// The namespace of the value.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub system: Option<String>,
	/// The value.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub value: Option<String>,
}

/// A reference to another resource.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Reference {
	/// A literal reference, e.g. `Patient/<ss58 address>`.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub reference: Option<String>,
	/// A logical reference by identifier.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub identifier: Option<Identifier>,
	/// Text alternative.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub display: Option<String>,
}

/// A time period (FHIR `dateTime` strings).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Period {
	/// Start, inclusive.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub start: Option<String>,
	/// End, inclusive in FHIR; CareChain's expiry instant.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub end: Option<String>,
}

/// A code from a code system.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Coding {
	/// The code system.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub system: Option<String>,
	/// The code.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub code: Option<String>,
	/// Its display text.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub display: Option<String>,
}

/// A concept given by codings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CodeableConcept {
	/// The codings.
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub coding: Vec<Coding>,
	/// Plain text.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub text: Option<String>,
}

/// A provision of a consent (R5 `Consent.provision`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Provision {
	/// Actions controlled (`access`, `correct`, ...).
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub action: Vec<CodeableConcept>,
	/// Security labels of the data covered (`PSY`, `HIV`, ...).
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub security_label: Vec<Coding>,
	/// Purposes of use (v3-ActReason).
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub purpose: Vec<Coding>,
	/// Resource types covered.
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub resource_type: Vec<Coding>,
	/// Codes the data must carry (CareChain: its data category).
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub code: Vec<CodeableConcept>,
	/// Who the provision applies to, with their role (R5 `Consent.provision.actor`): read as
	/// the grantee when the Consent names none at the top level.
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub actor: Vec<Actor>,
	/// When the provision applies (R5 `Consent.provision.period`): CareChain reads only the
	/// Consent's own period, so a provision's must be absent or the same.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub period: Option<Period>,
	/// Which data, by when it was recorded (R5 `Consent.provision.dataPeriod`): CareChain
	/// consents cover a category's data whenever recorded, so it is refused, named.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub data_period: Option<Period>,
	/// Nested exceptions, each the negation of this one: a deny inside a permit, which
	/// CareChain cannot express, so it is refused, named.
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub provision: Vec<Provision>,
	/// Document types (e.g. LOINC document codes): another way of naming the category.
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub document_type: Vec<Coding>,
	/// Specific resources the rule is about: refused by [`crate::to_grant`] (a CareChain consent
	/// covers whole categories).
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub data: Vec<serde_json::Value>,
	/// A computable expression of the rule: refused by [`crate::to_grant`].
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub expression: Option<serde_json::Value>,
	/// Extensions: read and ignored.
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub extension: Vec<serde_json::Value>,
	/// Modifier extensions: refused by [`crate::to_grant`].
	#[serde(default, skip_serializing_if = "Vec::is_empty")]
	pub modifier_extension: Vec<serde_json::Value>,
}

/// Who a provision applies to (R5 `Consent.provision.actor`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Actor {
	/// Their role, e.g. v3 ParticipationType `IRCP` (information recipient).
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub role: Option<CodeableConcept>,
	/// Who they are.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub reference: Option<Reference>,
}
