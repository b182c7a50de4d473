//! Runtime APIs that clients call (polkadot.js `api.call.*`, the node's custom RPC).

use codec::Codec;

use alloc::vec::Vec;

use crate::claim::{Claim, ClaimId, Coverage, CoverageId, ExplanationOfBenefit, ServiceMismatch};
use crate::sealed::{EncryptionKey, SealedScope, SealedTag, SEALED_TAGS};
use crate::{
	study::{Enrollment, Study},
	trace::{Day, PackId, PackProof, TraceVerdict},
	AccessDecision, AccessLogHead, AccessRequest, Action, Consent, ConsentId, DataCategory, Hash32,
	PatientView, ProviderView, PurposeOfUse, RecordAnchor, RequestId, StudyId,
};

sp_api::decl_runtime_apis! {
	/// Reads of the provider registry. Version 2 adds `encryption_key`.
	#[api_version(2)]
	pub trait ProviderRegistryApi<AccountId, Balance>
	where
		AccountId: Codec,
		Balance: Codec,
	{
		/// The registration of `account`, or for a staff member their organisation's registration
		/// and standing; `None` if the account is neither.
		fn provider(account: AccountId) -> Option<ProviderView<AccountId, Balance>>;

		/// The X25519 key consent salts for `account` are sealed to: its own as a provider, its
		/// organisation's as a staff member; `None` if it is neither or published none.
		#[api_version(2)]
		fn encryption_key(account: AccountId) -> Option<EncryptionKey>;
	}
}

sp_api::decl_runtime_apis! {
	/// Reads of the patient registry. Version 2 adds `patient`.
	#[api_version(2)]
	pub trait PatientIdentityApi<AccountId>
	where
		AccountId: Codec,
	{
		/// Whether `account` is a guardian of `patient` whose appointment has not ended.
		fn is_guardian(patient: AccountId, account: AccountId) -> bool;

		/// The registration of `patient` as the patient reads it, or `None` if not registered.
		#[api_version(2)]
		fn patient(patient: AccountId) -> Option<PatientView<AccountId>>;
	}
}

sp_api::decl_runtime_apis! {
	/// Consent checks and reads of the consent pallet (SPEC 3.3). Version 2 adds
	/// `pending_requests`; version 3 (sealed scopes) adds `check_sealed_access`, and a consent
	/// carries its sealed scope; version 4 adds `sealed_request_scope`; version 5 moves the
	/// access log's entries to the node's off-chain index (`access_log_head` replaces
	/// `access_log`); version 6 (which the runtime implements) moves the by-grantee index there
	/// too (`grantee_listing_length` and `consents_listed` replace `consents_by_grantee`).
	#[api_version(2)]
	pub trait ConsentApi<AccountId, Balance>
	where
		AccountId: Codec,
		Balance: Codec,
	{
		/// Whether `accessor` may do `action` on `patient`'s `category` data for `purpose` now:
		/// the permitting consent and its expiry, or the reason for a deny.
		fn check_access(
			patient: AccountId,
			accessor: AccountId,
			category: DataCategory,
			action: Action,
			purpose: PurposeOfUse,
		) -> AccessDecision;

		/// Whether `accessor` may do `action` for `purpose` now on the sensitive category of
		/// `patient`'s data that `tag` stands for under the salt of one of its consents: the
		/// permitting consent, or the reason for a deny. The node learns the tag, never the
		/// category.
		#[api_version(3)]
		fn check_sealed_access(
			patient: AccountId,
			accessor: AccountId,
			tag: SealedTag,
			action: Action,
			purpose: PurposeOfUse,
		) -> AccessDecision;

		/// The consent `id` (status `Expired` once its expiry has passed), if stored.
		fn consent(id: ConsentId) -> Option<Consent<AccountId>>;

		/// The stored consents of `patient`, by id.
		fn consents_by_patient(patient: AccountId) -> Vec<(ConsentId, Consent<AccountId>)>;

		/// How many consents since genesis have named `grantee`: the length of its listing in
		/// the node's off-chain index (`grantee_listing_key`).
		#[api_version(6)]
		fn grantee_listing_length(grantee: AccountId) -> u64;

		/// How many consents the chain's genesis granted: ids `0 .. genesis_consents()`, which
		/// are in no listing (nothing genesis writes to the off-chain index reaches a node's).
		#[api_version(6)]
		fn genesis_consents() -> ConsentId;

		/// Those of the consents `ids` that are stored and name `grantee`, by id. It replaces
		/// version 5's `consents_by_grantee`: the by-grantee index left state for the off-chain
		/// index, which gives the ids.
		#[api_version(6)]
		fn consents_listed(
			grantee: AccountId,
			ids: Vec<ConsentId>,
		) -> Vec<(ConsentId, Consent<AccountId>)>;

		/// The count and hash-chain head of `patient`'s access log (zero for a patient never
		/// accessed); the entries are in the node's off-chain index. It replaces version 4's
		/// `access_log`, which also gave the last entries kept in state.
		#[api_version(5)]
		fn access_log_head(patient: AccountId) -> AccessLogHead;

		/// The anchor of the record `record_hash` of `patient`, if anchored.
		fn record_anchor(
			patient: AccountId,
			record_hash: Hash32,
		) -> Option<RecordAnchor<AccountId, Balance>>;

		/// The requests waiting for `patient`'s answer, oldest first (lapsed ones not yet
		/// cleaned up included: their `lapses_at` is past).
		#[api_version(2)]
		fn pending_requests(patient: AccountId) -> Vec<(RequestId, AccessRequest<AccountId>)>;

		/// The sealed scope of the pending request `request_id` (the sensitive categories it
		/// asks for, as tags, and the requester's salt sealed to the parties), if it has one.
		#[api_version(4)]
		fn sealed_request_scope(request_id: RequestId) -> Option<SealedScope>;
	}
}

