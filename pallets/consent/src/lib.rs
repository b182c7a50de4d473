//! # Consent
//!
//! Patients decide who may use their data, for what and until when (SPEC 3.3).
//!
//! - A patient [`grant`](Pallet::grant)s an active provider a consent scoped by data categories,
//!   actions and purposes of use, until an expiry (unix ms). A grant to an organisation covers
//!   its active staff. The patient can [`revoke`](Pallet::revoke) it, effective in the same
//!   block, or [`renew`](Pallet::renew) it.
//! - Providers [`request_access`](Pallet::request_access); the patient approves (creating a
//!   consent of kind `Request`) or denies; unanswered requests lapse after `RequestTtl`.
//! - Clinical providers invoke [`emergency_access`](Pallet::emergency_access) ("break-glass"):
//!   a read-only `ETREAT` consent for `EmergencyAccessWindow`, unless the patient opted out.
//!   The Council reviews every one; an unjustified access costs the provider `EmergencySlash`
//!   of its deposit, paid to the patient.
//! - [`record_access`](Pallet::record_access) is the only way an access is logged: it succeeds
//!   only if a consent permits it now, and appends the entry to the patient's hash-chained
//!   access log; a write with a record hash anchors the record.
//!
//! ## Storage and the hot path
//!
//! A consent's terms live in [`ConsentsByPair`], keyed by `(patient, grantee)`, so
//! [`Pallet::check_access`] reads the patient registration, the accessor's provider standing
//! (two reads), and at most two index entries (the accessor's own and its organisation's),
//! whatever the number of consents stored. [`ConsentParties`] maps an id to its pair.
//!
//! Expiry is decided by comparing `expires_at` with the current time, so an expired consent
//! never permits, however late it is cleaned. Clean-up runs in `on_idle` from [`ExpiryPages`],
//! bucketed by hour: it visits only buckets whose hour has passed, so its cost grows with what
//! expired and the time elapsed, never with what is stored.

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

/// The generated `weights.rs` names this crate by its package name, as runtime weight files do.
extern crate self as pallet_consent;

pub use pallet::*;
pub use types::{AccessRequest, ConsentTerms, EmergencyAccess, Expiring};
pub use weight_info::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod cleanup;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weight_info;
pub mod weights;

use alloc::vec::Vec;
use carechain_primitives::deposit::{footprint_of, HeldDeposit};
use carechain_primitives::{
	access_log_entry_key,
	claim::CoverageId,
	consent::{covers, decide},
	grantee_listing_key,
	sealed::{MalformedScope, SealedSalt, SealedScope, SealedTag, SEALED_SALT_BOXES},
	traits::{
		ConsentManager, EmergencyReviews, OnPatientDeregistered, PatientRegistry, ProviderDeposits,
		ProviderRegistry,
	},
	AccessDecision, AccessEntry, AccessLogHead, AccessedCategory, Action, ActionList, Actions,
	Consent, ConsentId, ConsentKind, ConsentStatus, DataCategories, DataCategory, DenyReason,
	Hash32, IndexedAccessEntry, Moment, PurposeList, PurposeOfUse, Purposes, RecordAnchor,
	RegistrationId, RequestId, StandardCategory, StandardCategoryList, StudyId, DAY_MS,
};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, InspectHold, Mutate, MutateHold},
		tokens::{Fortitude, Precision, Restriction},
		Consideration, Footprint, OriginTrait, Time,
	},
	weights::WeightMeter,
};
use frame_system::pallet_prelude::*;
use sp_runtime::traits::{Saturating, Zero};

/// The balance type of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A record anchor as stored.
pub type RecordAnchorOf<T> =
	RecordAnchor<<T as frame_system::Config>::AccountId, <T as Config>::AnchorDeposit>;
/// A record anchor as runtime APIs show it: the deposit as the amount held.
pub type RecordAnchorViewOf<T> = RecordAnchor<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// An emergency access awaiting review, as stored.
pub type EmergencyAccessOf<T> =
	EmergencyAccess<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// The consents of one `(patient, grantee)` pair.
pub type PairConsentsOf<T> = BoundedVec<ConsentTerms, <T as Config>::MaxConsentsPerGrantee>;

/// A consent granted at genesis: patient, grantee, categories, actions, purposes, expiry.
pub type GenesisConsent<AccountId> =
	(AccountId, AccountId, DataCategories, Actions, Purposes, Moment);

/// What the benchmarks need from the rest of the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// An active clinical provider (a hospital) holding a registration deposit and funds for
	/// anchor deposits; `index` tells several apart.
	fn active_provider(index: u32) -> AccountId;
	/// A registered patient who allows emergency access; `index` tells several apart.
	fn patient(index: u32) -> AccountId;
	/// Sets the wall-clock time (unix ms).
	fn set_time(now: Moment);
}

/// What a permitted access check found.
struct Permit<AccountId> {
	/// The consent that permits.
	consent_id: ConsentId,
	/// Its expiry.
	expires_at: Moment,
	/// The organisation the accessor acts for.
	organisation: AccountId,
}

/// What a consent covers, as a call asks for it: checked by `check_scope`, then stored.
#[derive(Clone, Debug)]
struct Scope {
	/// The standard categories covered, in clear.
	categories: DataCategories,
	/// The actions permitted.
	actions: Actions,
	/// The purposes of use permitted.
	purposes: Purposes,
	/// The sensitive categories covered, sealed.
	sealed: Option<SealedScope>,
}

impl Scope {
	/// The scope a call's lists name (a repeat counts once).
	fn of(
		categories: &StandardCategoryList,
		actions: &ActionList,
		purposes: &PurposeList,
		sealed: Option<SealedScope>,
	) -> Self {
		Self {
			categories: DataCategories::from_standard_list(categories),
			actions: Actions::from_list(actions),
			purposes: Purposes::from_list(purposes),
			sealed,
		}
	}
}

/// Width of an expiry-queue bucket (ms): clean-up visits one bucket per hour of time passed.
/// An hour, not less, so that consents ending near each other share a bucket's pages.
pub const EXPIRY_BUCKET_MS: Moment = 3_600_000;

/// Most items in one page of an expiry-queue bucket ([`ExpiryPages`]): 9 bytes each.
pub const EXPIRY_PAGE_ITEMS: u32 = 256;

/// One page of an expiry-queue bucket.
pub type ExpiryPage = BoundedVec<Expiring, ConstU32<EXPIRY_PAGE_ITEMS>>;

/// Log target of the pallet.
const LOG_TARGET: &str = "runtime::consent";

