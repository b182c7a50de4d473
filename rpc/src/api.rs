//! The JSON-RPC interface: `consent_*`, `patient_*`, `providers_*`, `rewards_*`, `claims_*` and
//! `trace_*`, as
//! jsonrpsee traits. The node serves them ([`ConsentRpcServer`], [`PatientRpcServer`],
//! [`ProvidersRpcServer`], [`RewardsRpcServer`]); clients call them through the generated
//! `*RpcClient` traits.
//!
//! Every parameter is a [`Param`], read by the method so that a bad one is refused naming it.
//! `auth` is typed optional only so that a read without it reaches the method and is refused
//! naming `auth`; every read that takes it requires it.
//! Reads that reveal who consents to whom, or who accessed what, take an `auth` ([`ReadAuth`]):
//! they answer only a party of the read ([`crate::auth`]). Every method runs in a blocking task,
//! so that a slow runtime call never stalls the server.

use carechain_fhir::Consent as FhirConsent;
use carechain_primitives::{
	claim::{ClaimId, CoverageId, Day},
	trace::{Gs1Text, Gtin},
	AccessedCategory, Action, ConsentId, Hash32, PurposeOfUse, StudyId,
};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use sp_core::crypto::AccountId32;

use crate::{
	auth::ReadAuth,
	claims::{
		ClaimJson, CoverageJson, EligibilityJson, ExplanationJson, RecordKeys, ServiceCheckJson,
	},
	json::{
		AccessLogJson, ConsentJson, DecisionJson, GrantJson, NonceJson, PatientJson, ProviderJson,
		RecordAnchorJson, RequestJson, StudyJson,
	},
	param::Param,
	trace::{ExpiryDate, ProofParam, VerdictJson},
};

/// Consent checks and party-signed consent reads.
#[rpc(client, server, namespace = "consent")]
pub trait ConsentRpc<BlockHash> {
	/// May `accessor` do `action` on `patient`'s `category` data for `purpose` now? Open to
	/// anyone: it answers yes or no to a question the caller can already form. `category` is a
	/// standard category's name, or a sensitive category's sealed tag (`0x` + 32 hex digits)
	/// under the salt of one of the accessor's consents; a sensitive name is refused.
	#[method(name = "checkAccess", blocking)]
	fn check_access(
		&self,
		patient: Param<AccountId32>,
		accessor: Param<AccountId32>,
		category: Param<AccessedCategory>,
		action: Param<Action>,
		purpose: Param<PurposeOfUse>,
		at: Option<Param<BlockHash>>,
	) -> RpcResult<DecisionJson>;

	/// A fresh nonce for one party-signed read of this node, valid for five minutes.
	#[method(name = "readNonce", blocking)]
	fn read_nonce(&self) -> RpcResult<NonceJson>;

	/// The consent `id`, or `null`; to its patient, a current guardian, its grantee or the
	/// grantee's organisation.
	#[method(name = "get", blocking)]
	fn get(
		&self,
		id: Param<ConsentId>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<BlockHash>>,
	) -> RpcResult<Option<ConsentJson>>;

	/// The stored consents of `patient`; to the patient and current guardians.
	#[method(name = "listByPatient", blocking)]
	fn list_by_patient(
		&self,
		patient: Param<AccountId32>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<BlockHash>>,
	) -> RpcResult<Vec<ConsentJson>>;

	/// The stored consents naming `grantee`; to the grantee and its organisation.
	#[method(name = "listByGrantee", blocking)]
	fn list_by_grantee(
		&self,
		grantee: Param<AccountId32>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<BlockHash>>,
	) -> RpcResult<Vec<ConsentJson>>;

	/// The access log of `patient`: to the patient and current guardians its count, head and
	/// last 32 entries (from the node's off-chain index, checked to fold from `since` into the
	/// head in state); to an accessor (or its organisation) only its own entries among them.
	#[method(name = "accessLog", blocking)]
	fn access_log(
		&self,
		patient: Param<AccountId32>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<BlockHash>>,
	) -> RpcResult<AccessLogJson>;

	/// The requests waiting for `patient`'s answer, oldest first, with what each asks; to the
	/// patient and current guardians.
	#[method(name = "pendingRequests", blocking)]
	fn pending_requests(
		&self,
		patient: Param<AccountId32>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<BlockHash>>,
	) -> RpcResult<Vec<RequestJson>>;

	/// Who anchored `record_hash` of `patient`, or `null`; the anchor to the patient, current
	/// guardians, its writer and the writer's organisation.
	#[method(name = "verifyRecord", blocking)]
	fn verify_record(
		&self,
		patient: Param<AccountId32>,
		record_hash: Param<Hash32>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<BlockHash>>,
	) -> RpcResult<Option<RecordAnchorJson>>;

	/// The consent `id` as a FHIR R5 `Consent`, or `null`; to the parties of `consent_get`.
	#[method(name = "toFhir", blocking)]
	fn to_fhir(
		&self,
		id: Param<ConsentId>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<BlockHash>>,
	) -> RpcResult<Option<FhirConsent>>;

	/// The `grant` a FHIR R5 `Consent` stands for, or an error naming the element CareChain
	/// cannot express (`resource.provision[0].purpose[0]`). Reads no chain state.
	#[method(name = "fromFhir", blocking)]
	fn grant_from_fhir(&self, resource: Param<FhirConsent>) -> RpcResult<GrantJson>;
}

