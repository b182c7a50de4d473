//! # CareChain JSON-RPC (SPEC 5)
//!
//! The `consent_*`, `patient_*`, `providers_*`, `rewards_*` and `trace_*` methods clinic
//! software, the patient's wallet and pharmacy systems call,
//! served by the node beside the standard Substrate RPC. The interface is the jsonrpsee traits
//! of [`api`] (a typed client comes with them); each method is a thin layer over a runtime API
//! (`ConsentApi`, `ProviderRegistryApi`, `PatientIdentityApi`, `DataRewardsApi`,
//! `TraceabilityApi`) at the best
//! block or at the
//! block hash `at`, run in a blocking task, and answers in the JSON of [`json`]: accounts as
//! SS58, times as unix ms, categories, actions and purposes by name.
//!
//! Reads that reveal who consents to whom or who accessed what answer only a request signed by
//! a party of the read ([`auth`], [`party`]).
//!
//! Parameters may be given by position or by name; every bad one is refused with an "invalid
//! params" error (code -32602) whose message and `data.field` name it ([`param`]); a refused
//! authorisation is error [`auth::AUTH_REFUSED`] naming the part of `auth` at fault.
//!
//! | method | params | who may ask |
//! |---|---|---|
//! | `consent_checkAccess` | patient, accessor, category, action, purpose, at? | anyone |
//! | `consent_readNonce` | | anyone |
//! | `consent_get` | id, auth, at? | the consent's patient, guardians, grantee |
//! | `consent_listByPatient` | patient, auth, at? | the patient, guardians |
//! | `consent_listByGrantee` | grantee, auth, at? | the grantee, its organisation or staff |
//! | `consent_accessLog` | patient, auth, at? | the patient, guardians (whole); an accessor (its own entries) |
//! | `consent_verifyRecord` | patient, recordHash, auth, at? | the patient, guardians, the writer |
//! | `consent_toFhir` | id, auth, at? | as `consent_get` |
//! | `consent_fromFhir` | resource | anyone (reads no state) |
//! | `patient_get` | patient, auth, at? | the patient, guardians |
//! | `providers_get` | account, at? | anyone |
//! | `rewards_study` | id, at? | anyone |
//! | `claims_eligibility` | coverage, day, at? | anyone |
//! | `claims_coverage` | id, auth, at? | the member, guardians, the insurer |
//! | `claims_coveragesOf` | member, auth, at? | the member, guardians |
//! | `claims_claim` | id, auth, at? | the member, guardians, the insurer, the billing provider |
//! | `claims_explanationOfBenefit` | id, auth, at? | as `claims_claim` |
//! | `claims_verifyService` | id, hospitalPseudonym, recordKeys, auth, at? | the claim's insurer ([`claims`]) |
//! | `trace_verify` | gtin, serial, lot, expiry, proof, verifier?, at? | anyone ([`trace`]) |

#![deny(missing_docs)]

pub mod access_log;
pub mod api;
pub mod auth;
pub mod claims;
pub mod grantee_listing;
pub mod json;
pub mod native;
pub mod param;
pub mod party;
pub mod trace;

use std::{marker::PhantomData, sync::Arc};

