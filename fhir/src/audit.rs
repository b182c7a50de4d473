//! An access-log entry as a FHIR R5 `AuditEvent`, in the shape of IHE Basic Audit Log Patterns
//! (BALP): a RESTful `read` or `update` of the patient's data, with the patient, the accessor
//! (and the organisation it acted for) as agents, the purpose of use as `authorization`, the
//! permitting consent as `basedOn`, and the record (its hash) with its category and, for a
//! sensitive one, its security label as an entity.
//!
//! BALP is written for R4; in R5 `AuditEvent.type`/`subtype` became `category`/`code`,
//! `agent.purposeOfUse` became `AuditEvent.authorization`, `outcome` became a `Coding` with
//! detail, and `patient`, `basedOn` are new top-level elements: this module writes the R5 ones.

use carechain_primitives::{AccessedCategory, Action, ConsentId, Moment, PurposeOfUse};
use serde_json::{json, Value};
use sp_core::crypto::{AccountId32, Ss58Codec};

use crate::{
	category_terms, instant, CATEGORY_SYSTEM, PARTICIPATION_SYSTEM, PURPOSE_SYSTEM,
	SECURITY_LABEL_SYSTEM,
};

/// HL7 audit event types (`rest`: a RESTful operation).
pub const AUDIT_EVENT_TYPE_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/audit-event-type";
/// FHIR RESTful interactions (`read`, `update`).
pub const RESTFUL_INTERACTION_SYSTEM: &str = "http://hl7.org/fhir/restful-interaction";
/// HL7 audit event outcomes (`0`: success).
pub const OUTCOME_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/audit-event-outcome";
/// HL7 object roles of audited entities (`1` patient, `4` domain resource).
pub const OBJECT_ROLE_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/object-role";
/// Identifier system of record hashes (the blake2-256 a data holder anchors).
pub const RECORD_HASH_SYSTEM: &str = "urn:carechain:record-hash";

/// One access as the chain logged it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoggedAccess {
	/// The patient whose data was accessed.
	pub patient: AccountId32,
	/// Who accessed (a provider or a staff member).
	pub accessor: AccountId32,
	/// The organisation the accessor acted for.
	pub organisation: AccountId32,
	/// The category accessed: in clear, or a sensitive one as its consent's sealed tag, which
	/// only the consent's parties can read.
	pub category: AccessedCategory,
	/// Read or write.
	pub action: Action,
	/// The purpose of use.
	pub purpose: PurposeOfUse,
	/// The consent that permitted it.
	pub consent_id: ConsentId,
	/// When (unix ms).
	pub time: Moment,
	/// The record's hash, if the accessor gave one.
	pub record_hash: Option<[u8; 32]>,
}

fn coding(system: &str, code: &str, display: &str) -> Value {
	json!({ "system": system, "code": code, "display": display })
}

fn reference(kind: &str, account: &AccountId32) -> Value {
	json!({ "reference": format!("{kind}/{}", account.to_ss58check()) })
}

/// The `AuditEvent` of `access`, with logical id `id`.
pub fn audit_event(id: &str, access: &LoggedAccess) -> Value {
	let (interaction, action_code) = match access.action {
		Action::Read => ("read", "R"),
		Action::Write => ("update", "U"),
	};
	let (detail, described) = match access.category {
		AccessedCategory::Clear(category) => (
			json!({
				"type": { "coding": [coding(CATEGORY_SYSTEM, category.name(), crate::terminology::display(category))] },
				"valueString": category.name(),
			}),
			format!("{} data of the patient", category.name()),
		),
		// The chain knows a sensitive category only as the consent's tag.
		AccessedCategory::Sealed(tag) => (
			json!({
				"type": { "text": "sealed category tag" },
				"valueString": format!("0x{}", sp_core::hexdisplay::HexDisplay::from(&tag)),
			}),
			"a sensitive category of the patient's data (sealed)".to_owned(),
		),
	};
	let mut data = json!({
		"role": { "coding": [coding(OBJECT_ROLE_SYSTEM, "4", "Domain Resource")] },
		"detail": [detail],
	});
	data["what"] = match access.record_hash {
		Some(hash) => json!({
			"identifier": {
				"system": RECORD_HASH_SYSTEM,
				"value": format!("0x{}", sp_core::hexdisplay::HexDisplay::from(&hash)),
			},
		}),
		None => json!({ "display": described }),
	};
	if let AccessedCategory::Clear(category) = access.category {
		if let (_, Some(label)) = category_terms(category) {
			data["securityLabel"] =
				json!([{ "coding": [{ "system": SECURITY_LABEL_SYSTEM, "code": label }] }]);
		}
	}
	let mut agents = vec![json!({
		"type": { "coding": [coding(PARTICIPATION_SYSTEM, "IRCP", "information recipient")] },
		"who": reference(
			if access.accessor == access.organisation { "Organization" } else { "Practitioner" },
			&access.accessor,
		),
		"requestor": true,
	})];
	if access.accessor != access.organisation {
		agents.push(json!({
			"type": { "coding": [coding(PARTICIPATION_SYSTEM, "RESP", "responsible party")] },
			"who": reference("Organization", &access.organisation),
			"requestor": false,
		}));
	}
	json!({
		"resourceType": "AuditEvent",
		"id": id,
		"category": [{ "coding": [coding(AUDIT_EVENT_TYPE_SYSTEM, "rest", "RESTful Operation")] }],
		"code": { "coding": [coding(RESTFUL_INTERACTION_SYSTEM, interaction, interaction)] },
		"action": action_code,
		"severity": "informational",
		"occurredDateTime": instant(access.time),
		"recorded": instant(access.time),
		"outcome": { "code": coding(OUTCOME_SYSTEM, "0", "Success") },
		"authorization": [{ "coding": [{ "system": PURPOSE_SYSTEM, "code": access.purpose.name() }] }],
		"basedOn": [{ "reference": format!("Consent/{}", access.consent_id) }],
		"patient": reference("Patient", &access.patient),
		"agent": agents,
		"source": { "observer": { "display": "CareChain access log (Consent pallet)" } },
		"entity": [
			{
				"what": reference("Patient", &access.patient),
				"role": { "coding": [coding(OBJECT_ROLE_SYSTEM, "1", "Patient")] },
			},
			data,
		],
	})
}
