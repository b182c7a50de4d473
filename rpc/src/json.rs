//! The JSON the `consent_*`, `patient_*`, `providers_*` and `rewards_*` methods return (SPEC 5): accounts as SS58
//! strings, times as unix milliseconds, categories, actions and purposes by their SPEC 2 names.
//! Balances are decimal strings, because JSON numbers lose precision above 2^53.

use carechain_fhir::GrantArgs;
use carechain_primitives::sealed::{EncryptionKey, SealedScope, SealedTag, SEALED_TAGS};
use carechain_primitives::{
	claim::CoverageId, AccessDecision, AccessEntry, AccessLogView, AccessRequest, AccessedCategory,
	Consent, ConsentId, ConsentKind, ConsentStatus, DenyReason, Enrollment, Moment, PatientView,
	ProviderKind, ProviderRole, ProviderStatus, ProviderView, RecordAnchor, RequestId, Study,
	StudyId,
};
use serde::{Deserialize, Serialize};
use sp_core::crypto::{AccountId32, Ss58Codec};

/// An account as clients see it: its SS58 address (generic format 42, as the chain's).
pub fn address(account: &AccountId32) -> String {
	account.to_ss58check()
}

/// Bytes as `0x`-prefixed lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
	format!("0x{}", sp_core::hexdisplay::HexDisplay::from(&bytes))
}

/// A consent (`consent_get`, `consent_listBy*`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsentJson {
	/// The consent id.
	pub id: ConsentId,
	/// The patient whose data it covers.
	pub patient: String,
	/// The provider (or staff member) it permits.
	pub grantee: String,
	/// The standard data categories covered, by name (`LabResults`, ...).
	pub categories: Vec<String>,
	/// The sensitive categories covered, sealed: absent for a consent that covers standard
	/// categories only.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub sealed: Option<SealedScopeJson>,
	/// `read` and/or `write`.
	pub actions: Vec<String>,
	/// Purpose-of-use codes (`TREAT`, ...).
	pub purposes: Vec<String>,
	/// Creation time (unix ms).
	pub created_at: Moment,
	/// Expiry (unix ms, exclusive).
	pub expires_at: Moment,
	/// `active`, `revoked` or `expired`.
	pub status: String,
	/// `standard`, `emergency`, `research` or `request`.
	pub kind: String,
	/// For a research consent, its study.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub study_id: Option<StudyId>,
	/// For a consent granted by approving a request, that request.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub request_id: Option<RequestId>,
	/// For a billing consent, the coverage whose acceptance granted it.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub coverage_id: Option<CoverageId>,
	/// Whether a guardian made it for the patient.
	#[serde(default)]
	pub by_guardian: bool,
}

/// A consent's sealed scope: its tags and its salt sealed to each party, `0x` hex. A party opens
/// the salt with its key and reads each tag as a sensitive category (or padding); nobody else
/// can tell what they cover.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SealedScopeJson {
	/// The five tags, ascending.
	pub tags: Vec<String>,
	/// The salt sealed to each party (80 bytes each), in no particular order.
	pub salts: Vec<String>,
}

impl From<&SealedScope> for SealedScopeJson {
	fn from(sealed: &SealedScope) -> Self {
		Self {
			tags: sealed.tags.iter().map(|tag| hex(tag)).collect(),
			salts: sealed.salts.iter().map(|salt| hex(salt)).collect(),
		}
	}
}

/// How an access entry or an anchor names its category: `(category, sealedTag)`: a name, or
/// `sealed` with the tag.
pub fn category_json(category: &AccessedCategory) -> (String, Option<String>) {
	match category {
		AccessedCategory::Clear(category) => (category.name().into(), None),
		AccessedCategory::Sealed(tag) => ("sealed".into(), Some(hex(tag))),
	}
}

/// The wire name of a consent status.
pub fn status_name(status: ConsentStatus) -> &'static str {
	match status {
		ConsentStatus::Active => "active",
		ConsentStatus::Revoked => "revoked",
		ConsentStatus::Expired => "expired",
	}
}