use carechain_fhir::Consent as FhirConsent;
use carechain_primitives::{
	runtime_api::{
		ClaimsApi, ConsentApi, DataRewardsApi, PatientIdentityApi, ProviderRegistryApi,
		TraceabilityApi,
	},
	trace::{Gs1Text, Gtin, PackId},
	AccessedCategory, Action, Consent, ConsentId, Hash32, PurposeOfUse, StudyId,
};
use codec::Codec;
use jsonrpsee::{
	core::{async_trait, RpcResult},
	types::ErrorObjectOwned,
	RpcModule,
};
use serde_json::Value;
use sp_api::{ApiExt, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_core::crypto::AccountId32;
use sp_runtime::traits::Block as BlockT;

pub use access_log::OffchainIndex;
pub use api::{
	ClaimsRpcClient, ClaimsRpcServer, ConsentRpcClient, ConsentRpcServer, PatientRpcClient,
	PatientRpcServer, ProvidersRpcClient, ProvidersRpcServer, RewardsRpcClient, RewardsRpcServer,
	TraceRpcClient, TraceRpcServer,
};
use auth::{authenticate, not_a_party, now_ms, Canonical, NonceBook, ReadAuth, WINDOW_MS};
use json::{
	AccessLogJson, ConsentJson, DecisionJson, GrantJson, NonceJson, PatientJson, ProviderJson,
	RecordAnchorJson, RequestJson, StudyJson,
};
pub use jsonrpsee::core::RegisterMethodError;
pub use native::NativeAccessCheck;
use param::{invalid, read_at, FromParam, Param, RUNTIME_ERROR};
use party::Parties;

/// Every method this crate serves, as registered.
pub const METHODS: &[&str] = &[
	"consent_checkAccess",
	"consent_readNonce",
	"consent_get",
	"consent_listByPatient",
	"consent_listByGrantee",
	"consent_accessLog",
	"consent_pendingRequests",
	"consent_verifyRecord",
	"consent_toFhir",
	"consent_fromFhir",
	"patient_get",
	"providers_get",
	"rewards_study",
	"claims_eligibility",
	"claims_coverage",
	"claims_coveragesOf",
	"claims_claim",
	"claims_explanationOfBenefit",
	"claims_verifyService",
	"trace_verify",
];

/// Methods of [`METHODS`] that the node's public face never serves: their question itself names
/// a link the chain keeps hidden (`claims_verifyService` names a claim's hospital pseudonym), so
/// only the asker's own node, on its full RPC, may hear it.
pub const OWN_NODE_METHODS: &[&str] = &["claims_verifyService"];

/// The runtime APIs the methods read, in one bound.
pub trait CareChainApis<Block: BlockT, Balance: Codec>:
	ConsentApi<Block, AccountId32, Balance>
	+ ProviderRegistryApi<Block, AccountId32, Balance>
	+ PatientIdentityApi<Block, AccountId32>
	+ DataRewardsApi<Block, AccountId32, Balance>
	+ ClaimsApi<Block, AccountId32, Balance>
	+ TraceabilityApi<Block, AccountId32>
{
}

impl<Api, Block: BlockT, Balance: Codec> CareChainApis<Block, Balance> for Api where
	Api: ConsentApi<Block, AccountId32, Balance>
		+ ProviderRegistryApi<Block, AccountId32, Balance>
		+ PatientIdentityApi<Block, AccountId32>
		+ DataRewardsApi<Block, AccountId32, Balance>
		+ ClaimsApi<Block, AccountId32, Balance>
		+ TraceabilityApi<Block, AccountId32>
{
}

/// The `consent_*` and `providers_*` methods over a client of the chain. Clones share the
/// nonce book, so that the node's listeners honour each other's nonces.
pub struct CareChainRpc<C, Block: BlockT, Balance> {
	client: Arc<C>,
	nonces: Arc<NonceBook>,
	/// Access decisions the node makes natively, where its runtime is the chain's.
	native: Option<Arc<dyn NativeAccessCheck<Block::Hash>>>,
	/// The node's off-chain index, where the access logs' entries are.
	offchain_index: Option<Arc<dyn OffchainIndex>>,
	_types: PhantomData<fn() -> (Block, Balance)>,
}

impl<C, Block: BlockT, Balance> Clone for CareChainRpc<C, Block, Balance> {
	fn clone(&self) -> Self {
		Self {
			client: self.client.clone(),
			nonces: self.nonces.clone(),
			native: self.native.clone(),
			offchain_index: self.offchain_index.clone(),
			_types: PhantomData,
		}
	}
}

impl<C, Block, Balance> CareChainRpc<C, Block, Balance>
where
	Block: BlockT,
	Block::Hash: FromParam + Canonical,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: CareChainApis<Block, Balance>,
	Balance: Codec + ToString + Send + Sync + 'static,
{
	/// The methods over `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self {
			client,
			nonces: Arc::default(),
			native: None,
			offchain_index: None,
			_types: PhantomData,
		}
	}

	/// The same methods, answering `consent_checkAccess` with `native` where it can
	/// ([`native`]).
	pub fn with_native_check(mut self, native: Arc<dyn NativeAccessCheck<Block::Hash>>) -> Self {
		self.native = Some(native);
		self
	}

	/// Serves the access logs' entries from `index`, the node's off-chain index (without it,
	/// `consent_accessLog` answers with an error saying so).
	pub fn with_offchain_index(mut self, index: Arc<dyn OffchainIndex>) -> Self {
		self.offchain_index = Some(index);
		self
	}

	/// One JSON-RPC module serving every method of [`METHODS`].
	pub fn into_module(self) -> Result<RpcModule<()>, RegisterMethodError> {
		let mut module = RpcModule::new(());
		module.merge(ConsentRpcServer::into_rpc(self.clone()))?;
		module.merge(PatientRpcServer::into_rpc(self.clone()))?;
		module.merge(ProvidersRpcServer::into_rpc(self.clone()))?;
		module.merge(RewardsRpcServer::into_rpc(self.clone()))?;
		module.merge(ClaimsRpcServer::into_rpc(self.clone()))?;
		module.merge(TraceRpcServer::into_rpc(self))?;
		Ok(module)
	}

	/// The block to read at: `at` if the node knows it, else the best block.
	fn block(&self, at: Option<Block::Hash>) -> Result<Block::Hash, ErrorObjectOwned> {
		let Some(hash) = at else {
			return Ok(self.client.info().best_hash);
		};
		match self.client.header(hash) {
			Ok(Some(_)) => Ok(hash),
			Ok(None) => Err(invalid("at", format!("unknown block {hash:?}"))),
			Err(e) => Err(runtime_error("reading the header", hash, e)),
		}
	}

	/// Checks `auth` for a read of `method` whose other parameters are `params` (canonical
	/// forms, in order, `at` last); the signer.
	fn signer(
		&self,
		method: &str,
		params: &[Value],
		auth: &Option<Param<ReadAuth>>,
	) -> Result<AccountId32, ErrorObjectOwned> {
		let auth = auth
			.as_ref()
			.ok_or_else(|| {
				invalid(
					"auth",
					"required: a party's signed authorisation of this read (see consent_readNonce)",
				)
			})?
			.read("auth")?;
		let genesis = self.client.info().genesis_hash;
		authenticate(&self.nonces, genesis.as_ref(), method, params, &auth, now_ms())
	}

	/// The start of a signed read about one account: the account (parameter `field`), the
	/// signer of `auth` over the read of `method`, and the block to read at.
	fn account_read(
		&self,
		method: &str,
		field: &str,
		account: &Param<AccountId32>,
		auth: &Option<Param<ReadAuth>>,
		at: &Option<Param<Block::Hash>>,
	) -> Result<(AccountId32, AccountId32, Block::Hash), ErrorObjectOwned> {
		let (account, at) = (account.read(field)?, read_at(at)?);
		let signer = self.signer(method, &[account.canonical(), at.canonical()], auth)?;
		Ok((account, signer, self.block(at)?))
	}

	/// Opens a read of `method` about `patient` that only the patient and current guardians may
	/// make: the patient and the block, once the signer is one of them.
	fn patient_read(
		&self,
		method: &str,
		patient: &Param<AccountId32>,
		auth: &Option<Param<ReadAuth>>,
		at: &Option<Param<Block::Hash>>,
	) -> Result<(AccountId32, Block::Hash), ErrorObjectOwned> {
		let (patient, signer, at) = self.account_read(method, "patient", patient, auth, at)?;
		let api = self.client.runtime_api();
		let party = Parties::<_, Block, Balance>::new(&*api, at)
			.speaks_for_patient(&signer, &patient)
			.map_err(|e| runtime_error("PatientIdentityApi::is_guardian", at, e))?;
		if !party {
			return Err(not_a_party(&signer, "the patient or a current guardian"));
		}
		Ok((patient, at))
	}

	/// The consent `id` if `signer` is a party of it: its patient, a guardian, or someone who
	/// acts for its grantee.
	fn consent_for(
		&self,
		id: ConsentId,
		signer: &AccountId32,
		at: Block::Hash,
	) -> Result<Option<Consent<AccountId32>>, ErrorObjectOwned> {
		let api = self.client.runtime_api();
		let consent =
			api.consent(at, id).map_err(|e| runtime_error("ConsentApi::consent", at, e))?;
		let Some(consent) = consent else { return Ok(None) };
		let parties = Parties::<_, Block, Balance>::new(&*api, at);
		let party = parties
			.speaks_for_patient(signer, &consent.patient)
			.and_then(|yes| Ok(yes || parties.acts_for_grantee(signer, &consent.grantee)?))
			.map_err(|e| runtime_error("a party check", at, e))?;
		if !party {
			return Err(not_a_party(
				signer,
				&format!("the patient, a guardian or the grantee of consent {id}"),
			));
		}
		Ok(Some(consent))
	}
}

