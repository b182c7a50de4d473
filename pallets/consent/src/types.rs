//! What the consent pallet stores besides the shared types of `carechain-primitives`.

pub use carechain_primitives::AccessRequest;
use carechain_primitives::{
	sealed::{SealedTag, SEALED_TAGS},
	Actions, ConsentId, ConsentKind, ConsentStatus, DataCategories, Hash32, Moment, Purposes,
	RegistrationId, RequestId,
};
use codec::{Decode, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A consent as kept in the `(patient, grantee)` index: everything but the two accounts, which
/// are the index's key. Keeping the scope here makes an access check a fixed number of reads.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct ConsentTerms {
	/// The consent's id.
	pub id: ConsentId,
	/// The standard data categories covered, in clear.
	pub categories: DataCategories,
	/// The actions permitted.
	pub actions: Actions,
	/// The purposes of use permitted.
	pub purposes: Purposes,
	/// When it was created (unix ms).
	pub created_at: Moment,
	/// When it ends (unix ms, exclusive).
	pub expires_at: Moment,
	/// `Active` or `Revoked`.
	pub status: ConsentStatus,
	/// How it came about.
	pub kind: ConsentKind,
	/// Whether a guardian made it (granted, approved or renewed it through `as_guardian`).
	pub by_guardian: bool,
	/// The provider registration the grantee acted under when it was granted: it permits only
	/// while the grantee still acts under that registration (not after a staff member moves to
	/// another organisation, nor after the provider left the registry and came back).
	pub registration: RegistrationId,
	/// The tags of the sensitive categories covered (sealed scope), if any: what an access to a
	/// sensitive category is checked against. The salt's boxes are kept apart, in
	/// `SealedSalts`, off the access check's path.
	pub sealed_tags: Option<[SealedTag; SEALED_TAGS]>,
}

/// An emergency access awaiting the Council's review.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct EmergencyAccess<AccountId, Balance> {
	/// Whose data was accessed.
	pub patient: AccountId,
	/// Who invoked it.
	pub accessor: AccountId,
	/// The organisation the accessor acted for; its deposit answers for an unjustified access.
	pub organisation: AccountId,
	/// Hash of the justification kept off chain.
	pub justification_hash: Hash32,
	/// When it was invoked (unix ms).
	pub invoked_at: Moment,
	/// The bond held from the organisation until the review: returned if the access was
	/// justified, paid to the patient if not.
	pub bond: Balance,
}

/// Something that ends at a known time and is cleaned up from the expiry queue.
#[derive(
	Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
pub enum Expiring {
	/// A consent (active or revoked) whose expiry has passed.
	Consent(ConsentId),
	/// An access request that lapsed unanswered.
	Request(RequestId),
}
