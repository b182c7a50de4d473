//! Consents, access decisions and the access log (SPEC 3.3): the types stored by the consent
//! pallet and returned by `ConsentApi`.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

use crate::{
	claim::CoverageId, sealed::SealedScope, AccessedCategory, Action, Actions, ConsentId,
	DataCategories, Hash32, Moment, PurposeOfUse, Purposes, RequestId, StudyId,
};

/// Where a consent stands.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum ConsentStatus {
	/// In force until `expires_at`.
	Active,
	/// Revoked by the patient: permits nothing.
	Revoked,
	/// `expires_at` has passed: permits nothing. Never stored, only reported: a check compares
	/// the expiry with the current time, whether or not the consent was cleaned up yet.
	Expired,
}

impl ConsentStatus {
	/// The status, as stored, of a consent ending at `expires_at`, at `now`: an active consent
	/// whose expiry has come is `Expired`.
	pub fn at(self, expires_at: Moment, now: Moment) -> ConsentStatus {
		match self {
			ConsentStatus::Active if now >= expires_at => ConsentStatus::Expired,
			status => status,
		}
	}
}

/// How a consent came about.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum ConsentKind {
	/// Granted by the patient.
	Standard,
	/// Created by a clinical provider's emergency ("break-glass") access; reviewable by the
	/// Council.
	Emergency,
	/// Created by enrolling in a research study.
	Research(StudyId),
	/// Created by the patient approving a provider's access request.
	Request(RequestId),
	/// Created by the patient (its insurer pseudonym) accepting a coverage: the insurer reads
	/// Billing data for payment (`HPAYMT`) until the coverage's claims can no longer be filed.
	Billing(CoverageId),
}

/// A consent: `patient` permits `grantee` (and, for an organisation, its active staff) to do
/// `actions` on `categories` for `purposes` until `expires_at`.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Consent<AccountId> {
	/// The patient whose data it covers.
	pub patient: AccountId,
	/// The provider (or staff member) it permits.
	pub grantee: AccountId,
	/// The standard data categories covered, in clear.
	pub categories: DataCategories,
	/// The sensitive categories covered, sealed: tags and the salt sealed to each party.
	/// `None` for a consent that covers standard categories only.
	pub sealed: Option<SealedScope>,
	/// The actions permitted.
	pub actions: Actions,
	/// The purposes of use permitted.
	pub purposes: Purposes,
	/// When it was created (unix ms).
	pub created_at: Moment,
	/// When it ends (unix ms, exclusive: at this instant it no longer permits).
	pub expires_at: Moment,
	/// Active or revoked (storage never says `Expired`; see [`Consent::status_at`]).
	pub status: ConsentStatus,
	/// How it came about.
	pub kind: ConsentKind,
	/// Whether a guardian made it (granted, approved or renewed it for the patient through
	/// `as_guardian`); it then ends no later than the guardianship.
	pub by_guardian: bool,
}

/// The decision a consent's terms give for an access, once its status at the time of the access
/// and whether its scope covers the category are known: the first reason it does not permit,
/// in the order of [`DenyReason`].
pub fn decide(
	status: ConsentStatus,
	covers_category: bool,
	(actions, action): (Actions, Action),
	(purposes, purpose): (Purposes, PurposeOfUse),
) -> Result<(), DenyReason> {
	match status {
		ConsentStatus::Revoked => Err(DenyReason::Revoked),
		ConsentStatus::Expired => Err(DenyReason::Expired),
		ConsentStatus::Active if !covers_category => Err(DenyReason::CategoryNotCovered),
		ConsentStatus::Active if !actions.contains(action) => Err(DenyReason::ActionNotCovered),
		ConsentStatus::Active if !purposes.contains(purpose) => Err(DenyReason::PurposeNotCovered),
		ConsentStatus::Active => Ok(()),
	}
}

/// Whether a scope of `categories` in clear and `sealed_tags` covers `category`: a category in
/// clear by its bit, a sealed one by holding its tag.
pub fn covers(
	categories: DataCategories,
	sealed_tags: Option<&[crate::sealed::SealedTag]>,
	category: &AccessedCategory,
) -> bool {
	match category {
		AccessedCategory::Clear(category) => categories.contains(*category),
		AccessedCategory::Sealed(tag) => sealed_tags.is_some_and(|tags| tags.contains(tag)),
	}
}