#[async_trait]
impl<C, Block, Balance> ConsentRpcServer<Block::Hash> for CareChainRpc<C, Block, Balance>
where
	Block: BlockT,
	Block::Hash: FromParam + Canonical,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: CareChainApis<Block, Balance>,
	Balance: Codec + ToString + Send + Sync + 'static,
{
	fn check_access(
		&self,
		patient: Param<AccountId32>,
		accessor: Param<AccountId32>,
		category: Param<AccessedCategory>,
		action: Param<Action>,
		purpose: Param<PurposeOfUse>,
		at: Option<Param<Block::Hash>>,
	) -> RpcResult<DecisionJson> {
		let (patient, accessor) = (patient.read("patient")?, accessor.read("accessor")?);
		let (category, action) = (category.read("category")?, action.read("action")?);
		let purpose = purpose.read("purpose")?;
		let at = self.block(read_at(&at)?)?;
		let native = self.native.as_ref().and_then(|native| {
			native.check_access(at, &patient, &accessor, &category, action, purpose)
		});
		if let Some(decision) = native {
			return Ok(decision.into());
		}
		let api = self.client.runtime_api();
		let decision = match category {
			AccessedCategory::Clear(category) => api
				.check_access(at, patient, accessor, category, action, purpose)
				.map_err(|e| runtime_error("ConsentApi::check_access", at, e))?,
			AccessedCategory::Sealed(tag) => {
				// `check_sealed_access` came with version 3 (sealed scopes).
				let sealed = implements::<Block, dyn ConsentApi<Block, AccountId32, Balance>>(
					&*api,
					at,
					"ConsentApi",
					3,
				)?;
				if !sealed {
					return Err(param::invalid(
						"category",
						"the runtime at this block predates sealed scopes: no tag is known",
					));
				}
				api.check_sealed_access(at, patient, accessor, tag, action, purpose)
					.map_err(|e| runtime_error("ConsentApi::check_sealed_access", at, e))?
			},
		};
		Ok(decision.into())
	}

	fn read_nonce(&self) -> RpcResult<NonceJson> {
		let now = now_ms();
		let nonce = self.nonces.issue(now);
		Ok(NonceJson {
			nonce: json::hex(&nonce),
			issued_at: now,
			expires_at: now.saturating_add(WINDOW_MS),
		})
	}

	fn get(
		&self,
		id: Param<ConsentId>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<Block::Hash>>,
	) -> RpcResult<Option<ConsentJson>> {
		let (id, at) = (id.read("id")?, read_at(&at)?);
		let signer = self.signer("consent_get", &[id.canonical(), at.canonical()], &auth)?;
		let consent = self.consent_for(id, &signer, self.block(at)?)?;
		Ok(consent.map(|consent| ConsentJson::new(id, &consent)))
	}

	fn list_by_patient(
		&self,
		patient: Param<AccountId32>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<Block::Hash>>,
	) -> RpcResult<Vec<ConsentJson>> {
		let (patient, at) = self.patient_read("consent_listByPatient", &patient, &auth, &at)?;
		let consents = self
			.client
			.runtime_api()
			.consents_by_patient(at, patient)
			.map_err(|e| runtime_error("ConsentApi::consents_by_patient", at, e))?;
		Ok(consents.iter().map(|(id, consent)| ConsentJson::new(*id, consent)).collect())
	}

	fn list_by_grantee(
		&self,
		grantee: Param<AccountId32>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<Block::Hash>>,
	) -> RpcResult<Vec<ConsentJson>> {
		let (grantee, signer, at) =
			self.account_read("consent_listByGrantee", "grantee", &grantee, &auth, &at)?;
		let api = self.client.runtime_api();
		let party = Parties::<_, Block, Balance>::new(&*api, at)
			.acts_for_grantee(&signer, &grantee)
			.map_err(|e| runtime_error("ProviderRegistryApi::provider", at, e))?;
		if !party {
			return Err(not_a_party(&signer, "the grantee, its organisation or its staff"));
		}
		// `grantee_listing_length` and `consents_listed` came with version 6 (the by-grantee
		// index left state).
		if !implements::<Block, dyn ConsentApi<Block, AccountId32, Balance>>(
			&*api,
			at,
			"ConsentApi",
			6,
		)? {
			return Err(runtime_error(
				"ConsentApi::consents_listed",
				at,
				"the runtime at this block keeps the by-grantee index in state (ConsentApi \
				 before version 6): ask at a block after the upgrade",
			));
		}
		let length = api
			.grantee_listing_length(at, grantee.clone())
			.map_err(|e| runtime_error("ConsentApi::grantee_listing_length", at, e))?;
		let index = self.offchain_index.as_deref().ok_or_else(|| {
			runtime_error(
				"consent_listByGrantee",
				at,
				"this node serves no off-chain index, where the grantee's listing is",
			)
		})?;
		let genesis = api
			.genesis_consents(at)
			.map_err(|e| runtime_error("ConsentApi::genesis_consents", at, e))?;
		// Genesis's consents are in no listing: each is checked against state like the rest.
		let mut ids: Vec<ConsentId> = (0..genesis).collect();
		ids.extend(grantee_listing::read(index, &grantee, length)?);
		let mut consents = Vec::new();
		for batch in ids.chunks(grantee_listing::IDS_PER_CALL) {
			let listed = api
				.consents_listed(at, grantee.clone(), batch.to_vec())
				.map_err(|e| runtime_error("ConsentApi::consents_listed", at, e))?;
			consents.extend(listed);
		}
		consents.sort_by_key(|(id, _)| *id);
		Ok(consents.iter().map(|(id, consent)| ConsentJson::new(*id, consent)).collect())
	}

	fn access_log(
		&self,
		patient: Param<AccountId32>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<Block::Hash>>,
	) -> RpcResult<AccessLogJson> {
		let (patient, signer, at) =
			self.account_read("consent_accessLog", "patient", &patient, &auth, &at)?;
		let api = self.client.runtime_api();
		let for_patient = Parties::<_, Block, Balance>::new(&*api, at)
			.speaks_for_patient(&signer, &patient)
			.map_err(|e| runtime_error("PatientIdentityApi::is_guardian", at, e))?;
		// `access_log_head` came with version 5 (the entries left state).
		if !implements::<Block, dyn ConsentApi<Block, AccountId32, Balance>>(
			&*api,
			at,
			"ConsentApi",
			5,
		)? {
			return Err(runtime_error(
				"ConsentApi::access_log_head",
				at,
				"the runtime at this block keeps the log in state (ConsentApi before version 5): \
				 ask at a block after the upgrade",
			));
		}
		let head = api
			.access_log_head(at, patient.clone())
			.map_err(|e| runtime_error("ConsentApi::access_log_head", at, e))?;
		let index = self.offchain_index.as_deref().ok_or_else(|| {
			runtime_error(
				"consent_accessLog",
				at,
				"this node serves no off-chain index, where the log's entries are",
			)
		})?;
		let log: AccessLogJson = access_log::read(index, &patient, head)?.into();
		if for_patient {
			return Ok(log);
		}
		let me = json::address(&signer);
		let mine = log.of_accessor(|entry| entry.accessor == me || entry.organisation == me);
		if mine.recent.is_empty() {
			return Err(not_a_party(
				&signer,
				"the patient, a current guardian, or an accessor in the recent log",
			));
		}
		Ok(mine)
	}

	fn pending_requests(
		&self,
		patient: Param<AccountId32>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<Block::Hash>>,
	) -> RpcResult<Vec<RequestJson>> {
		let (patient, at) = self.patient_read("consent_pendingRequests", &patient, &auth, &at)?;
		let api = self.client.runtime_api();
		let requests = api
			.pending_requests(at, patient)
			.map_err(|e| runtime_error("ConsentApi::pending_requests", at, e))?;
		// `sealed_request_scope` came with version 4 (sealed requests).
		let sealed = implements::<Block, dyn ConsentApi<Block, AccountId32, Balance>>(
			&*api,
			at,
			"ConsentApi",
			4,
		)?;
		requests
			.iter()
			.map(|(id, request)| {
				let scope = if sealed {
					api.sealed_request_scope(at, *id)
						.map_err(|e| runtime_error("ConsentApi::sealed_request_scope", at, e))?
				} else {
					None
				};
				Ok(RequestJson::new(*id, request, scope.as_ref()))
			})
			.collect()
	}

	fn verify_record(
		&self,
		patient: Param<AccountId32>,
		record_hash: Param<Hash32>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<Block::Hash>>,
	) -> RpcResult<Option<RecordAnchorJson>> {
		let (patient, record_hash) = (patient.read("patient")?, record_hash.read("recordHash")?);
		let at = read_at(&at)?;
		let params = [patient.canonical(), record_hash.canonical(), at.canonical()];
		let signer = self.signer("consent_verifyRecord", &params, &auth)?;
		let at = self.block(at)?;
		let api = self.client.runtime_api();
		let anchor = api
			.record_anchor(at, patient.clone(), record_hash)
			.map_err(|e| runtime_error("ConsentApi::record_anchor", at, e))?;
		let Some(anchor) = anchor else { return Ok(None) };
		let parties = Parties::<_, Block, Balance>::new(&*api, at);
		let party = signer == anchor.writer
			|| signer == anchor.organisation
			|| parties
				.speaks_for_patient(&signer, &patient)
				.map_err(|e| runtime_error("PatientIdentityApi::is_guardian", at, e))?;
		if !party {
			return Err(not_a_party(
				&signer,
				"the patient, a current guardian or the record's writer",
			));
		}
		Ok(Some(anchor.into()))
	}

	fn to_fhir(
		&self,
		id: Param<ConsentId>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<Block::Hash>>,
	) -> RpcResult<Option<FhirConsent>> {
		let (id, at) = (id.read("id")?, read_at(&at)?);
		let signer = self.signer("consent_toFhir", &[id.canonical(), at.canonical()], &auth)?;
		let consent = self.consent_for(id, &signer, self.block(at)?)?;
		Ok(consent.map(|consent| carechain_fhir::to_fhir(id, &consent)))
	}

	fn grant_from_fhir(&self, resource: Param<FhirConsent>) -> RpcResult<GrantJson> {
		from_fhir(&resource.read("resource")?)
	}
}

