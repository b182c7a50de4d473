//! # CareChain JSON-RPC (SPEC 5)
//!
//! The `consent_*` and `providers_*` methods clinic software calls, served by the node beside the
//! standard Substrate RPC. Each is a thin layer over a runtime API (`ConsentApi`,
//! `ProviderRegistryApi`) at the best block or at the block hash `at`, and answers in the JSON
//! of [`json`]: accounts as SS58, times as unix ms, categories, actions and purposes by name.
//!
//! Parameters may be given by position or by name; every bad one is refused with an "invalid
//! params" error (code -32602) whose message and `data.field` name it ([`params`]).
//!
//! | method | params |
//! |---|---|
//! | `consent_checkAccess` | patient, accessor, category, action, purpose, at? |
//! | `consent_get` | id, at? |
//! | `consent_listByPatient` | patient, at? |
//! | `consent_listByGrantee` | grantee, at? |
//! | `consent_accessLog` | patient, at? |
//! | `consent_verifyRecord` | patient, recordHash, at? |
//! | `consent_toFhir` | id, at? |
//! | `consent_fromFhir` | resource |
//! | `providers_get` | account, at? |

#![deny(missing_docs)]

pub mod json;
pub mod params;

use std::{marker::PhantomData, sync::Arc};

use carechain_primitives::runtime_api::{ConsentApi, ProviderRegistryApi};
use codec::Codec;
use jsonrpsee::{
	types::{ErrorObjectOwned, Params},
	RpcModule,
};
use serde::de::DeserializeOwned;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::crypto::AccountId32;
use sp_runtime::traits::Block as BlockT;

use json::{AccessLogJson, ConsentJson, DecisionJson, GrantJson, ProviderJson, RecordAnchorJson};
pub use jsonrpsee::core::RegisterMethodError;
use params::{invalid, Args, RUNTIME_ERROR};

/// Every method this module serves, as registered.
pub const METHODS: &[&str] = &[
	"consent_checkAccess",
	"consent_get",
	"consent_listByPatient",
	"consent_listByGrantee",
	"consent_accessLog",
	"consent_verifyRecord",
	"consent_toFhir",
	"consent_fromFhir",
	"providers_get",
];

/// The `consent_*` and `providers_*` methods over a client of the chain.
pub struct CareChainRpc<C, Block, Balance> {
	client: Arc<C>,
	_types: PhantomData<fn() -> (Block, Balance)>,
}