impl<AccountId> Consent<AccountId> {
	/// The status at `now`: an active consent whose expiry has come is `Expired`.
	pub fn status_at(&self, now: Moment) -> ConsentStatus {
		self.status.at(self.expires_at, now)
	}

	/// Whether this consent permits `action` on `category` for `purpose` at `now`; otherwise
	/// the first reason it does not, checked in the order of [`DenyReason`].
	pub fn permits(
		&self,
		category: &AccessedCategory,
		action: Action,
		purpose: PurposeOfUse,
		now: Moment,
	) -> Result<(), DenyReason> {
		let tags = self.sealed.as_ref().map(|sealed| &sealed.tags[..]);
		decide(
			self.status_at(now),
			covers(self.categories, tags, category),
			(self.actions, action),
			(self.purposes, purpose),
		)
	}
}

/// Why an access is denied. Variants are ordered by how close the nearest consent came to
/// permitting: when several consents deny, the decision reports the greatest reason.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum DenyReason {
	/// The patient is not registered.
	NotRegistered,
	/// The accessor is not an active provider or staff of one.
	AccessorNotActive,
	/// No consent of the patient names the accessor or its organisation.
	NoConsent,
	/// The only consents were revoked.
	Revoked,
	/// The only consents have expired.
	Expired,
	/// No consent in force covers the category.
	CategoryNotCovered,
	/// No consent in force covering the category permits the action.
	ActionNotCovered,
	/// No consent in force covering the category and action permits the purpose.
	PurposeNotCovered,
}

/// The answer to "may this accessor do this now?".
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum AccessDecision {
	/// Permitted by `consent_id`, in force until `expires_at`.
	Permit {
		/// The consent that permits.
		consent_id: ConsentId,
		/// Its expiry (unix ms).
		expires_at: Moment,
	},
	/// Denied, for this reason.
	Deny(DenyReason),
}

impl AccessDecision {
	/// Whether access is permitted.
	pub const fn is_permit(&self) -> bool {
		matches!(self, Self::Permit { .. })
	}
}

/// A provider's pending request for a patient's consent.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct AccessRequest<AccountId> {
	/// The patient asked.
	pub patient: AccountId,
	/// The provider or staff member asking; the grantee of the consent if approved.
	pub requester: AccountId,
	/// The organisation the requester acted for, whose share of the patient's pending list
	/// the request takes.
	pub organisation: AccountId,
	/// The standard categories asked for (a request names no sensitive category).
	pub categories: DataCategories,
	/// The actions asked for.
	pub actions: Actions,
	/// The purposes asked for.
	pub purposes: Purposes,
	/// How long the consent would last from approval (ms).
	pub duration_ms: Moment,
	/// Hash of the justification kept off chain.
	pub justification_hash: Hash32,
	/// When the request lapses unanswered (unix ms).
	pub lapses_at: Moment,
}

/// One access to a patient's data, as logged by `record_access`.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct AccessEntry<AccountId> {
	/// Who accessed (provider or staff member).
	pub accessor: AccountId,
	/// The organisation the accessor acted for (the accessor itself for a provider).
	pub organisation: AccountId,
	/// The category accessed: in clear, or sealed as the permitting consent's tag.
	pub category: AccessedCategory,
	/// Why.
	pub purpose: PurposeOfUse,
	/// Read or write.
	pub action: Action,
	/// The consent that permitted it.
	pub consent_id: ConsentId,
	/// When (unix ms).
	pub time: Moment,
	/// The hash of the record read or written, if given.
	pub record_hash: Option<Hash32>,
}

/// A patient's access log as the chain's state keeps it: how many entries there were and the
/// head of the hash chain over all of them (`head' = blake2_256(head ++ SCALE(entry))`,
/// starting from 32 zero bytes). The entries themselves are in the node's off-chain index
/// ([`access_log_entry_key`]), each with the head before it.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct AccessLogHead {
	/// Entries ever appended.
	pub count: u64,
	/// Head of the hash chain.
	pub head: Hash32,
}