#[async_trait]
impl<C, Block, Balance> PatientRpcServer<Block::Hash> for CareChainRpc<C, Block, Balance>
where
	Block: BlockT,
	Block::Hash: FromParam + Canonical,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: CareChainApis<Block, Balance>,
	Balance: Codec + ToString + Send + Sync + 'static,
{
	fn get(
		&self,
		patient: Param<AccountId32>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<Block::Hash>>,
	) -> RpcResult<Option<PatientJson>> {
		let (patient, at) = self.patient_read("patient_get", &patient, &auth, &at)?;
		let api = self.client.runtime_api();
		let view = api
			.patient(at, patient.clone())
			.map_err(|e| runtime_error("PatientIdentityApi::patient", at, e))?;
		let Some(view) = view else { return Ok(None) };
		let enrolments = api
			.enrollments_of(at, patient.clone())
			.map_err(|e| runtime_error("DataRewardsApi::enrollments_of", at, e))?;
		Ok(Some(PatientJson::new(&patient, view, enrolments)))
	}
}

#[async_trait]
impl<C, Block, Balance> RewardsRpcServer<Block::Hash> for CareChainRpc<C, Block, Balance>
where
	Block: BlockT,
	Block::Hash: FromParam + Canonical,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: CareChainApis<Block, Balance>,
	Balance: Codec + ToString + Send + Sync + 'static,
{
	fn study(
		&self,
		id: Param<StudyId>,
		at: Option<Param<Block::Hash>>,
	) -> RpcResult<Option<StudyJson>> {
		let id = id.read("id")?;
		let at = self.block(read_at(&at)?)?;
		let study = self
			.client
			.runtime_api()
			.study(at, id)
			.map_err(|e| runtime_error("DataRewardsApi::study", at, e))?;
		let Some(study) = study else { return Ok(None) };
		let api = self.client.runtime_api();
		// `study_sealed_tags` came with version 2 (studies of sensitive data).
		let sealed = implements::<Block, dyn DataRewardsApi<Block, AccountId32, Balance>>(
			&*api,
			at,
			"DataRewardsApi",
			2,
		)?;
		let tags = if sealed {
			api.study_sealed_tags(at, id)
				.map_err(|e| runtime_error("DataRewardsApi::study_sealed_tags", at, e))?
		} else {
			None
		};
		Ok(Some(StudyJson::new(id, &study, tags.as_ref())))
	}
}