/// The public provider registry.
#[rpc(client, server, namespace = "providers")]
pub trait ProvidersRpc<BlockHash> {
	/// The provider `account`, or the organisation of staff member `account`, or `null`.
	#[method(name = "get", blocking)]
	fn get(
		&self,
		account: Param<AccountId32>,
		at: Option<Param<BlockHash>>,
	) -> RpcResult<Option<ProviderJson>>;
}

/// A patient's own registration, as the patient's app shows it.
#[rpc(client, server, namespace = "patient")]
pub trait PatientRpc<BlockHash> {
	/// The registration of `patient` (break-glass setting, guardians, fee-free calls left
	/// today, study enrolments), or `null` if not registered; to the patient and current
	/// guardians. The public face serves no raw state, so this is how a patient's app reads
	/// its own registration.
	#[method(name = "get", blocking)]
	fn get(
		&self,
		patient: Param<AccountId32>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<BlockHash>>,
	) -> RpcResult<Option<PatientJson>>;
}

/// Research studies' public terms.
#[rpc(client, server, namespace = "rewards")]
pub trait RewardsRpc<BlockHash> {
	/// The open study `id`'s terms, or `null`. Open to anyone: an institute publishes its
	/// terms to recruit, and the answer names no participant.
	#[method(name = "study", blocking)]
	fn study(
		&self,
		id: Param<StudyId>,
		at: Option<Param<BlockHash>>,
	) -> RpcResult<Option<StudyJson>>;
}

/// Insurance coverages and claims (`crate::claims`).
#[rpc(client, server, namespace = "claims")]
pub trait ClaimsRpc<BlockHash> {
	/// Is coverage `coverage` in force on `day` (days since 1970-01-01)? Open to anyone, as a
	/// CoverageEligibilityRequest is: it answers yes or no for a coverage id and names nobody.
	#[method(name = "eligibility", blocking)]
	fn eligibility(
		&self,
		coverage: Param<CoverageId>,
		day: Param<Day>,
		at: Option<Param<BlockHash>>,
	) -> RpcResult<EligibilityJson>;

	/// The coverage `id`, or `null`; to its member, a current guardian and its insurer.
	#[method(name = "coverage", blocking)]
	fn coverage(
		&self,
		id: Param<CoverageId>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<BlockHash>>,
	) -> RpcResult<Option<CoverageJson>>;

	/// The coverages of `member`; to the member and current guardians.
	#[method(name = "coveragesOf", blocking)]
	fn coverages_of(
		&self,
		member: Param<AccountId32>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<BlockHash>>,
	) -> RpcResult<Vec<CoverageJson>>;

	/// The open claim `id`, or `null`; to the member of its coverage, a current guardian, its
	/// insurer and its billing organisation.
	#[method(name = "claim", blocking)]
	fn claim(
		&self,
		id: Param<ClaimId>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<BlockHash>>,
	) -> RpcResult<Option<ClaimJson>>;

	/// The explanation of benefit of open claim `id` (billed, paid, the patient's share, why),
	/// or `null`; to the parties of `claims_claim`.
	#[method(name = "explanationOfBenefit", blocking)]
	fn explanation_of_benefit(
		&self,
		id: Param<ClaimId>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<BlockHash>>,
	) -> RpcResult<Option<ExplanationJson>>;

	/// Whether `hospital_pseudonym` and `record_keys` open claim `id`'s service commitment and
	/// every record was anchored for the pseudonym by the billing organisation before the
	/// claim; to the claim's insurer only. The question names the link the chain keeps hidden:
	/// served on the node's own RPC, never on its public face (`crate::OWN_NODE_METHODS`).
	#[method(name = "verifyService", blocking)]
	fn verify_service(
		&self,
		id: Param<ClaimId>,
		hospital_pseudonym: Param<AccountId32>,
		record_keys: Param<RecordKeys>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<BlockHash>>,
	) -> RpcResult<ServiceCheckJson>;
}

/// `trace_verify` takes the pack's parts positionally, as clinic and pharmacy software send them:
/// seven and the receiver, one over clippy's limit, in the generated client and server too.
mod trace_api {
	#![allow(clippy::too_many_arguments)]

	use super::*;

	/// Drug pack verification (`crate::trace`).
	#[rpc(client, server, namespace = "trace")]
	pub trait TraceRpc<BlockHash> {
		/// What the pack `gtin` / `serial` / `lot` / `expiry` with `proof` verifies as: `Verified`,
		/// `Unknown` (forged or unknown), `Expired`, `Recalled`, `Quarantined`, `Suspect`,
		/// `Illegitimate`, `AlreadyDispensed`, `Stolen`, `Destroyed`, or `NotCustodian` when
		/// `verifier` is given and its organisation holds no pack of the batch. Open to anyone: the
		/// caller holds the pack, and the answer names no patient.
		#[method(name = "verify", blocking)]
		fn verify(
			&self,
			gtin: Param<Gtin>,
			serial: Param<Gs1Text>,
			lot: Param<Gs1Text>,
			expiry: Param<ExpiryDate>,
			proof: Param<ProofParam>,
			verifier: Option<Param<AccountId32>>,
			at: Option<Param<BlockHash>>,
		) -> RpcResult<VerdictJson>;
	}
}
pub use trace_api::*;