impl ConsentJson {
	/// The JSON of consent `id`.
	pub fn new(id: ConsentId, consent: &Consent<AccountId32>) -> Self {
		let (mut study_id, mut request_id, mut coverage_id) = (None, None, None);
		let kind = match consent.kind {
			ConsentKind::Standard => "standard",
			ConsentKind::Emergency => "emergency",
			ConsentKind::Research(study) => {
				study_id = Some(study);
				"research"
			},
			ConsentKind::Request(request) => {
				request_id = Some(request);
				"request"
			},
			ConsentKind::Billing(coverage) => {
				coverage_id = Some(coverage);
				"billing"
			},
		};
		Self {
			id,
			patient: address(&consent.patient),
			grantee: address(&consent.grantee),
			categories: consent.categories.names().map(String::from).collect(),
			sealed: consent.sealed.as_ref().map(SealedScopeJson::from),
			actions: consent.actions.names().map(String::from).collect(),
			purposes: consent.purposes.names().map(String::from).collect(),
			created_at: consent.created_at,
			expires_at: consent.expires_at,
			status: status_name(consent.status).into(),
			kind: kind.into(),
			study_id,
			request_id,
			coverage_id,
			by_guardian: consent.by_guardian,
		}
	}
}

/// A request waiting for the patient's answer (`consent_pendingRequests`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestJson {
	/// The request id (what `approve_request` / `deny_request` take).
	pub id: RequestId,
	/// The provider or staff member asking: the grantee if approved.
	pub requester: String,
	/// The organisation it asks for.
	pub organisation: String,
	/// Data category names asked for.
	pub categories: Vec<String>,
	/// `read` and/or `write`.
	pub actions: Vec<String>,
	/// Purpose-of-use codes.
	pub purposes: Vec<String>,
	/// How long the consent would last from approval (ms).
	pub duration_ms: Moment,
	/// Hash of the justification the requester keeps off chain.
	pub justification_hash: String,
	/// When the request lapses unanswered (unix ms).
	pub lapses_at: Moment,
	/// The sensitive categories asked for, sealed (tags and the requester's salt in a box to
	/// each party); only for a sealed request.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub sealed: Option<SealedScopeJson>,
}

impl RequestJson {
	/// The JSON of request `id`, with its sealed scope if it has one.
	pub fn new(
		id: RequestId,
		request: &AccessRequest<AccountId32>,
		sealed: Option<&SealedScope>,
	) -> Self {
		Self {
			id,
			requester: address(&request.requester),
			organisation: address(&request.organisation),
			categories: request.categories.names().map(String::from).collect(),
			actions: request.actions.names().map(String::from).collect(),
			purposes: request.purposes.names().map(String::from).collect(),
			duration_ms: request.duration_ms,
			justification_hash: hex(&request.justification_hash),
			lapses_at: request.lapses_at,
			sealed: sealed.map(SealedScopeJson::from),
		}
	}
}

/// The answer of `consent_checkAccess`. All four keys are always present; those that do not
/// apply are `null`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DecisionJson {
	/// `permit` or `deny`.
	pub decision: String,
	/// The permitting consent.
	pub consent_id: Option<ConsentId>,
	/// When the permitting consent ends (unix ms).
	pub expires_at: Option<Moment>,
	/// Why access is denied (`NoConsent`, `Revoked`, ...).
	pub reason: Option<String>,
}

/// The wire name of a deny reason.
pub fn reason_name(reason: DenyReason) -> &'static str {
	match reason {
		DenyReason::NotRegistered => "NotRegistered",
		DenyReason::AccessorNotActive => "AccessorNotActive",
		DenyReason::NoConsent => "NoConsent",
		DenyReason::Revoked => "Revoked",
		DenyReason::Expired => "Expired",
		DenyReason::CategoryNotCovered => "CategoryNotCovered",
		DenyReason::ActionNotCovered => "ActionNotCovered",
		DenyReason::PurposeNotCovered => "PurposeNotCovered",
	}
}

impl From<AccessDecision> for DecisionJson {
	fn from(decision: AccessDecision) -> Self {
		match decision {
			AccessDecision::Permit { consent_id, expires_at } => Self {
				decision: "permit".into(),
				consent_id: Some(consent_id),
				expires_at: Some(expires_at),
				reason: None,
			},
			AccessDecision::Deny(reason) => Self {
				decision: "deny".into(),
				consent_id: None,
				expires_at: None,
				reason: Some(reason_name(reason).into()),
			},
		}
	}
}