// FRAME's pallet macros expand to `expect` on facts fixed at compile time (a pallet's name,
// its storage prefixes), spanned on this module; the pallet's own code uses none.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(7);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency record-anchor deposits are held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// Who is an active provider, of which kind, for which organisation.
		type Providers: ProviderRegistry<Self::AccountId>;

		/// Slashes provider deposits for unjustified emergency accesses.
		type ProviderDeposits: ProviderDeposits<Self::AccountId, BalanceOf<Self>>;

		/// Who is a patient, their emergency-access choice, their fee-free quota.
		type Patients: PatientRegistry<Self::AccountId>;

		/// Wall-clock time (unix ms).
		type Time: Time<Moment = Moment>;

		/// Who reviews emergency accesses (the Council, or Root).
		type ApproveOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Longest a consent may last from its grant (ms).
		type MaxConsentDuration: Get<Moment>;

		/// How long a request waits for the patient's answer (ms).
		type RequestTtl: Get<Moment>;

		/// How long an emergency access lasts (ms); never more than a day, whatever it says.
		type EmergencyAccessWindow: Get<Moment>;

		/// What an unjustified emergency access costs the provider, paid to the patient.
		type EmergencySlash: Get<BalanceOf<Self>>;

		/// Bond held from the organisation for each emergency access until the Council reviews
		/// it: returned if justified, paid to the patient (with `EmergencySlash`) if not.
		type EmergencyBond: Get<BalanceOf<Self>>;

		/// The deposit of a record anchor, held from the writer's organisation until the
		/// anchor is removed: a ticket for the bytes the anchor stores, key included. In
		/// CareChain a `HoldConsideration` under [`HoldReason::AnchorDeposit`], priced by a
		/// `LinearStoragePrice`.
		type AnchorDeposit: Consideration<Self::AccountId, Footprint> + HeldDeposit<BalanceOf<Self>>;

		/// Most consents a patient may hold at once (active, and revoked or expired ones not yet
		/// cleaned up).
		#[pallet::constant]
		type MaxConsentsPerPatient: Get<u32>;

		/// Most consents one patient may hold for one grantee; bounds the access check.
		#[pallet::constant]
		type MaxConsentsPerGrantee: Get<u32>;

		/// Most emergency consents held for one patient at once (each lasts at most a day):
		/// the rate limit of break-glass per patient. They are counted apart from the
		/// patient's own `MaxConsentsPerPatient`, which providers cannot fill.
		#[pallet::constant]
		type MaxEmergencyConsentsPerPatient: Get<u32>;

		/// Most requests waiting for one patient's answer.
		#[pallet::constant]
		type MaxPendingRequests: Get<u32>;

		/// Most of those from one organisation (it and its staff), so that no provider can
		/// fill a patient's pending list alone.
		#[pallet::constant]
		type MaxPendingRequestsPerOrganisation: Get<u32>;

		/// Most records anchored for one patient; bounds the clean-up on deregistration.
		#[pallet::constant]
		type MaxAnchorsPerPatient: Get<u32>;

		/// Weights of the calls and hooks, from the benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up what the benchmarks need from other pallets.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a record anchor, paid by the writer's organisation.
		AnchorDeposit,
		/// The bond of an emergency access awaiting review, paid by the accessor's
		/// organisation.
		EmergencyBond,
	}

	/// The id the next consent gets.
	#[pallet::storage]
	pub type NextConsentId<T: Config> = StorageValue<_, ConsentId, ValueQuery>;

	/// The id the next request gets.
	#[pallet::storage]
	pub type NextRequestId<T: Config> = StorageValue<_, RequestId, ValueQuery>;

	/// The consents of each `(patient, grantee)` pair, with their terms: the access check's
	/// index.
	#[pallet::storage]
	pub type ConsentsByPair<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		PairConsentsOf<T>,
		ValueQuery,
	>;

	/// The `(patient, grantee)` pair of each stored consent.
	#[pallet::storage]
	pub type ConsentParties<T: Config> =
		StorageMap<_, Twox64Concat, ConsentId, (T::AccountId, T::AccountId)>;

	/// The salt of each sealed consent, sealed to each of its parties (the patient, the grantee,
	/// the data holder): read by the parties' clients to open the consent's tags, never by the
	/// access check. Removed with the consent.
	#[pallet::storage]
	pub type SealedSalts<T: Config> =
		StorageMap<_, Twox64Concat, ConsentId, [SealedSalt; SEALED_SALT_BOXES]>;

	/// The sealed scope of each sealed request: the sensitive categories asked for, as tags under
	/// the requester's salt, and that salt sealed to the patient, the requester and the data
	/// holder. It becomes the consent's sealed scope on approval; removed with the request.
	#[pallet::storage]
	pub type SealedRequests<T: Config> = StorageMap<_, Twox64Concat, RequestId, SealedScope>;

	/// How many consents since genesis have named each grantee: the length of its listing in
	/// the node's off-chain index (`grantee_listing_key`), where each new consent's id goes.
	/// The listing is never shortened; a consent removed from state is left out when read
	/// (`consents_listed`).
	#[pallet::storage]
	pub type GranteeListings<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u64, ValueQuery>;

	/// How many consents the chain's genesis granted (ids `0 .. GenesisConsents`): they are in
	/// no listing, since nothing genesis writes to the off-chain index reaches a node's.
	#[pallet::storage]
	pub type GenesisConsents<T: Config> = StorageValue<_, ConsentId, ValueQuery>;

	/// How many consents each patient holds, emergency ones aside (bounded by
	/// `MaxConsentsPerPatient`).
	#[pallet::storage]
	pub type ConsentCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// How many emergency consents are held for each patient (bounded by
	/// `MaxEmergencyConsentsPerPatient`).
	#[pallet::storage]
	pub type EmergencyConsentCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Requests waiting for the patient's answer.
	#[pallet::storage]
	pub type Requests<T: Config> =
		StorageMap<_, Twox64Concat, RequestId, AccessRequest<T::AccountId>>;

	/// The pending requests of each patient.
	#[pallet::storage]
	pub type PendingRequests<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<RequestId, T::MaxPendingRequests>,
		ValueQuery,
	>;

	/// How many of each patient's pending requests each organisation (it and its staff) made.
	#[pallet::storage]
	pub type PendingRequestsFrom<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		u32,
		ValueQuery,
	>;

	/// What ends in each hour (`expires_at / EXPIRY_BUCKET_MS`), to be cleaned up: the
	/// bucket's items in pages of [`EXPIRY_PAGE_ITEMS`], filled in order (about 9 bytes of
	/// state an item). An item renewed to a later bucket, or removed, stays in its page and is
	/// passed over when its bucket is cleaned.
	#[pallet::storage]
	pub type ExpiryPages<T: Config> =
		StorageDoubleMap<_, Twox64Concat, Moment, Twox64Concat, u32, ExpiryPage, ValueQuery>;

	/// How many pages each bucket of [`ExpiryPages`] has; the last is the one being filled.
	#[pallet::storage]
	pub type ExpiryPageCount<T: Config> = StorageMap<_, Twox64Concat, Moment, u32, ValueQuery>;

	/// The earliest bucket of [`ExpiryPages`] that may hold entries; `None` before anything was
	/// queued.
	#[pallet::storage]
	pub type CleanupCursor<T: Config> = StorageValue<_, Moment>;

	/// Emergency accesses awaiting the Council's review, by consent id. Kept after the consent
	/// itself expires: every emergency access stays reviewable.
	#[pallet::storage]
	pub type EmergencyAccesses<T: Config> =
		StorageMap<_, Twox64Concat, ConsentId, EmergencyAccessOf<T>>;

	/// How many of [`EmergencyAccesses`] each organisation answers for: while any is open, the
	/// organisation cannot retire from the provider registry.
	#[pallet::storage]
	pub type OpenEmergencyReviews<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Each patient's access log: its count and hash-chain head. The entries go to the node's
	/// off-chain index (`access_log_entry_key`), each with the head before it.
	#[pallet::storage]
	pub type AccessLogs<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, AccessLogHead, ValueQuery>;

	/// Anchored records, by patient and record hash.
	#[pallet::storage]
	pub type RecordAnchors<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		Hash32,
		RecordAnchorOf<T>,
	>;

	/// How many records are anchored for each patient.
	#[pallet::storage]
	pub type AnchorCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Consents granted at genesis, for development and test chains.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// `(patient, grantee, categories, actions, purposes, expires_at)`, of kind `Standard`.
		pub consents: Vec<GenesisConsent<T::AccountId>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (patient, grantee, categories, actions, purposes, expires_at) in &self.consents {
				// Both check before they write, so a refused consent leaves nothing behind; it
				// is left out, loudly, rather than panic.
				let registration = T::Providers::registration_of(grantee)
					.ok_or_else(|| Error::<T>::GranteeNotActive.into());
				let stored = registration.and_then(|registration| {
					let scope = Scope {
						categories: *categories,
						actions: *actions,
						purposes: *purposes,
						sealed: None,
					};
					Pallet::<T>::check_scope(&scope)?;
					Pallet::<T>::store_consent(
						patient,
						(grantee, registration),
						scope,
						*expires_at,
						ConsentKind::Standard,
					)
				});
				if let Err(error) = stored {
					log::error!(
						target: LOG_TARGET,
						"genesis consent of {patient:?} for {grantee:?} left out: {error:?}"
					);
				}
			}
			// Nothing written to the off-chain index while genesis is built reaches a node's
			// index (genesis is never imported as a block), so the listings start empty and
			// genesis's consents are the ids below `GenesisConsents`.
			GenesisConsents::<T>::put(NextConsentId::<T>::get());
			let _ = GranteeListings::<T>::clear(u32::MAX, None);
		}
	}

	/// Events of the pallet.
	///
	/// Events are served to anyone (the public RPC face serves `System.Events`), so they carry
	/// only what a party needs to find its own data: ids and the parties' pseudonyms, never a
	/// scope (categories, actions, purposes), an expiry or a justification. A party reads the
	/// rest through the party-signed RPC (`docs/privacy.md`).
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A consent was created (by a grant, an approved request, an emergency access or a
		/// study enrolment). Its terms are read with `consent_get`.
		ConsentGranted {
			/// Its id.
			consent_id: ConsentId,
			/// The patient.
			patient: T::AccountId,
			/// The provider (or staff member) it permits.
			grantee: T::AccountId,
			/// How it came about.
			kind: ConsentKind,
		},
		/// The patient revoked a consent: it permits nothing from this block on.
		ConsentRevoked {
			/// The consent.
			consent_id: ConsentId,
			/// The patient.
			patient: T::AccountId,
		},
		/// The patient moved a consent's expiry (read the new one with `consent_get`).
		ConsentRenewed {
			/// The consent.
			consent_id: ConsentId,
			/// The patient.
			patient: T::AccountId,
		},
		/// An expired (or revoked) consent was removed from storage after its expiry.
		ConsentExpired {
			/// The consent.
			consent_id: ConsentId,
			/// The patient.
			patient: T::AccountId,
		},
		/// A provider asks a patient for consent (the patient reads what is asked with
		/// `consent_pendingRequests`).
		AccessRequested {
			/// The request.
			request_id: RequestId,
			/// The patient asked.
			patient: T::AccountId,
			/// Who asks.
			requester: T::AccountId,
		},
		/// The patient approved a request; `consent_id` is the consent created.
		RequestApproved {
			/// The request.
			request_id: RequestId,
			/// The patient.
			patient: T::AccountId,
			/// The consent created.
			consent_id: ConsentId,
		},
		/// The patient denied a request.
		RequestDenied {
			/// The request.
			request_id: RequestId,
			/// The patient.
			patient: T::AccountId,
		},
		/// A request lapsed unanswered and was removed.
		RequestLapsed {
			/// The request.
			request_id: RequestId,
			/// The patient.
			patient: T::AccountId,
		},
		/// A clinical provider invoked emergency access; the Council will review it (its
		/// justification hash and time are in `EmergencyAccesses`).
		EmergencyAccessInvoked {
			/// The emergency consent created.
			consent_id: ConsentId,
			/// The patient.
			patient: T::AccountId,
			/// Who invoked it.
			accessor: T::AccountId,
			/// The organisation the accessor acted for.
			organisation: T::AccountId,
		},
		/// The Council reviewed an emergency access.
		EmergencyAccessReviewed {
			/// The emergency consent.
			consent_id: ConsentId,
			/// The verdict.
			justified: bool,
			/// What the organisation's deposit paid the patient (zero when justified).
			slashed: BalanceOf<T>,
		},
		/// An access was logged at `index` of the patient's log. The entry hashed into the log's
		/// head is this event's `accessor`, `organisation` and `consent_id`, the `record_access`
		/// call's `category`, `purpose`, `action` and `record_hash`, and the block's timestamp:
		/// the scope stays in the call, so the patient's wallet rebuilds every entry from the
		/// block that holds it (README, "Access log").
		AccessRecorded {
			/// The patient.
			patient: T::AccountId,
			/// Position of the entry in the log (0 for the first).
			index: u64,
			/// Who accessed.
			accessor: T::AccountId,
			/// The organisation the accessor acted for.
			organisation: T::AccountId,
			/// The consent that permitted it.
			consent_id: ConsentId,
		},
		/// A written record was anchored.
		RecordAnchored {
			/// The patient.
			patient: T::AccountId,
			/// The record's hash.
			record_hash: Hash32,
			/// The organisation that holds the deposit.
			organisation: T::AccountId,
			/// The deposit held.
			deposit: BalanceOf<T>,
		},
		/// The patient removed an anchor of one of their records; its deposit went back.
		AnchorRemoved {
			/// The patient.
			patient: T::AccountId,
			/// The record's hash.
			record_hash: Hash32,
			/// The organisation that held the deposit.
			organisation: T::AccountId,
			/// The deposit returned.
			deposit: BalanceOf<T>,
		},
		/// A deregistered patient's consents, requests, access log and anchors were removed.
		PatientDataErased {
			/// The former patient.
			patient: T::AccountId,
			/// Consents removed.
			consents: u32,
			/// Record anchors removed (deposits returned).
			anchors: u32,
		},
	}

	/// Errors of the pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The patient is not registered.
		NotRegistered,
		/// The grantee is not an active provider or staff of one.
		GranteeNotActive,
		/// The caller is not an active provider or staff of one.
		NotAProvider,
		/// Only clinical providers (hospital, clinic, physician) and their staff may invoke
		/// emergency access.
		NotClinical,
		/// The categories are empty or name unknown bits.
		InvalidCategories,
		/// The actions are empty or name unknown bits.
		InvalidActions,
		/// The purposes are empty or name unknown bits.
		InvalidPurposes,
		/// `ETREAT` is only ever given through emergency access.
		EmergencyPurposeNotGrantable,
		/// The expiry is not after now.
		ExpiryInPast,
		/// The expiry is further than `MaxConsentDuration` from now.
		ExpiryTooFar,
		/// The patient holds `MaxConsentsPerPatient` consents already.
		TooManyConsents,
		/// `MaxEmergencyConsentsPerPatient` emergency consents are held for the patient already:
		/// break-glass is rate-limited per patient.
		TooManyEmergencyAccesses,
		/// The patient holds `MaxConsentsPerGrantee` consents for this grantee already.
		TooManyConsentsForGrantee,
		/// No such consent.
		UnknownConsent,
		/// The consent or request belongs to another patient.
		NotYours,
		/// The consent is revoked or expired.
		NotActive,
		/// Only standard and request consents can be renewed.
		NotRenewable,
		/// A requested duration must be more than zero and at most `MaxConsentDuration`.
		DurationOutOfRange,
		/// The patient has `MaxPendingRequests` requests waiting already.
		TooManyPendingRequests,
		/// The requester's organisation has `MaxPendingRequestsPerOrganisation` requests
		/// waiting for this patient already.
		TooManyRequestsFromOrganisation,
		/// No such pending request.
		UnknownRequest,
		/// The request lapsed unanswered.
		RequestLapsed,
		/// The patient opted out of emergency access.
		EmergencyAccessOptedOut,
		/// No emergency access awaiting review with that consent id.
		UnknownEmergencyAccess,
		/// No consent permits this accessor this category, action and purpose now.
		NoValidConsent,
		/// That record is anchored already.
		RecordAlreadyAnchored,
		/// No such record of the patient's is anchored.
		UnknownAnchor,
		/// The patient has `MaxAnchorsPerPatient` anchored records.
		TooManyAnchors,
		/// The writer's organisation cannot pay the anchor deposit.
		InsufficientDeposit,
		/// The accessor's organisation cannot hold the emergency bond.
		InsufficientBond,
		/// A guardian may not make a consent (or renew one) past the end of the guardianship.
		OutlastsGuardianship,
		/// A sealed scope's tags are not strictly ascending, or one is all zeros (a client padded
		/// a short list).
		TagsNotCanonical,
		/// A sealed box of the salt has an ephemeral key no client would make (not a usable
		/// X25519 key).
		MalformedSealedSalt,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			let mut meter = WeightMeter::with_limit(remaining);
			Self::clean_up_expired(T::Time::now(), &mut meter);
			meter.consumed()
		}

		fn integrity_test() {
			assert!(T::MaxConsentsPerPatient::get() > 0, "MaxConsentsPerPatient must allow one");
			assert!(T::MaxConsentsPerGrantee::get() > 0, "MaxConsentsPerGrantee must allow one");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Permit `grantee` (an active provider or staff member; for an organisation, also its
		/// active staff) to do `actions` on `categories` for `purposes` until `expires_at`
		/// (unix ms, at most `MaxConsentDuration` from now). Each list names each entry at most
		/// once (a repeat counts once); none may be empty. The id is in `ConsentGranted`.
		///
		/// Origin: the patient or a guardian acting for them (fee-free). Complexity: O(1) (the
		/// patient's and the grantee's consents are bounded).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::grant())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, _g: &T::AccountId, _c: &StandardCategoryList,
			_a: &ActionList, _p: &PurposeList, _e: &Moment| -> bool {
			T::Patients::is_feeless_signer(origin.as_signer())
		})]
		pub fn grant(
			origin: OriginFor<T>,
			grantee: T::AccountId,
			categories: StandardCategoryList,
			actions: ActionList,
			purposes: PurposeList,
			expires_at: Moment,
		) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			ensure!(T::Patients::is_patient(&patient), Error::<T>::NotRegistered);
			let scope = Scope::of(&categories, &actions, &purposes, None);
			Self::grant_consent(&patient, &grantee, scope, expires_at, ConsentKind::Standard)
				.map(|_| ())
		}

		/// Revoke a consent. It permits nothing from this block on; it stays listed as revoked
		/// until its expiry.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::revoke())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, _id: &ConsentId| -> bool {
			T::Patients::is_feeless_signer(origin.as_signer())
		})]
		pub fn revoke(origin: OriginFor<T>, consent_id: ConsentId) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			Self::revoke_consent_of(&patient, consent_id)
		}

		/// Move the expiry of an active standard or request consent to `expires_at` (after now,
		/// at most `MaxConsentDuration` from now).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::renew())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, _id: &ConsentId, _e: &Moment| -> bool {
			T::Patients::is_feeless_signer(origin.as_signer())
		})]
		pub fn renew(
			origin: OriginFor<T>,
			consent_id: ConsentId,
			expires_at: Moment,
		) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			let now = T::Time::now();
			Self::check_expiry(now, expires_at)?;
			let by_guardian = Self::check_guardianship(&patient, expires_at)?;
			let old_expiry = Self::mutate_terms(&patient, consent_id, |terms| {
				Self::check_renewable(terms, now)?;
				terms.by_guardian |= by_guardian;
				Ok(core::mem::replace(&mut terms.expires_at, expires_at))
			})?;
			// The entry in the old bucket stays and is passed over there.
			if Self::bucket(old_expiry) != Self::bucket(expires_at) {
				Self::enqueue(expires_at, Expiring::Consent(consent_id));
			}
			Self::deposit_event(Event::ConsentRenewed { consent_id, patient });
			Ok(())
		}

		/// As an active provider or staff member, ask `patient` to consent to `actions` on
		/// `categories` for `purposes`, for `duration_ms` from approval. The request lapses
		/// after `RequestTtl`. The lists are read as in `grant`.
		///
		/// Origin: an active provider or its staff (the organisation pays). Complexity: O(1)
		/// (the patient's pending requests are bounded).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::request_access())]
		pub fn request_access(
			origin: OriginFor<T>,
			patient: T::AccountId,
			categories: StandardCategoryList,
			actions: ActionList,
			purposes: PurposeList,
			duration_ms: Moment,
			justification_hash: Hash32,
		) -> DispatchResult {
			let requester = ensure_signed(origin)?;
			let scope = Scope::of(&categories, &actions, &purposes, None);
			Self::request(requester, patient, scope, duration_ms, justification_hash)
		}

		/// Approve a pending request: the requester gets a consent of kind `Request` with the
		/// requested scope (a sealed request's tags and salt boxes included), for the requested
		/// duration from now.
		///
		/// Origin: the patient or a guardian acting for them (fee-free). Complexity: O(1).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::approve_request())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, _id: &RequestId| -> bool {
			T::Patients::is_feeless_signer(origin.as_signer())
		})]
		pub fn approve_request(origin: OriginFor<T>, request_id: RequestId) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			let request = Self::pending_request_of(&patient, request_id)?;
			let now = T::Time::now();
			ensure!(now < request.lapses_at, Error::<T>::RequestLapsed);
			let scope = Scope {
				categories: request.categories,
				actions: request.actions,
				purposes: request.purposes,
				sealed: SealedRequests::<T>::get(request_id),
			};
			let consent_id = Self::grant_consent(
				&patient,
				&request.requester,
				scope,
				now.saturating_add(request.duration_ms),
				ConsentKind::Request(request_id),
			)?;
			Self::forget_request(request_id, &request);
			Self::deposit_event(Event::RequestApproved { request_id, patient, consent_id });
			Ok(())
		}

		/// Deny a pending request.
		///
		/// Origin: the patient or a guardian acting for them (fee-free). Complexity: O(1).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::deny_request())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, _id: &RequestId| -> bool {
			T::Patients::is_feeless_signer(origin.as_signer())
		})]
		pub fn deny_request(origin: OriginFor<T>, request_id: RequestId) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			let request = Self::pending_request_of(&patient, request_id)?;
			Self::forget_request(request_id, &request);
			Self::deposit_event(Event::RequestDenied { request_id, patient });
			Ok(())
		}

		/// Break-glass: as a clinical provider or its staff, read `categories` of `patient` for
		/// emergency treatment (`ETREAT`) during `EmergencyAccessWindow`, unless the patient
		/// opted out. The organisation holds `EmergencyBond` until the Council reviews the
		/// access; at most `MaxEmergencyConsentsPerPatient` are held for a patient at once,
		/// apart from the patient's own consents.
		///
		/// Origin: an active clinical provider or its staff. Complexity: O(1) (the pair's
		/// consents are bounded by `MaxConsentsPerGrantee`).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::emergency_access())]
		pub fn emergency_access(
			origin: OriginFor<T>,
			patient: T::AccountId,
			categories: StandardCategoryList,
			justification_hash: Hash32,
		) -> DispatchResult {
			let accessor = ensure_signed(origin)?;
			Self::break_glass(accessor, patient, &categories, None, justification_hash)
		}
		/// Give the Council's verdict on an emergency access. Justified: the bond is returned.
		/// Unjustified: the consent is revoked if still in force, and the bond and
		/// `EmergencySlash` of the organisation's deposit are paid to the patient (`slashed` in
		/// the event is their sum).
		///
		/// Origin: `ApproveOrigin` (a Council majority). Complexity: O(1).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::review_emergency_access())]
		pub fn review_emergency_access(
			origin: OriginFor<T>,
			consent_id: ConsentId,
			justified: bool,
		) -> DispatchResult {
			T::ApproveOrigin::ensure_origin(origin)?;
			let access = EmergencyAccesses::<T>::take(consent_id)
				.ok_or(Error::<T>::UnknownEmergencyAccess)?;
			OpenEmergencyReviews::<T>::mutate_exists(&access.organisation, |open| {
				*open = open.map(|n| n.saturating_sub(1)).filter(|n| *n > 0);
			});
			let mut slashed = Zero::zero();
			if justified {
				let released = T::Currency::release(
					&HoldReason::EmergencyBond.into(),
					&access.organisation,
					access.bond,
					Precision::BestEffort,
				);
				debug_assert!(released.is_ok(), "releasing a recorded bond cannot fail");
			} else {
				// The consent may be gone (expired and cleaned up) or revoked already: either
				// way it permits nothing more, which is all the verdict asks of it.
				let _ = Self::revoke_consent_of(&access.patient, consent_id);
				let forfeited = T::Currency::transfer_on_hold(
					&HoldReason::EmergencyBond.into(),
					&access.organisation,
					&access.patient,
					access.bond,
					Precision::BestEffort,
					Restriction::Free,
					Fortitude::Force,
				)
				.unwrap_or_else(|_| Zero::zero());
				slashed = T::ProviderDeposits::slash_deposit(
					&access.organisation,
					T::EmergencySlash::get(),
					&access.patient,
				)
				.saturating_add(forfeited);
			}
			Self::deposit_event(Event::EmergencyAccessReviewed { consent_id, justified, slashed });
			Ok(())
		}

		/// Log an access to `patient`'s `category` data, for `purpose`: refused with
		/// `NoValidConsent` unless a consent permits it now. A `Write` with a `record_hash`
		/// also anchors the record (the writer's organisation holds the deposit until the
		/// patient deregisters).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::record_access())]
		pub fn record_access(
			origin: OriginFor<T>,
			patient: T::AccountId,
			category: StandardCategory,
			purpose: PurposeOfUse,
			action: Action,
			record_hash: Option<Hash32>,
		) -> DispatchResult {
			let accessor = ensure_signed(origin)?;
			Self::log_access(patient, accessor, category.into(), purpose, action, record_hash)
		}

		/// Remove an anchor of one of the caller's records: the organisation that anchored it
		/// gets its deposit back. The access-log entry that anchored it stays in the log's hash
		/// chain; only the on-chain anchor goes, so a provider cannot fill the patient's
		/// `MaxAnchorsPerPatient` for good.
		///
		/// Origin: the patient (fee-free). Complexity: O(1).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::remove_anchor())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, _h: &Hash32| -> bool {
			T::Patients::is_feeless_signer(origin.as_signer())
		})]
		pub fn remove_anchor(origin: OriginFor<T>, record_hash: Hash32) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			let anchor =
				RecordAnchors::<T>::take(&patient, record_hash).ok_or(Error::<T>::UnknownAnchor)?;
			AnchorCount::<T>::mutate_exists(&patient, |count| {
				*count = count.map(|c| c.saturating_sub(1)).filter(|c| *c > 0);
			});
			let organisation = anchor.organisation.clone();
			let deposit = Self::release_anchor_deposit(anchor);
			Self::deposit_event(Event::AnchorRemoved {
				patient,
				record_hash,
				organisation,
				deposit,
			});
			Ok(())
		}
		/// As [`grant`](Pallet::grant), with sensitive categories sealed: `sealed` holds the
		/// [`SEALED_TAGS`](carechain_primitives::sealed::SEALED_TAGS) tags of the scope (the
		/// sensitive categories covered, padded, strictly ascending) and the consent's salt
		/// sealed to the patient, the grantee and the data holder. `categories` are the standard
		/// ones covered in clear, and may be empty. The runtime checks the tags' order and the
		/// boxes' ephemeral keys, and never learns which sensitive categories are covered.
		///
		/// Origin: the patient or a guardian acting for them (fee-free). Complexity: O(1).
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::grant_sealed())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, _g: &T::AccountId, _c: &StandardCategoryList,
			_s: &SealedScope, _a: &ActionList, _p: &PurposeList, _e: &Moment| -> bool {
			T::Patients::is_feeless_signer(origin.as_signer())
		})]
		pub fn grant_sealed(
			origin: OriginFor<T>,
			grantee: T::AccountId,
			categories: StandardCategoryList,
			sealed: SealedScope,
			actions: ActionList,
			purposes: PurposeList,
			expires_at: Moment,
		) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			ensure!(T::Patients::is_patient(&patient), Error::<T>::NotRegistered);
			let scope = Scope::of(&categories, &actions, &purposes, Some(sealed));
			Self::grant_consent(&patient, &grantee, scope, expires_at, ConsentKind::Standard)
				.map(|_| ())
		}

		/// Log an access to a sensitive category of `patient`'s data, named by `tag`, the
		/// category's tag under the salt of a consent the caller opened: refused with
		/// `NoValidConsent` unless a consent of the caller (or its organisation) in force holds
		/// the tag and permits `action` for `purpose`. The entry (and a `Write`'s anchor) keeps
		/// the tag, never the category.
		///
		/// Origin: an active provider or its staff (the organisation pays). Complexity: O(1).
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::record_sealed_access())]
		pub fn record_sealed_access(
			origin: OriginFor<T>,
			patient: T::AccountId,
			tag: SealedTag,
			purpose: PurposeOfUse,
			action: Action,
			record_hash: Option<Hash32>,
		) -> DispatchResult {
			let accessor = ensure_signed(origin)?;
			let category = AccessedCategory::Sealed(tag);
			Self::log_access(patient, accessor, category, purpose, action, record_hash)
		}

		/// Break-glass over sealed categories: as
		/// [`emergency_access`](Pallet::emergency_access), with the sensitive categories the
		/// clinician needs sealed under a salt it chose, sealed to the patient's key (from the
		/// emergency card) and its own. The Council reviews it as any emergency access.
		///
		/// Origin: an active clinical provider or its staff. Complexity: O(1).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::emergency_access_sealed())]
		pub fn emergency_access_sealed(
			origin: OriginFor<T>,
			patient: T::AccountId,
			categories: StandardCategoryList,
			sealed: SealedScope,
			justification_hash: Hash32,
		) -> DispatchResult {
			let accessor = ensure_signed(origin)?;
			Self::break_glass(accessor, patient, &categories, Some(sealed), justification_hash)
		}

		/// As [`request_access`](Pallet::request_access), asking for sensitive categories too,
		/// sealed: `sealed` holds their tags under a salt the requester chose, and that salt
		/// sealed to the patient (the key the patient gave its data holder), the requester and
		/// the data holder. Approving makes it the consent's sealed scope. The runtime checks
		/// the tags' order and the boxes' ephemeral keys, and never learns what is asked for.
		///
		/// Origin: an active provider or its staff (the organisation pays). Complexity: O(1).
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::request_access_sealed())]
		#[allow(clippy::too_many_arguments)]
		pub fn request_access_sealed(
			origin: OriginFor<T>,
			patient: T::AccountId,
			categories: StandardCategoryList,
			sealed: SealedScope,
			actions: ActionList,
			purposes: PurposeList,
			duration_ms: Moment,
			justification_hash: Hash32,
		) -> DispatchResult {
			let requester = ensure_signed(origin)?;
			let scope = Scope::of(&categories, &actions, &purposes, Some(sealed));
			Self::request(requester, patient, scope, duration_ms, justification_hash)
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Whether `accessor` may do `action` on `patient`'s `category` data for `purpose` now: a
	/// category in clear, or a sensitive one by its tag under the salt of one of the accessor's
	/// consents.
	pub fn check_access(
		patient: &T::AccountId,
		accessor: &T::AccountId,
		category: &AccessedCategory,
		action: Action,
		purpose: PurposeOfUse,
	) -> AccessDecision {
		let now = T::Time::now();
		match Self::evaluate_access(patient, accessor, category, action, purpose, now) {
			Ok(permit) => AccessDecision::Permit {
				consent_id: permit.consent_id,
				expires_at: permit.expires_at,
			},
			Err(reason) => AccessDecision::Deny(reason),
		}
	}

	/// The access check: the consent that permits, or the reason for a deny. Reads the
	/// patient, the accessor's standing and at most two index entries. Only consents granted
	/// under the accessor's current registration count.
	fn evaluate_access(
		patient: &T::AccountId,
		accessor: &T::AccountId,
		category: &AccessedCategory,
		action: Action,
		purpose: PurposeOfUse,
		now: Moment,
	) -> Result<Permit<T::AccountId>, DenyReason> {
		if !T::Patients::is_patient(patient) {
			return Err(DenyReason::NotRegistered);
		}
		let (_, organisation, registration) =
			T::Providers::active_registration(accessor).ok_or(DenyReason::AccessorNotActive)?;
		let own = ConsentsByPair::<T>::get(patient, accessor);
		let via_organisation = if &organisation == accessor {
			BoundedVec::new()
		} else {
			ConsentsByPair::<T>::get(patient, &organisation)
		};
		let mut nearest = DenyReason::NoConsent;
		// A consent granted under another registration (an earlier employer of a staff member,
		// an earlier registration of the provider) permits nothing.
		let current = |terms: &&ConsentTerms| terms.registration == registration;
		for terms in own.iter().chain(via_organisation.iter()).filter(current) {
			match terms.permits(category, action, purpose, now) {
				Ok(()) => {
					return Ok(Permit {
						consent_id: terms.id,
						expires_at: terms.expires_at,
						organisation,
					})
				},
				Err(reason) => nearest = nearest.max(reason),
			}
		}
		Err(nearest)
	}

	/// The consent `id` as clients see it (status `Expired` once its expiry has passed).
	pub fn consent(id: ConsentId) -> Option<Consent<T::AccountId>> {
		let (patient, grantee) = ConsentParties::<T>::get(id)?;
		let terms = Self::terms(&patient, &grantee, id)?;
		Some(Self::view(patient, grantee, &terms, T::Time::now()))
	}

	/// The stored consents of `patient`, by id.
	pub fn consents_by_patient(patient: &T::AccountId) -> Vec<(ConsentId, Consent<T::AccountId>)> {
		let now = T::Time::now();
		let mut consents: Vec<_> = ConsentsByPair::<T>::iter_prefix(patient)
			.flat_map(|(grantee, pair)| {
				pair.into_iter()
					.map(|terms| {
						(terms.id, Self::view(patient.clone(), grantee.clone(), &terms, now))
					})
					.collect::<Vec<_>>()
			})
			.collect();
		consents.sort_by_key(|(id, _)| *id);
		consents
	}

	/// How many consents since genesis have named `grantee` (its listing's length).
	pub fn grantee_listing_length(grantee: &T::AccountId) -> u64 {
		GranteeListings::<T>::get(grantee)
	}

	/// How many consents genesis granted (ids `0 .. genesis_consents()`, in no listing).
	pub fn genesis_consents() -> ConsentId {
		GenesisConsents::<T>::get()
	}

	/// Those of the consents `ids` that are stored and name `grantee`, by id, each once.
	pub fn consents_listed(
		grantee: &T::AccountId,
		mut ids: Vec<ConsentId>,
	) -> Vec<(ConsentId, Consent<T::AccountId>)> {
		ids.sort_unstable();
		ids.dedup();
		ids.into_iter()
			.filter(|id| ConsentParties::<T>::get(id).is_some_and(|(_, named)| &named == grantee))
			.filter_map(|id| Some((id, Self::consent(id)?)))
			.collect()
	}

	/// The count and hash-chain head of `patient`'s access log.
	pub fn access_log_head(patient: &T::AccountId) -> AccessLogHead {
		AccessLogs::<T>::get(patient)
	}

	/// The requests waiting for `patient`'s answer, oldest first.
	pub fn pending_requests_of(
		patient: &T::AccountId,
	) -> Vec<(RequestId, AccessRequest<T::AccountId>)> {
		PendingRequests::<T>::get(patient)
			.into_iter()
			.filter_map(|id| Requests::<T>::get(id).map(|request| (id, request)))
			.collect()
	}

	/// The sealed scope of the pending request `request_id`, if it asks for sensitive
	/// categories (sealed).
	pub fn sealed_request_scope(request_id: RequestId) -> Option<SealedScope> {
		SealedRequests::<T>::get(request_id)
	}

	/// The anchor of `patient`'s record `record_hash`, if anchored.
	pub fn record_anchor(
		patient: &T::AccountId,
		record_hash: &Hash32,
	) -> Option<RecordAnchorViewOf<T>> {
		RecordAnchors::<T>::get(patient, record_hash).map(|anchor| RecordAnchor {
			writer: anchor.writer,
			organisation: anchor.organisation,
			category: anchor.category,
			anchored_at: anchor.anchored_at,
			deposit: anchor.deposit.held(),
		})
	}

	/// What a record anchor's deposit pays for: the bytes it stores, key included.
	pub fn anchor_footprint() -> Footprint {
		// Two hashed-key segments (16-byte hash + key) plus the 32-byte map prefix.
		let key = (32 + 2 * 16usize)
			.saturating_add(T::AccountId::max_encoded_len())
			.saturating_add(Hash32::max_encoded_len());
		footprint_of(key.saturating_add(RecordAnchorOf::<T>::max_encoded_len()))
	}

	/// Logs an access permitted now to `patient`'s log (and anchors a `Write`'s record):
	/// what `record_access` and `record_sealed_access` do once the category is known.
	fn log_access(
		patient: T::AccountId,
		accessor: T::AccountId,
		category: AccessedCategory,
		purpose: PurposeOfUse,
		action: Action,
		record_hash: Option<Hash32>,
	) -> DispatchResult {
		let now = T::Time::now();
		let Permit { consent_id, organisation, .. } =
			Self::evaluate_access(&patient, &accessor, &category, action, purpose, now)
				.map_err(|_| Error::<T>::NoValidConsent)?;
		if let (Action::Write, Some(record_hash)) = (action, record_hash) {
			Self::anchor_record(&patient, record_hash, &accessor, &organisation, category, now)?;
		}
		let entry = AccessEntry {
			accessor,
			organisation,
			category,
			purpose,
			action,
			consent_id,
			time: now,
			record_hash,
		};
		let (accessor, organisation) = (entry.accessor.clone(), entry.organisation.clone());
		let index = Self::append_to_log(&patient, entry);
		Self::deposit_event(Event::AccessRecorded {
			patient,
			index,
			accessor,
			organisation,
			consent_id,
		});
		Ok(())
	}

	/// A request of `requester` to `patient`: what `request_access` and `request_access_sealed`
	/// do.
	fn request(
		requester: T::AccountId,
		patient: T::AccountId,
		scope: Scope,
		duration_ms: Moment,
		justification_hash: Hash32,
	) -> DispatchResult {
		let (_, organisation) =
			T::Providers::active_provider(&requester).ok_or(Error::<T>::NotAProvider)?;
		ensure!(T::Patients::is_patient(&patient), Error::<T>::NotRegistered);
		Self::check_scope(&scope)?;
		ensure!(
			duration_ms > 0 && duration_ms <= T::MaxConsentDuration::get(),
			Error::<T>::DurationOutOfRange
		);
		let from_organisation = PendingRequestsFrom::<T>::get(&patient, &organisation);
		ensure!(
			from_organisation < T::MaxPendingRequestsPerOrganisation::get(),
			Error::<T>::TooManyRequestsFromOrganisation
		);
		let request_id = NextRequestId::<T>::get();
		PendingRequests::<T>::try_mutate(&patient, |pending| {
			pending.try_push(request_id).map_err(|_| Error::<T>::TooManyPendingRequests)
		})?;
		PendingRequestsFrom::<T>::insert(
			&patient,
			&organisation,
			from_organisation.saturating_add(1),
		);
		NextRequestId::<T>::put(request_id.saturating_add(1));
		let lapses_at = T::Time::now().saturating_add(T::RequestTtl::get());
		let Scope { categories, actions, purposes, sealed } = scope;
		Requests::<T>::insert(
			request_id,
			AccessRequest {
				patient: patient.clone(),
				requester: requester.clone(),
				organisation,
				categories,
				actions,
				purposes,
				duration_ms,
				justification_hash,
				lapses_at,
			},
		);
		if let Some(sealed) = sealed {
			SealedRequests::<T>::insert(request_id, sealed);
		}
		Self::enqueue(lapses_at, Expiring::Request(request_id));
		Self::deposit_event(Event::AccessRequested { request_id, patient, requester });
		Ok(())
	}

	/// Break-glass: what `emergency_access` and `emergency_access_sealed` do.
	fn break_glass(
		accessor: T::AccountId,
		patient: T::AccountId,
		categories: &StandardCategoryList,
		sealed: Option<SealedScope>,
		justification_hash: Hash32,
	) -> DispatchResult {
		let (kind, organisation, registration) =
			T::Providers::active_registration(&accessor).ok_or(Error::<T>::NotAProvider)?;
		ensure!(kind.is_clinical(), Error::<T>::NotClinical);
		ensure!(T::Patients::is_patient(&patient), Error::<T>::NotRegistered);
		ensure!(
			T::Patients::emergency_access_allowed(&patient),
			Error::<T>::EmergencyAccessOptedOut
		);
		let scope = Scope {
			categories: DataCategories::from_standard_list(categories),
			actions: Action::Read.into(),
			purposes: PurposeOfUse::EmergencyTreatment.into(),
			sealed,
		};
		Self::check_categories(&scope)?;
		let now = T::Time::now();
		let expires_at = now.saturating_add(Self::emergency_window());
		let bond = T::EmergencyBond::get();
		// Checked before anything is written, so that a refused bond changes nothing.
		ensure!(
			T::Currency::can_hold(&HoldReason::EmergencyBond.into(), &organisation, bond),
			Error::<T>::InsufficientBond
		);
		let consent_id = Self::store_consent(
			&patient,
			(&accessor, registration),
			scope,
			expires_at,
			ConsentKind::Emergency,
		)?;
		EmergencyAccesses::<T>::insert(
			consent_id,
			EmergencyAccess {
				patient: patient.clone(),
				accessor: accessor.clone(),
				organisation: organisation.clone(),
				justification_hash,
				invoked_at: now,
				bond,
			},
		);
		T::Currency::hold(&HoldReason::EmergencyBond.into(), &organisation, bond)
			.map_err(|_| Error::<T>::InsufficientBond)?;
		OpenEmergencyReviews::<T>::mutate(&organisation, |open| *open = open.saturating_add(1));
		Self::deposit_event(Event::EmergencyAccessInvoked {
			consent_id,
			patient,
			accessor,
			organisation,
		});
		Ok(())
	}

	/// The emergency access window, never more than a day.
	pub fn emergency_window() -> Moment {
		T::EmergencyAccessWindow::get().min(DAY_MS)
	}

	/// Checks a scope's categories: the ones in clear known and standard (a sensitive
	/// category is only ever sealed), some category covered (in clear, or a sealed scope, which
	/// may cover sensitive ones), and a sealed scope well formed.
	fn check_categories(scope: &Scope) -> DispatchResult {
		let Scope { categories, sealed, .. } = scope;
		ensure!(
			categories.is_known()
				&& !categories.has_sensitive()
				&& (!categories.is_empty() || sealed.is_some()),
			Error::<T>::InvalidCategories
		);
		if let Some(sealed) = sealed {
			sealed.check_well_formed().map_err(|malformed| match malformed {
				MalformedScope::TagsNotCanonical => Error::<T>::TagsNotCanonical,
				MalformedScope::MalformedSealedSalt => Error::<T>::MalformedSealedSalt,
			})?;
		}
		Ok(())
	}

	/// Checks a scope a patient may grant: its categories (see [`Self::check_categories`]),
	/// some known actions and purposes, no `ETREAT`.
	fn check_scope(scope: &Scope) -> DispatchResult {
		Self::check_categories(scope)?;
		let Scope { actions, purposes, .. } = *scope;
		ensure!(!actions.is_empty() && actions.is_known(), Error::<T>::InvalidActions);
		ensure!(!purposes.is_empty() && purposes.is_known(), Error::<T>::InvalidPurposes);
		ensure!(
			!purposes.contains(PurposeOfUse::EmergencyTreatment),
			Error::<T>::EmergencyPurposeNotGrantable
		);
		Ok(())
	}

	/// Checks that `expires_at` is after `now` and at most `MaxConsentDuration` from it.
	fn check_expiry(now: Moment, expires_at: Moment) -> DispatchResult {
		ensure!(expires_at > now, Error::<T>::ExpiryInPast);
		ensure!(
			expires_at <= now.saturating_add(T::MaxConsentDuration::get()),
			Error::<T>::ExpiryTooFar
		);
		Ok(())
	}

	/// Validates and stores a consent of `patient` (already known to be registered) for
	/// `grantee`.
	fn grant_consent(
		patient: &T::AccountId,
		grantee: &T::AccountId,
		scope: Scope,
		expires_at: Moment,
		kind: ConsentKind,
	) -> Result<ConsentId, DispatchError> {
		let registration = Self::check_grant(patient, grantee, &scope, expires_at, kind)?;
		Self::store_consent(patient, (grantee, registration), scope, expires_at, kind)
	}

	/// Everything a grant of `kind` is checked for before it is stored: an active grantee, a
	/// grantable scope, the expiry, room in the patient's budget. Returns the registration the
	/// grantee acts under, which the consent is bound to.
	fn check_grant(
		patient: &T::AccountId,
		grantee: &T::AccountId,
		scope: &Scope,
		expires_at: Moment,
		kind: ConsentKind,
	) -> Result<RegistrationId, DispatchError> {
		let (_, _, registration) =
			T::Providers::active_registration(grantee).ok_or(Error::<T>::GranteeNotActive)?;
		Self::check_scope(scope)?;
		let now = T::Time::now();
		match kind {
			// A study's protocol sets how long its data is used; the patient enrols knowing it.
			// So does a coverage's period and filing limit; the member accepts knowing it.
			ConsentKind::Research(_) | ConsentKind::Billing(_) => {
				ensure!(expires_at > now, Error::<T>::ExpiryInPast)
			},
			_ => Self::check_expiry(now, expires_at)?,
		}
		ensure!(Self::count_of(patient, kind) < Self::limit_of(kind), Self::too_many(kind));
		Self::check_guardianship(patient, expires_at)?;
		Ok(registration)
	}

	/// Whether a guardian is acting for `patient` (then `expires_at` must end within the
	/// guardianship, else `OutlastsGuardianship`).
	fn check_guardianship(
		patient: &T::AccountId,
		expires_at: Moment,
	) -> Result<bool, DispatchError> {
		match T::Patients::acting_guardian(patient) {
			Some(act) => {
				ensure!(act.covers(expires_at), Error::<T>::OutlastsGuardianship);
				Ok(true)
			},
			None => Ok(false),
		}
	}

	/// The checks of a patient's fee-free call that a few reads can make, run by the patient
	/// identity pallet's `CountFeelessCalls` before the call enters the pool: the call would
	/// fail on them in the block. Worst case: `renew` of the last consent of a full pair.
	pub fn precheck_feeless(patient: &T::AccountId, call: &Call<T>) -> DispatchResult {
		let now = T::Time::now();
		match call {
			Call::grant { grantee, categories, actions, purposes, expires_at } => {
				let scope = Scope::of(categories, actions, purposes, None);
				Self::check_grant(patient, grantee, &scope, *expires_at, ConsentKind::Standard)
					.map(|_| ())
			},
			Call::grant_sealed { grantee, categories, sealed, actions, purposes, expires_at } => {
				let scope = Scope::of(categories, actions, purposes, Some(sealed.clone()));
				Self::check_grant(patient, grantee, &scope, *expires_at, ConsentKind::Standard)
					.map(|_| ())
			},
			Call::revoke { consent_id } => {
				Self::check_in_force(&Self::owned_terms(patient, *consent_id)?, now)
			},
			Call::renew { consent_id, expires_at } => {
				Self::check_expiry(now, *expires_at)?;
				Self::check_renewable(&Self::owned_terms(patient, *consent_id)?, now)
			},
			Call::approve_request { request_id } => {
				let request = Self::pending_request_of(patient, *request_id)?;
				ensure!(now < request.lapses_at, Error::<T>::RequestLapsed);
				Ok(())
			},
			Call::deny_request { request_id } => {
				Self::pending_request_of(patient, *request_id).map(|_| ())
			},
			Call::remove_anchor { record_hash } => {
				ensure!(
					RecordAnchors::<T>::contains_key(patient, record_hash),
					Error::<T>::UnknownAnchor
				);
				Ok(())
			},
			_ => Ok(()),
		}
	}

	/// Stores a consent for `grantee`, bound to the `registration` it acts under, with its
	/// indexes, queues its expiry and emits `ConsentGranted`. Checks only the storage bounds;
	/// nothing is written if they are exceeded.
	fn store_consent(
		patient: &T::AccountId,
		(grantee, registration): (&T::AccountId, RegistrationId),
		Scope { categories, actions, purposes, sealed }: Scope,
		expires_at: Moment,
		kind: ConsentKind,
	) -> Result<ConsentId, DispatchError> {
		let count = Self::count_of(patient, kind);
		ensure!(count < Self::limit_of(kind), Self::too_many(kind));
		let consent_id = NextConsentId::<T>::get();
		let by_guardian = T::Patients::acting_guardian(patient).is_some();
		let terms = ConsentTerms {
			id: consent_id,
			categories,
			actions,
			purposes,
			created_at: T::Time::now(),
			expires_at,
			status: ConsentStatus::Active,
			kind,
			by_guardian,
			registration,
			sealed_tags: sealed.as_ref().map(|sealed| sealed.tags),
		};
		ConsentsByPair::<T>::try_mutate(patient, grantee, |pair| {
			pair.try_push(terms).map_err(|_| Error::<T>::TooManyConsentsForGrantee)
		})?;
		if let Some(SealedScope { salts, .. }) = sealed {
			SealedSalts::<T>::insert(consent_id, salts);
		}
		NextConsentId::<T>::put(consent_id.saturating_add(1));
		Self::set_count(patient, kind, count.saturating_add(1));
		ConsentParties::<T>::insert(consent_id, (patient.clone(), grantee.clone()));
		Self::list_for_grantee(grantee, consent_id);
		Self::enqueue(expires_at, Expiring::Consent(consent_id));
		Self::deposit_event(Event::ConsentGranted {
			consent_id,
			patient: patient.clone(),
			grantee: grantee.clone(),
			kind,
		});
		Ok(consent_id)
	}

	/// How many consents of `kind`'s budget `patient` holds: emergency consents have a budget
	/// of their own, so that providers cannot fill the patient's.
	fn count_of(patient: &T::AccountId, kind: ConsentKind) -> u32 {
		match kind {
			ConsentKind::Emergency => EmergencyConsentCount::<T>::get(patient),
			_ => ConsentCount::<T>::get(patient),
		}
	}

	/// The most consents of `kind`'s budget a patient may hold.
	fn limit_of(kind: ConsentKind) -> u32 {
		match kind {
			ConsentKind::Emergency => T::MaxEmergencyConsentsPerPatient::get(),
			_ => T::MaxConsentsPerPatient::get(),
		}
	}

	/// The error when `kind`'s budget is full.
	fn too_many(kind: ConsentKind) -> Error<T> {
		match kind {
			ConsentKind::Emergency => Error::<T>::TooManyEmergencyAccesses,
			_ => Error::<T>::TooManyConsents,
		}
	}

	/// Stores `count` for `kind`'s budget of `patient`; zero removes the entry.
	pub(crate) fn set_count(patient: &T::AccountId, kind: ConsentKind, count: u32) {
		match (kind, count) {
			(ConsentKind::Emergency, 0) => EmergencyConsentCount::<T>::remove(patient),
			(ConsentKind::Emergency, _) => EmergencyConsentCount::<T>::insert(patient, count),
			(_, 0) => ConsentCount::<T>::remove(patient),
			(_, _) => ConsentCount::<T>::insert(patient, count),
		}
	}

	/// Revokes consent `consent_id` of `patient`, effective at once.
	fn revoke_consent_of(patient: &T::AccountId, consent_id: ConsentId) -> DispatchResult {
		let now = T::Time::now();
		Self::mutate_terms(patient, consent_id, |terms| {
			Self::check_in_force(terms, now)?;
			terms.status = ConsentStatus::Revoked;
			Ok(())
		})?;
		Self::deposit_event(Event::ConsentRevoked { consent_id, patient: patient.clone() });
		Ok(())
	}

	/// Whether a consent is active and unexpired at `now`.
	fn is_in_force(terms: &ConsentTerms, now: Moment) -> bool {
		terms.status == ConsentStatus::Active && now < terms.expires_at
	}

	/// `NotActive` unless the consent is in force at `now` (what revoking needs).
	fn check_in_force(terms: &ConsentTerms, now: Moment) -> DispatchResult {
		ensure!(Self::is_in_force(terms, now), Error::<T>::NotActive);
		Ok(())
	}

	/// What renewing needs: a standard or request consent, in force at `now`.
	fn check_renewable(terms: &ConsentTerms, now: Moment) -> DispatchResult {
		ensure!(
			matches!(terms.kind, ConsentKind::Standard | ConsentKind::Request(_)),
			Error::<T>::NotRenewable
		);
		Self::check_in_force(terms, now)
	}

	/// The terms of `patient`'s consent `consent_id`: `UnknownConsent`, or `NotYours` if it is
	/// another patient's.
	fn owned_terms(
		patient: &T::AccountId,
		consent_id: ConsentId,
	) -> Result<ConsentTerms, DispatchError> {
		let (owner, grantee) =
			ConsentParties::<T>::get(consent_id).ok_or(Error::<T>::UnknownConsent)?;
		ensure!(&owner == patient, Error::<T>::NotYours);
		Self::terms(&owner, &grantee, consent_id).ok_or_else(|| Error::<T>::UnknownConsent.into())
	}

	/// Applies `f` to the terms of `patient`'s consent `consent_id`; nothing is written if it
	/// fails.
	fn mutate_terms<R>(
		patient: &T::AccountId,
		consent_id: ConsentId,
		f: impl FnOnce(&mut ConsentTerms) -> Result<R, DispatchError>,
	) -> Result<R, DispatchError> {
		let (owner, grantee) =
			ConsentParties::<T>::get(consent_id).ok_or(Error::<T>::UnknownConsent)?;
		ensure!(&owner == patient, Error::<T>::NotYours);
		ConsentsByPair::<T>::try_mutate(&owner, &grantee, |pair| {
			let terms = pair
				.iter_mut()
				.find(|terms| terms.id == consent_id)
				.ok_or(Error::<T>::UnknownConsent)?;
			f(terms)
		})
	}

	/// The terms of consent `id` in the `(patient, grantee)` index.
	fn terms(
		patient: &T::AccountId,
		grantee: &T::AccountId,
		id: ConsentId,
	) -> Option<ConsentTerms> {
		ConsentsByPair::<T>::get(patient, grantee).into_iter().find(|terms| terms.id == id)
	}

	/// A consent as clients see it, with its salt's boxes if it is sealed.
	fn view(
		patient: T::AccountId,
		grantee: T::AccountId,
		terms: &ConsentTerms,
		now: Moment,
	) -> Consent<T::AccountId> {
		let salts = terms.sealed_tags.and_then(|_| SealedSalts::<T>::get(terms.id));
		let mut consent = terms.to_consent(patient, grantee, salts);
		consent.status = consent.status_at(now);
		consent
	}

	/// The pending request `request_id` of `patient`.
	fn pending_request_of(
		patient: &T::AccountId,
		request_id: RequestId,
	) -> Result<AccessRequest<T::AccountId>, DispatchError> {
		let request = Requests::<T>::get(request_id).ok_or(Error::<T>::UnknownRequest)?;
		ensure!(&request.patient == patient, Error::<T>::NotYours);
		Ok(request)
	}

	/// Removes a request and its place in the patient's pending list; its expiry-queue entry
	/// is passed over when its bucket is cleaned.
	pub(crate) fn forget_request(request_id: RequestId, request: &AccessRequest<T::AccountId>) {
		Requests::<T>::remove(request_id);
		SealedRequests::<T>::remove(request_id);
		PendingRequestsFrom::<T>::mutate_exists(&request.patient, &request.organisation, |count| {
			*count = count.map(|c| c.saturating_sub(1)).filter(|c| *c > 0);
		});
		PendingRequests::<T>::mutate_exists(&request.patient, |pending| {
			if let Some(list) = pending {
				list.retain(|id| *id != request_id);
				if list.is_empty() {
					*pending = None;
				}
			}
		});
	}

	/// Returns a removed anchor's deposit to the organisation that held it; the amount.
	pub(crate) fn release_anchor_deposit(anchor: RecordAnchorOf<T>) -> BalanceOf<T> {
		let amount = anchor.deposit.held();
		let released = anchor.deposit.drop(&anchor.organisation);
		debug_assert!(released.is_ok(), "releasing a recorded deposit cannot fail");
		amount
	}

	/// Anchors `record_hash` of `patient`, holding the deposit from `organisation`.
	fn anchor_record(
		patient: &T::AccountId,
		record_hash: Hash32,
		writer: &T::AccountId,
		organisation: &T::AccountId,
		category: AccessedCategory,
		now: Moment,
	) -> DispatchResult {
		ensure!(
			!RecordAnchors::<T>::contains_key(patient, record_hash),
			Error::<T>::RecordAlreadyAnchored
		);
		let count = AnchorCount::<T>::get(patient);
		ensure!(count < T::MaxAnchorsPerPatient::get(), Error::<T>::TooManyAnchors);
		let deposit = T::AnchorDeposit::new(organisation, Self::anchor_footprint())
			.map_err(|_| Error::<T>::InsufficientDeposit)?;
		let amount = deposit.held();
		AnchorCount::<T>::insert(patient, count.saturating_add(1));
		RecordAnchors::<T>::insert(
			patient,
			record_hash,
			RecordAnchor {
				writer: writer.clone(),
				organisation: organisation.clone(),
				category,
				anchored_at: now,
				deposit,
			},
		);
		Self::deposit_event(Event::RecordAnchored {
			patient: patient.clone(),
			record_hash,
			organisation: organisation.clone(),
			deposit: amount,
		});
		Ok(())
	}

	/// Adds `consent_id` to `grantee`'s listing in the off-chain index.
	pub(crate) fn list_for_grantee(grantee: &T::AccountId, consent_id: ConsentId) {
		let n = GranteeListings::<T>::mutate(grantee, |length| {
			let n = *length;
			*length = length.saturating_add(1);
			n
		});
		sp_io::offchain_index::set(&grantee_listing_key(grantee, n), &consent_id.encode());
	}

	/// Appends `entry` to `patient`'s log: the count and the hash chain's head in state, the
	/// entry with the head before it in the off-chain index. Returns the entry's index.
	fn append_to_log(patient: &T::AccountId, entry: AccessEntry<T::AccountId>) -> u64 {
		AccessLogs::<T>::mutate(patient, |log| {
			let index = log.count;
			let previous = log.head;
			log.count = log.count.saturating_add(1);
			log.head = Self::chain(&previous, &entry);
			let indexed = IndexedAccessEntry { previous: Some(previous), entry };
			sp_io::offchain_index::set(&access_log_entry_key(patient, index), &indexed.encode());
			index
		})
	}

	/// The next head of a hash chain: `blake2_256(head ++ SCALE(entry))`.
	pub fn chain(head: &Hash32, entry: &AccessEntry<T::AccountId>) -> Hash32 {
		carechain_primitives::next_log_head(head, entry)
	}
}