impl<C, Block, Balance> CareChainRpc<C, Block, Balance>
where
	Block: BlockT,
	Block::Hash: DeserializeOwned,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api:
		ConsentApi<Block, AccountId32, Balance> + ProviderRegistryApi<Block, AccountId32, Balance>,
	Balance: Codec + ToString + Send + Sync + 'static,
{
	/// The methods over `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _types: PhantomData }
	}

	/// The JSON-RPC module serving every method of [`METHODS`].
	pub fn into_rpc(self) -> Result<RpcModule<Self>, RegisterMethodError> {
		let mut module = RpcModule::new(self);
		module.register_method("consent_checkAccess", |p, rpc, _| rpc.check_access(&p))?;
		module.register_method("consent_get", |p, rpc, _| rpc.get(&p))?;
		module.register_method("consent_listByPatient", |p, rpc, _| rpc.list_by_patient(&p))?;
		module.register_method("consent_listByGrantee", |p, rpc, _| rpc.list_by_grantee(&p))?;
		module.register_method("consent_accessLog", |p, rpc, _| rpc.access_log(&p))?;
		module.register_method("consent_verifyRecord", |p, rpc, _| rpc.verify_record(&p))?;
		module.register_method("consent_toFhir", |p, rpc, _| rpc.to_fhir(&p))?;
		module.register_method("consent_fromFhir", |p, _: &Self, _| from_fhir(&p))?;
		module.register_method("providers_get", |p, rpc, _| rpc.provider(&p))?;
		Ok(module)
	}

	/// The block to read at: `at` if the node knows it, else the best block.
	fn block(&self, args: &Args) -> Result<Block::Hash, ErrorObjectOwned> {
		let Some(hash) = args.at::<Block::Hash>()? else {
			return Ok(self.client.info().best_hash);
		};
		match self.client.header(hash) {
			Ok(Some(_)) => Ok(hash),
			Ok(None) => Err(invalid("at", format!("unknown block {hash:?}"))),
			Err(e) => Err(runtime_error("reading the header", hash, e)),
		}
	}

	/// Runs `call` on the runtime API at the block `args` names (`at`, else the best block);
	/// `what` names the runtime call in the error if it fails.
	fn read<R>(
		&self,
		args: &Args,
		what: &str,
		call: impl FnOnce(&C::Api, Block::Hash) -> Result<R, sp_api::ApiError>,
	) -> Result<R, ErrorObjectOwned> {
		let at = self.block(args)?;
		call(&self.client.runtime_api(), at).map_err(|e| runtime_error(what, at, e))
	}

	/// `consent_checkAccess`: may `accessor` do `action` on `patient`'s `category` data for
	/// `purpose` now?
	pub fn check_access(&self, params: &Params) -> Result<DecisionJson, ErrorObjectOwned> {
		let args =
			Args::new(params, &["patient", "accessor", "category", "action", "purpose", "at"])?;
		let (patient, accessor) = (args.account("patient")?, args.account("accessor")?);
		let category = args.category("category")?;
		let action = args.action("action")?;
		let purpose = args.purpose("purpose")?;
		let decision = self.read(&args, "ConsentApi::check_access", |api, at| {
			api.check_access(at, patient, accessor, category, action, purpose)
		})?;
		Ok(decision.into())
	}

	/// `consent_get`: the consent `id`, or `null`.
	pub fn get(&self, params: &Params) -> Result<Option<ConsentJson>, ErrorObjectOwned> {
		let args = Args::new(params, &["id", "at"])?;
		let id = args.consent_id("id")?;
		let consent = self.read(&args, "ConsentApi::consent", |api, at| api.consent(at, id))?;
		Ok(consent.map(|consent| ConsentJson::new(id, &consent)))
	}

	/// `consent_listByPatient`: the stored consents of `patient`.
	pub fn list_by_patient(&self, params: &Params) -> Result<Vec<ConsentJson>, ErrorObjectOwned> {
		let args = Args::new(params, &["patient", "at"])?;
		let patient = args.account("patient")?;
		let consents = self.read(&args, "ConsentApi::consents_by_patient", |api, at| {
			api.consents_by_patient(at, patient)
		})?;
		Ok(consents.iter().map(|(id, consent)| ConsentJson::new(*id, consent)).collect())
	}

	/// `consent_listByGrantee`: the stored consents naming `grantee`.
	pub fn list_by_grantee(&self, params: &Params) -> Result<Vec<ConsentJson>, ErrorObjectOwned> {
		let args = Args::new(params, &["grantee", "at"])?;
		let grantee = args.account("grantee")?;
		let consents = self.read(&args, "ConsentApi::consents_by_grantee", |api, at| {
			api.consents_by_grantee(at, grantee)
		})?;
		Ok(consents.iter().map(|(id, consent)| ConsentJson::new(*id, consent)).collect())
	}

	/// `consent_accessLog`: the access log of `patient`.
	pub fn access_log(&self, params: &Params) -> Result<AccessLogJson, ErrorObjectOwned> {
		let args = Args::new(params, &["patient", "at"])?;
		let patient = args.account("patient")?;
		let log =
			self.read(&args, "ConsentApi::access_log", |api, at| api.access_log(at, patient))?;
		Ok(log.into())
	}

	/// `consent_verifyRecord`: who anchored `recordHash` for `patient`, or `null`.
	pub fn verify_record(
		&self,
		params: &Params,
	) -> Result<Option<RecordAnchorJson>, ErrorObjectOwned> {
		let args = Args::new(params, &["patient", "recordHash", "at"])?;
		let patient = args.account("patient")?;
		let record_hash = args.hash32("recordHash")?;
		let anchor = self.read(&args, "ConsentApi::record_anchor", |api, at| {
			api.record_anchor(at, patient, record_hash)
		})?;
		Ok(anchor.map(RecordAnchorJson::from))
	}

	/// `consent_toFhir`: the consent `id` as a FHIR R5 `Consent`, or `null`.
	pub fn to_fhir(
		&self,
		params: &Params,
	) -> Result<Option<carechain_fhir::Consent>, ErrorObjectOwned> {
		let args = Args::new(params, &["id", "at"])?;
		let id = args.consent_id("id")?;
		let consent = self.read(&args, "ConsentApi::consent", |api, at| api.consent(at, id))?;
		Ok(consent.map(|consent| carechain_fhir::to_fhir(id, &consent)))
	}

	/// `providers_get`: the provider `account`, or the organisation of staff member `account`.
	pub fn provider(&self, params: &Params) -> Result<Option<ProviderJson>, ErrorObjectOwned> {
		let args = Args::new(params, &["account", "at"])?;
		let account = args.account("account")?;
		let view =
			self.read(&args, "ProviderRegistryApi::provider", |api, at| api.provider(at, account))?;
		Ok(view.map(ProviderJson::from))
	}
}

/// `consent_fromFhir`: the `grant` a FHIR R5 `Consent` (`resource`) stands for, refusing what
/// CareChain cannot express with an error naming the element (`resource.provision[0].purpose[0]`).
/// The period must end after the node's current time.
pub fn from_fhir(params: &Params) -> Result<GrantJson, ErrorObjectOwned> {
	let args = Args::new(params, &["resource"])?;
	let resource: carechain_fhir::Consent = args.object("resource", "a FHIR R5 Consent")?;
	carechain_fhir::to_grant(&resource, carechain_fhir::wall_clock_now())
		.map(|grant| GrantJson::from(&grant))
		.map_err(|e| invalid(&format!("resource.{}", e.element), e.reason))
}

/// The error of a failed runtime call: which call, at which block, and why.
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