/// One entry of the access log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessEntryJson {
	/// Its position in the patient's log (0 = first access ever); in an accessor's view, which
	/// shows only its own entries, absent (it would count the others' accesses).
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub index: Option<u64>,
	/// Who accessed.
	pub accessor: String,
	/// The organisation the accessor acted for.
	pub organisation: String,
	/// The category accessed, by name, or `sealed` for a sensitive one (see `sealedTag`).
	pub category: String,
	/// For a sensitive category, the permitting consent's tag for it (`0x` + 32 hex digits):
	/// the consent's parties read it as the category, nobody else can.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub sealed_tag: Option<String>,
	/// The purpose-of-use code.
	pub purpose: String,
	/// `read` or `write`.
	pub action: String,
	/// The consent that permitted it.
	pub consent_id: ConsentId,
	/// When (unix ms).
	pub time: Moment,
	/// The record's hash, if given.
	pub record_hash: Option<String>,
}

/// A patient's access log (`consent_accessLog`). In the patient's view (`scope` = `patient`):
/// the count of entries ever appended, the head of the hash chain over all of them, and the
/// most recent entries, oldest first. In an accessor's view (`scope` = `accessor`): only its own
/// entries among the recent ones, their count, and no head.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessLogJson {
	/// `patient` (the whole log) or `accessor` (the reader's own entries).
	pub scope: String,
	/// Entries ever appended (the patient's view), or entries shown (an accessor's).
	pub count: u64,
	/// `head' = blake2_256(head ++ SCALE(entry))`, from 32 zero bytes; the patient's view only.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub head: Option<String>,
	/// The head before the first of `recent`, so that a patient's app can fold `recent` into
	/// `head`; the patient's view only, and absent where it is not known (entries moved by the
	/// v5 storage migration from a log longer than state kept).
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub since: Option<String>,
	/// The log's last entries (of the reader, in an accessor's view).
	pub recent: Vec<AccessEntryJson>,
}

impl AccessLogJson {
	/// An accessor's view: only the entries `mine` keeps, without positions or head.
	pub fn of_accessor(self, mine: impl Fn(&AccessEntryJson) -> bool) -> Self {
		let recent: Vec<AccessEntryJson> = self
			.recent
			.into_iter()
			.filter(|entry| mine(entry))
			.map(|entry| AccessEntryJson { index: None, ..entry })
			.collect();
		Self {
			scope: "accessor".into(),
			count: recent.len() as u64,
			head: None,
			since: None,
			recent,
		}
	}
}

/// A nonce of `consent_readNonce`: sign it into one read sent to this node before `expiresAt`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NonceJson {
	/// `0x` + 64 hex digits.
	pub nonce: String,
	/// The node's clock when it was issued (unix ms): a client may take its timestamp from it.
	pub issued_at: Moment,
	/// Until when it can be used (unix ms).
	pub expires_at: Moment,
}

impl From<AccessLogView<AccountId32>> for AccessLogJson {
	fn from(log: AccessLogView<AccountId32>) -> Self {
		let first = log.count.saturating_sub(log.recent.len() as u64);
		let recent = log
			.recent
			.iter()
			.zip(first..)
			.map(|(entry, index): (&AccessEntry<AccountId32>, u64)| {
				let (category, sealed_tag) = category_json(&entry.category);
				AccessEntryJson {
					index: Some(index),
					accessor: address(&entry.accessor),
					organisation: address(&entry.organisation),
					category,
					sealed_tag,
					purpose: entry.purpose.name().into(),
					action: entry.action.name().into(),
					consent_id: entry.consent_id,
					time: entry.time,
					record_hash: entry.record_hash.as_ref().map(|hash| hex(hash)),
				}
			})
			.collect();
		Self {
			scope: "patient".into(),
			count: log.count,
			head: Some(hex(&log.head)),
			since: log.since.as_ref().map(|since| hex(since)),
			recent,
		}
	}
}

/// Who anchored a record and when (`consent_verifyRecord`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordAnchorJson {
	/// The provider or staff member who wrote the record.
	pub writer: String,
	/// The organisation that holds the deposit.
	pub organisation: String,
	/// The record's category, by name, or `sealed` for a sensitive one (see `sealedTag`).
	pub category: String,
	/// For a sensitive category, the tag it was written under (`0x` + 32 hex digits).
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub sealed_tag: Option<String>,
	/// When it was anchored (unix ms).
	pub anchored_at: Moment,
	/// The deposit held (decimal string, plancks).
	pub deposit: String,
}