impl ConsentTerms {
	/// The full consent, given its two parties and, for a sealed one, its salt's boxes.
	pub fn to_consent<AccountId>(
		&self,
		patient: AccountId,
		grantee: AccountId,
		salts: Option<[SealedSalt; SEALED_SALT_BOXES]>,
	) -> Consent<AccountId> {
		Consent {
			patient,
			grantee,
			categories: self.categories,
			sealed: self.sealed_tags.zip(salts).map(|(tags, salts)| SealedScope { tags, salts }),
			actions: self.actions,
			purposes: self.purposes,
			created_at: self.created_at,
			expires_at: self.expires_at,
			status: self.status,
			kind: self.kind,
			by_guardian: self.by_guardian,
		}
	}

	/// Whether these terms permit `action` on `category` for `purpose` at `now` (see
	/// [`Consent::permits`]).
	pub fn permits(
		&self,
		category: &AccessedCategory,
		action: Action,
		purpose: PurposeOfUse,
		now: Moment,
	) -> Result<(), DenyReason> {
		let tags = self.sealed_tags.as_ref().map(|tags| &tags[..]);
		decide(
			self.status.at(self.expires_at, now),
			covers(self.categories, tags, category),
			(self.actions, action),
			(self.purposes, purpose),
		)
	}
}