/// One entry of a patient's access log as the off-chain index keeps it, under
/// [`access_log_entry_key`]: the entry and the head of the hash chain before it, so that any
/// run of entries up to the last can be checked against the head in state
/// (`blake2_256(previous ++ SCALE(entry))` folded over the run). A second preimage of
/// blake2_256 would be needed to pass off another run.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct IndexedAccessEntry<AccountId> {
	/// The head before this entry; `None` for an entry carried over by the storage migration
	/// from a log whose earlier entries had already left state (its link is not known).
	pub previous: Option<Hash32>,
	/// The entry.
	pub entry: AccessEntry<AccountId>,
}

/// Where the off-chain index keeps entry `index` (from 0) of `patient`'s access log:
/// `b"carechain/consent/access-log/" ++ SCALE(patient) ++ index (u64, little-endian)`.
/// Written by the runtime with `sp_io::offchain_index::set`, read by the node's RPC under the
/// off-chain database's `STORAGE_PREFIX`.
pub fn access_log_entry_key<AccountId: Encode>(
	patient: &AccountId,
	index: u64,
) -> alloc::vec::Vec<u8> {
	let mut key = ACCESS_LOG_INDEX_PREFIX.to_vec();
	patient.encode_to(&mut key);
	key.extend_from_slice(&index.to_le_bytes());
	key
}

/// Where the off-chain index keeps the `n`-th consent (from 0) that ever named `grantee`: its
/// id, under `b"carechain/consent/by-grantee/" ++ SCALE(grantee) ++ n (u64, little-endian)`.
/// The consents of a grantee still stored are those of its listing that state still names it
/// as grantee (`ConsentApi::consents_listed`).
pub fn grantee_listing_key<AccountId: Encode>(grantee: &AccountId, n: u64) -> alloc::vec::Vec<u8> {
	let mut key = GRANTEE_LISTING_PREFIX.to_vec();
	grantee.encode_to(&mut key);
	key.extend_from_slice(&n.to_le_bytes());
	key
}

/// The prefix of every [`grantee_listing_key`].
pub const GRANTEE_LISTING_PREFIX: &[u8] = b"carechain/consent/by-grantee/";

/// The head of an access log's hash chain after `entry`: `blake2_256(head ++ SCALE(entry))`.
pub fn next_log_head<AccountId: Encode>(head: &Hash32, entry: &AccessEntry<AccountId>) -> Hash32 {
	let mut preimage = head.to_vec();
	entry.encode_to(&mut preimage);
	sp_crypto_hashing::blake2_256(&preimage)
}

/// The prefix of every [`access_log_entry_key`].
pub const ACCESS_LOG_INDEX_PREFIX: &[u8] = b"carechain/consent/access-log/";

/// A patient's access log as clients read it: how many entries there were, the head of the
/// hash chain over all of them, and the most recent entries, oldest first, with the head
/// before the first of them (`since`; `None` when not known, see [`IndexedAccessEntry`]).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct AccessLogView<AccountId> {
	/// Entries ever appended.
	pub count: u64,
	/// Head of the hash chain.
	pub head: Hash32,
	/// The head before the first of `recent` (32 zero bytes when it is the first entry ever).
	pub since: Option<Hash32>,
	/// The last entries, oldest first.
	pub recent: alloc::vec::Vec<AccessEntry<AccountId>>,
}

/// Proof that a record existed: who wrote it, for which organisation, when and in which
/// category. The writer's organisation holds `deposit` until the patient deregisters.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct RecordAnchor<AccountId, Balance> {
	/// The provider or staff member who wrote the record.
	pub writer: AccountId,
	/// The organisation that pays the deposit.
	pub organisation: AccountId,
	/// The category of the record: in clear, or sealed as the permitting consent's tag.
	pub category: AccessedCategory,
	/// When it was anchored (unix ms).
	pub anchored_at: Moment,
	/// The deposit held from the organisation.
	pub deposit: Balance,
}