impl<Balance: ToString> From<RecordAnchor<AccountId32, Balance>> for RecordAnchorJson {
	fn from(anchor: RecordAnchor<AccountId32, Balance>) -> Self {
		let (category, sealed_tag) = category_json(&anchor.category);
		Self {
			writer: address(&anchor.writer),
			organisation: address(&anchor.organisation),
			category,
			sealed_tag,
			anchored_at: anchor.anchored_at,
			deposit: anchor.deposit.to_string(),
		}
	}
}

/// A provider, or a staff member with their organisation's standing (`providers_get`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderJson {
	/// The account asked about.
	pub account: String,
	/// `provider`, or `staff` of `organisation`.
	pub role: String,
	/// The registered provider: the account itself, or the staff member's organisation.
	pub organisation: String,
	/// `Hospital`, `Clinic`, `Physician`, `Laboratory`, `Pharmacy`, `Insurer`,
	/// `ResearchInstitute`, `Manufacturer` or `Distributor`.
	pub kind: String,
	/// `pending`, `active` or `suspended`.
	pub status: String,
	/// Public name of the organisation or physician.
	pub name: String,
	/// ISO 3166-1 alpha-2 licensing jurisdiction.
	pub jurisdiction: String,
	/// Hash of the licence credential kept off chain.
	pub license_hash: String,
	/// Number of staff members.
	pub staff_count: u32,
	/// Registration deposit held (decimal string, plancks).
	pub deposit: String,
	/// The X25519 public key consent salts for this account are sealed to (the organisation's
	/// for staff), 0x hex; `null` if none is published.
	pub encryption_key: Option<String>,
}

/// The wire name of a provider kind.
pub fn kind_name(kind: ProviderKind) -> &'static str {
	match kind {
		ProviderKind::Hospital => "Hospital",
		ProviderKind::Clinic => "Clinic",
		ProviderKind::Physician => "Physician",
		ProviderKind::Laboratory => "Laboratory",
		ProviderKind::Pharmacy => "Pharmacy",
		ProviderKind::Insurer => "Insurer",
		ProviderKind::ResearchInstitute => "ResearchInstitute",
		ProviderKind::Manufacturer => "Manufacturer",
		ProviderKind::Distributor => "Distributor",
	}
}

impl ProviderJson {
	/// The JSON of `view`, with the encryption key its salts are sealed to.
	pub fn new<Balance: ToString>(
		view: ProviderView<AccountId32, Balance>,
		encryption_key: Option<EncryptionKey>,
	) -> Self {
		let (role, organisation) = match &view.role {
			ProviderRole::Provider => ("provider", address(&view.account)),
			ProviderRole::Staff { organisation } => ("staff", address(organisation)),
		};
		Self {
			account: address(&view.account),
			role: role.into(),
			organisation,
			kind: kind_name(view.kind).into(),
			status: match view.status {
				ProviderStatus::Pending => "pending",
				ProviderStatus::Active => "active",
				ProviderStatus::Suspended => "suspended",
			}
			.into(),
			name: view.name,
			jurisdiction: view.jurisdiction.as_str().into(),
			license_hash: hex(&view.license_hash),
			staff_count: view.staff_count,
			deposit: view.deposit.to_string(),
			encryption_key: encryption_key.as_ref().map(|key| hex(key)),
		}
	}

	/// The published encryption key as bytes, if there is one (and it is 32 bytes of hex).
	pub fn published_key(&self) -> Option<EncryptionKey> {
		let key = serde_json::Value::String(self.encryption_key.clone()?);
		crate::param::bytes32(&key, "an encryption key").ok()
	}
}

/// A patient's registration as the patient reads it (`patient_get`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PatientJson {
	/// The patient's account.
	pub account: String,
	/// Whether an organisation onboarded the patient (fee-free calls, no tokens needed).
	pub onboarded: bool,
	/// Whether emergency ("break-glass") access is allowed.
	pub emergency_access: bool,
	/// The guardians, each with the end of the appointment.
	pub guardians: Vec<GuardianJson>,
	/// The fee-free calls of an onboarded patient; absent for one who pays fees.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub feeless: Option<FeelessJson>,
	/// The studies the patient is enrolled in.
	pub enrolments: Vec<EnrolmentJson>,
}

/// A guardian of a patient.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GuardianJson {
	/// The guardian's account.
	pub account: String,
	/// When the appointment ends (unix ms); absent: until removed.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub until: Option<Moment>,
}