#[async_trait]
impl<C, Block, Balance> ProvidersRpcServer<Block::Hash> for CareChainRpc<C, Block, Balance>
where
	Block: BlockT,
	Block::Hash: FromParam + Canonical,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: CareChainApis<Block, Balance>,
	Balance: Codec + ToString + Send + Sync + 'static,
{
	fn get(
		&self,
		account: Param<AccountId32>,
		at: Option<Param<Block::Hash>>,
	) -> RpcResult<Option<ProviderJson>> {
		let account = account.read("account")?;
		let at = self.block(read_at(&at)?)?;
		let api = self.client.runtime_api();
		let Some(view) = api
			.provider(at, account.clone())
			.map_err(|e| runtime_error("ProviderRegistryApi::provider", at, e))?
		else {
			return Ok(None);
		};
		// `encryption_key` came with version 2: a block of an older runtime has no keys.
		let has_keys = implements::<Block, dyn ProviderRegistryApi<Block, AccountId32, Balance>>(
			&*api,
			at,
			"ProviderRegistryApi",
			2,
		)?;
		let key = if has_keys {
			api.encryption_key(at, account)
				.map_err(|e| runtime_error("ProviderRegistryApi::encryption_key", at, e))?
		} else {
			None
		};
		Ok(Some(ProviderJson::new(view, key)))
	}
}