sp_api::decl_runtime_apis! {
	/// Reads of the data-rewards pallet (SPEC 3.4). Version 2 adds `study_sealed_tags`.
	#[api_version(2)]
	pub trait DataRewardsApi<AccountId, Balance>
	where
		AccountId: Codec,
		Balance: Codec,
	{
		/// The open study `id`, if any.
		fn study(id: StudyId) -> Option<Study<AccountId, Balance>>;

		/// The open studies of `institute`, by id.
		fn studies_of(institute: AccountId) -> Vec<(StudyId, Study<AccountId, Balance>)>;

		/// The enrolments of `patient`, by study id.
		fn enrollments_of(patient: AccountId) -> Vec<(StudyId, Enrollment)>;

		/// The tags of the open study `id` if it studies sensitive categories: the categories
		/// sealed under the salt the institute publishes with the protocol.
		#[api_version(2)]
		fn study_sealed_tags(id: StudyId) -> Option<[SealedTag; SEALED_TAGS]>;
	}
}

sp_api::decl_runtime_apis! {
	/// Reads of the claims pallet: coverages, eligibility, claims and explanations of benefit,
	/// and the insurer's check of a claim's opened service commitment.
	pub trait ClaimsApi<AccountId, Balance>
	where
		AccountId: Codec,
		Balance: Codec,
	{
		/// Coverage `id`, its deposit as the amount held.
		fn coverage(id: CoverageId) -> Option<Coverage<AccountId, Balance, Balance>>;

		/// Whether coverage `id` covers `day` (days since 1970-01-01): accepted, the day in its
		/// period, its insurer active and the member's billing consent in force (FHIR
		/// CoverageEligibilityResponse `inforce`).
		fn coverage_active(id: CoverageId, day: Day) -> bool;

		/// The coverages of `member` (an insurer pseudonym), by id.
		fn coverages_of(member: AccountId) -> Vec<(CoverageId, Coverage<AccountId, Balance, Balance>)>;

		/// Open claim `id`, its deposit as the amount held.
		fn claim(id: ClaimId) -> Option<Claim<AccountId, Balance, Balance>>;

		/// The open claims of coverage `id`, by id.
		fn claims_of_coverage(id: CoverageId) -> Vec<(ClaimId, Claim<AccountId, Balance, Balance>)>;

		/// The member's explanation of benefit of open claim `id`: billed, paid, owed, why.
		fn explanation_of_benefit(id: ClaimId) -> Option<ExplanationOfBenefit<Balance>>;

		/// `insurer`'s claims float: held, and what it may still owe on claims awaiting it.
		fn float_of(insurer: AccountId) -> (Balance, Balance);

		/// Whether `hospital_pseudonym` and `record_keys` open claim `id`'s service commitment
		/// and every record is anchored for the pseudonym by the billing organisation before
		/// the claim; the mismatch otherwise. Asked of the insurer's own node: the question
		/// names the link it must keep.
		fn verify_service(
			id: ClaimId,
			hospital_pseudonym: AccountId,
			record_keys: Vec<Hash32>,
		) -> Result<(), ServiceMismatch>;
	}
}

sp_api::decl_runtime_apis! {
	/// Verification of drug packs (traceability pallet): what a pharmacy's counter or a
	/// distributor's returns desk asks.
	pub trait TraceabilityApi<AccountId>
	where
		AccountId: Codec,
	{
		/// What the pack `pack` with `proof` verifies as; `verifier`, if given, must belong to
		/// an organisation holding packs of its batch (else `NotCustodian`). A path longer than
		/// any batch needs verifies as `Unknown`.
		fn verify(
			pack: PackId,
			proof: PackProof<Vec<Hash32>>,
			verifier: Option<AccountId>,
		) -> TraceVerdict;

		/// Today as the chain counts days (days since 1970-01-01, UTC): expiry dates compare
		/// against it.
		fn today() -> Day;
	}
}