impl<T: Config> ConsentManager<T::AccountId> for Pallet<T> {
	fn grant_research_consent(
		patient: &T::AccountId,
		institute: &T::AccountId,
		study: StudyId,
		categories: DataCategories,
		sealed: Option<SealedScope>,
		expires_at: Moment,
	) -> Result<ConsentId, DispatchError> {
		ensure!(T::Patients::is_patient(patient), Error::<T>::NotRegistered);
		let scope = Scope {
			categories,
			actions: Action::Read.into(),
			purposes: PurposeOfUse::Research.into(),
			sealed,
		};
		Self::grant_consent(patient, institute, scope, expires_at, ConsentKind::Research(study))
	}

	fn grant_billing_consent(
		patient: &T::AccountId,
		insurer: &T::AccountId,
		coverage: CoverageId,
		expires_at: Moment,
	) -> Result<ConsentId, DispatchError> {
		ensure!(T::Patients::is_patient(patient), Error::<T>::NotRegistered);
		let scope = Scope {
			categories: DataCategory::Billing.into(),
			actions: Action::Read.into(),
			purposes: PurposeOfUse::Payment.into(),
			sealed: None,
		};
		Self::grant_consent(patient, insurer, scope, expires_at, ConsentKind::Billing(coverage))
	}

	fn permits(
		patient: &T::AccountId,
		accessor: &T::AccountId,
		category: DataCategory,
		action: Action,
		purpose: PurposeOfUse,
	) -> bool {
		let category = AccessedCategory::from(category);
		let now = T::Time::now();
		Self::evaluate_access(patient, accessor, &category, action, purpose, now).is_ok()
	}