#[async_trait]
impl<C, Block, Balance> TraceRpcServer<Block::Hash> for CareChainRpc<C, Block, Balance>
where
	Block: BlockT,
	Block::Hash: FromParam + Canonical,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: CareChainApis<Block, Balance>,
	Balance: Codec + ToString + Send + Sync + 'static,
{
	fn verify(
		&self,
		gtin: Param<Gtin>,
		serial: Param<Gs1Text>,
		lot: Param<Gs1Text>,
		expiry: Param<trace::ExpiryDate>,
		proof: Param<trace::ProofParam>,
		verifier: Option<Param<AccountId32>>,
		at: Option<Param<Block::Hash>>,
	) -> RpcResult<trace::VerdictJson> {
		let pack = PackId {
			gtin: gtin.read("gtin")?,
			serial: serial.read("serial")?,
			lot: lot.read("lot")?,
			expiry: expiry.read("expiry")?.0,
		};
		let proof = trace::ProofParam::read(proof.value())
			.map_err(|fault| trace::ProofParam::error("proof", fault))?
			.0;
		let verifier = match &verifier {
			Some(param) if !param.value().is_null() => Some(param.read("verifier")?),
			_ => None,
		};
		let at = self.block(read_at(&at)?)?;
		let api = self.client.runtime_api();
		let verdict = api
			.verify(at, pack, proof, verifier)
			.map_err(|e| runtime_error("TraceabilityApi::verify", at, e))?;
		let today = api.today(at).map_err(|e| runtime_error("TraceabilityApi::today", at, e))?;
		Ok(trace::VerdictJson::new(verdict, today))
	}
}