/// An onboarded patient's fee-free calls today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FeelessJson {
	/// Fee-free calls a day.
	pub per_day: u32,
	/// Fee-free calls made today.
	pub used_today: u32,
	/// Fee-free calls left today (0 when the organisation's shared pool is spent).
	pub left_today: u32,
}

/// An enrolment in a study.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnrolmentJson {
	/// The study.
	pub study_id: StudyId,
	/// The research consent enrolling created.
	pub consent_id: ConsentId,
	/// Whether the reward was paid.
	pub paid: bool,
}

impl PatientJson {
	/// The JSON of `patient`'s registration `view` and its `enrolments`.
	pub fn new(
		patient: &AccountId32,
		view: PatientView<AccountId32>,
		enrolments: Vec<(StudyId, Enrollment)>,
	) -> Self {
		let feeless = view.onboarded.then(|| FeelessJson {
			per_day: view.feeless_calls_per_day,
			used_today: view.feeless_calls_today,
			left_today: if view.pool_open {
				view.feeless_calls_per_day.saturating_sub(view.feeless_calls_today)
			} else {
				0
			},
		});
		Self {
			account: address(patient),
			onboarded: view.onboarded,
			emergency_access: view.emergency_access,
			guardians: view
				.guardians
				.iter()
				.map(|(account, until)| GuardianJson { account: address(account), until: *until })
				.collect(),
			feeless,
			enrolments: enrolments
				.into_iter()
				.map(|(study_id, enrolment)| EnrolmentJson {
					study_id,
					consent_id: enrolment.consent_id,
					paid: enrolment.paid,
				})
				.collect(),
		}
	}
}

/// A study's public terms (`rewards_study`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StudyJson {
	/// The study id.
	pub id: StudyId,
	/// The research institute running it.
	pub institute: String,
	/// Data category names participants share (read only, for research).
	pub categories: Vec<String>,
	/// What each participant is paid for a confirmed contribution (decimal string, plancks).
	pub reward_per_participant: String,
	/// Most participants.
	pub max_participants: u32,
	/// Participants enrolled now.
	pub participants: u32,
	/// Enrolment is open until this instant (unix ms, exclusive).
	pub enrollment_ends_at: Moment,
	/// Research consents end at this instant (unix ms).
	pub data_use_ends_at: Moment,
	/// Hash of the study protocol kept off chain.
	pub protocol_hash: String,
	/// For a study of sensitive data, the tags of the categories studied under the salt
	/// published with the protocol (`0x` + 32 hex digits each); only for such a study.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub sealed_tags: Option<Vec<String>>,
}

impl StudyJson {
	/// The JSON of study `id`, with its tags if it studies sensitive categories.
	pub fn new<Balance: ToString>(
		id: StudyId,
		study: &Study<AccountId32, Balance>,
		sealed_tags: Option<&[SealedTag; SEALED_TAGS]>,
	) -> Self {
		Self {
			id,
			institute: address(&study.institute),
			categories: study.categories.names().map(String::from).collect(),
			reward_per_participant: study.reward_per_participant.to_string(),
			max_participants: study.max_participants,
			participants: study.participants,
			enrollment_ends_at: study.enrollment_ends_at,
			data_use_ends_at: study.data_use_ends_at,
			protocol_hash: hex(&study.protocol_hash),
			sealed_tags: sealed_tags.map(|tags| tags.iter().map(|tag| hex(tag)).collect()),
		}
	}
}

/// The arguments of `Consent::grant` a FHIR Consent stands for (`consent_fromFhir`), with the
/// patient who must sign it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GrantJson {
	/// The patient (FHIR `subject`), who signs the grant.
	pub patient: String,
	/// The provider granted (FHIR `grantee`).
	pub grantee: String,
	/// Data category names.
	pub categories: Vec<String>,
	/// `read` and/or `write`.
	pub actions: Vec<String>,
	/// Purpose-of-use codes.
	pub purposes: Vec<String>,
	/// Expiry (unix ms), from FHIR `period.end`.
	pub expires_at: Moment,
}

impl From<&GrantArgs> for GrantJson {
	fn from(grant: &GrantArgs) -> Self {
		Self {
			patient: address(&grant.patient),
			grantee: address(&grant.grantee),
			categories: grant.categories.names().map(String::from).collect(),
			actions: grant.actions.names().map(String::from).collect(),
			purposes: grant.purposes.names().map(String::from).collect(),
			expires_at: grant.expires_at,
		}
	}
}
