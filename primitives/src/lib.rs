//! # CareChain primitives
//!
//! The vocabulary every part of CareChain shares (SPEC section 2): what data a consent covers
//! ([`DataCategory`]), what may be done with it ([`Action`]), why ([`PurposeOfUse`]), who a
//! provider is ([`ProviderKind`]), the id types, the cross-pallet [`traits`] that let pallets
//! depend on each other's behaviour rather than on each other, and the runtime API declarations
//! clients call.
//!
//! No type here can carry health data: a patient is an account and a salted commitment, a record
//! is a hash.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]
// Runtime code never panics (tests may): no unwrap/expect, no indexing, no unchecked arithmetic.
#![cfg_attr(
	not(test),
	deny(
		clippy::unwrap_used,
		clippy::expect_used,
		clippy::indexing_slicing,
		clippy::arithmetic_side_effects,
		clippy::panic
	)
)]

extern crate alloc;

#[macro_use]
mod bit_set;
pub mod access;
pub mod category;
pub mod claim;
pub mod consent;
pub mod deposit;
pub mod jurisdiction;
pub mod patient;
pub mod provider;
pub mod runtime_api;
pub mod sealed;
pub mod study;
pub mod trace;
pub mod traits;

/// `InvalidTransaction::Custom` codes of CareChain's transaction extensions, in one place so
/// that they never collide.
pub mod invalid_transaction {
	/// A patient's fee-free call that its pallet's cheap checks say would fail: dry-run it
	/// (`system_dryRun`) to see the error.
	pub const FEELESS_CALL_WOULD_FAIL: u8 = 1;
	/// An immortal transaction: every transaction must have a mortal era.
	pub const IMMORTAL: u8 = 2;
}

pub use access::{Action, ActionList, Actions, PurposeList, PurposeOfUse, Purposes};
pub use bit_set::UnknownBits;
pub use category::{
	AccessedCategory, DataCategories, DataCategory, DataCategoryList, StandardCategory,
	StandardCategoryList,
};
pub use consent::{
	access_log_entry_key, grantee_listing_key, next_log_head, AccessDecision, AccessEntry,
	AccessLogHead, AccessLogView, AccessRequest, Consent, ConsentKind, ConsentStatus, DenyReason,
	IndexedAccessEntry, RecordAnchor, ACCESS_LOG_INDEX_PREFIX, GRANTEE_LISTING_PREFIX,
};
pub use jurisdiction::Jurisdiction;
pub use patient::PatientView;
pub use provider::{
	ProviderKind, ProviderRole, ProviderStatus, ProviderView, RegistrationId, SuspensionReason,
};
pub use study::{Enrollment, Study};

/// Unix time in milliseconds, as kept by pallet-timestamp. Consent expiry is such an instant so
/// that it maps exactly onto FHIR `period.end`.
pub type Moment = u64;
/// A day in unix milliseconds: the period of the fee-free quota, the longest emergency window.
pub const DAY_MS: Moment = 86_400_000;
/// Identifies a consent; assigned sequentially, never reused.
pub type ConsentId = u64;
/// Identifies an access request; assigned sequentially, never reused.
pub type RequestId = u64;
/// Identifies a research study; assigned sequentially, never reused.
pub type StudyId = u64;
/// A 32-byte hash of something kept off chain (a licence credential, a record, a dataset).
pub type Hash32 = [u8; 32];