/// `consent_fromFhir`: the `grant` a FHIR R5 `Consent` stands for, refusing what CareChain
/// cannot express with an error naming the element (`resource.provision[0].purpose[0]`). The
/// period must end after the node's current time.
pub fn from_fhir(resource: &FhirConsent) -> Result<GrantJson, ErrorObjectOwned> {
	carechain_fhir::to_grant(resource, carechain_fhir::wall_clock_now())
		.map(|grant| GrantJson::from(&grant))
		.map_err(|e| invalid(&format!("resource.{}", e.element), e.reason))
}

/// The error of a failed runtime call: which call, at which block, and why.
/// Whether the runtime at `at` implements `Api` (named `name` in an error) at `version` or
/// later: a method a version added is called only where the runtime has it.
fn implements<Block: BlockT, Api: sp_api::RuntimeApiInfo + ?Sized>(
	api: &impl ApiExt<Block>,
	at: Block::Hash,
	name: &str,
	version: u32,
) -> RpcResult<bool> {
	let found = api
		.api_version::<Api>(at)
		.map_err(|e| runtime_error(&format!("{name}'s version"), at, e))?;
	Ok(found.is_some_and(|found| found >= version))
}

fn runtime_error(
	what: &str,
	at: impl std::fmt::Debug,
	error: impl std::fmt::Display,
) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(
		RUNTIME_ERROR,
		format!("{what} failed at block {at:?}: {error}"),
		None::<()>,
	)
}

#[cfg(test)]
mod tests;