	fn revoke_consent(patient: &T::AccountId, id: ConsentId) -> DispatchResult {
		Self::revoke_consent_of(patient, id)
	}

	fn anchor(patient: &T::AccountId, record_hash: &Hash32) -> Option<(T::AccountId, Moment)> {
		RecordAnchors::<T>::get(patient, record_hash)
			.map(|anchor| (anchor.organisation, anchor.anchored_at))
	}

	fn grant_weight() -> Weight {
		T::WeightInfo::grant().max(T::WeightInfo::grant_sealed())
	}

	fn revoke_weight() -> Weight {
		T::WeightInfo::revoke()
	}

	fn check_weight() -> Weight {
		// The check reads what logging an access reads, and writes nothing.
		T::WeightInfo::record_access()
	}
}

impl<T: Config> EmergencyReviews<T::AccountId> for Pallet<T> {
	fn open_reviews(organisation: &T::AccountId) -> u32 {
		OpenEmergencyReviews::<T>::get(organisation)
	}
}

impl<T: Config> OnPatientDeregistered<T::AccountId> for Pallet<T> {
	fn on_patient_deregistered(patient: &T::AccountId) -> Weight {
		Self::erase_patient(patient)
	}

	fn max_weight() -> Weight {
		T::WeightInfo::erase_patient(
			T::MaxConsentsPerPatient::get(),
			T::MaxAnchorsPerPatient::get(),
		)
	}
}
