//! The node the gateway talks to: one WebSocket JSON-RPC connection (made again when it drops),
//! the clinic's key, and the party-signed reads it makes with that key (`carechain_rpc::auth`).
//! Every call is bounded by [`CALL_TIMEOUT`]; a node that refuses, fails or does not answer
//! becomes the OperationOutcome the FHIR client sees.

use std::{sync::Arc, time::Duration};

use axum::http::StatusCode;
use carechain_primitives::claim::{ClaimId, CoverageId, Day};
use carechain_primitives::{
	sealed::EncryptionKey, AccessedCategory, Action, ConsentId, PurposeOfUse,
};
use carechain_rpc::{
	auth::{now_ms, sign, Canonical, ReadAuth, AUTH_REFUSED},
	claims::{ClaimJson, CoverageJson, ExplanationJson},
	json::{AccessLogJson, ConsentJson, DecisionJson},
	param::{bytes32, Param, INVALID_PARAMS},
	ClaimsRpcClient, ConsentRpcClient, ProvidersRpcClient,
};
use jsonrpsee::{
	core::client::{ClientT, Error as ClientError},
	rpc_params,
	ws_client::{WsClient, WsClientBuilder},
};
use serde_json::Value;
use sp_core::{crypto::AccountId32, sr25519, Pair, H256};
use tokio::sync::Mutex;

use crate::outcome::Failure;

/// Longest wait for one node call.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(15);

/// The node and the clinic's key.
pub struct Node {
	url: String,
	pair: sr25519::Pair,
	connection: Mutex<Option<Arc<Connection>>>,
}

/// An open connection and the genesis hash of the chain behind it, which every signed read
/// names: read once per connection, so a signed read costs two round trips (nonce, read).
pub struct Connection {
	client: WsClient,
	genesis: H256,
}

impl Node {
	/// A node at `url`, read as the holder of `pair`; connects on first use.
	pub fn new(url: String, pair: sr25519::Pair) -> Self {
		Self { url, pair, connection: Mutex::new(None) }
	}

	/// The clinic's account (the signer of its reads).
	pub fn account(&self) -> AccountId32 {
		self.pair.public().into()
	}

	/// The node's address, as configured.
	pub fn url(&self) -> &str {
		&self.url
	}

	/// The open connection, or a new one if there is none or it dropped.
	async fn connection(&self) -> Result<Arc<Connection>, Failure> {
		let mut connection = self.connection.lock().await;
		if let Some(open) = connection.as_ref().filter(|open| open.client.is_connected()) {
			return Ok(open.clone());
		}
		let connect = async {
			let client = WsClientBuilder::default().build(&self.url).await?;
			let genesis: H256 = client.request("chain_getBlockHash", rpc_params![0]).await?;
			Ok::<_, ClientError>(Connection { client, genesis })
		};
		let open = tokio::time::timeout(CALL_TIMEOUT, connect)
			.await
			.map_err(|_| unreachable_node(&self.url, "no answer"))?
			.map_err(|e| unreachable_node(&self.url, &e.to_string()))?;
		let open = Arc::new(open);
		*connection = Some(open.clone());
		Ok(open)
	}

	/// `call` on the connection, bounded by [`CALL_TIMEOUT`]; `method` names it in failures.
	async fn call<T, F, Fut>(&self, method: &str, call: F) -> Result<T, Failure>
	where
		F: FnOnce(Arc<Connection>) -> Fut,
		Fut: std::future::Future<Output = Result<T, ClientError>>,
	{
		let connection = self.connection().await?;
		match tokio::time::timeout(CALL_TIMEOUT, call(connection)).await {
			Ok(answer) => answer.map_err(|error| node_failure(method, error)),
			Err(_) => Err(Failure::new(
				StatusCode::GATEWAY_TIMEOUT,
				"timeout",
				format!("the node did not answer {method} within {} s", CALL_TIMEOUT.as_secs()),
			)),
		}
	}

	/// The clinic's `auth` for one read of `method` with `params` (canonical forms): a fresh
	/// nonce of the node, signed with the chain's genesis.
	async fn authorise(
		&self,
		connection: &Connection,
		method: &str,
		params: &[Value],
	) -> Result<ReadAuth, ClientError> {
		let nonce = ConsentRpcClient::<H256>::read_nonce(&connection.client).await?;
		let nonce = bytes32(&Value::String(nonce.nonce), "a nonce")
			.map_err(|e| ClientError::Custom(format!("the node's nonce: {e}")))?;
		Ok(sign(&self.pair, connection.genesis.as_bytes(), method, params, now_ms(), &nonce))
	}

	/// A read of `method` with `params` (their canonical forms) signed by the clinic: a fresh
	/// nonce, then `read` with the signature.
	async fn signed<T, F, Fut>(
		&self,
		method: &str,
		params: Vec<Value>,
		read: F,
	) -> Result<T, Failure>
	where
		F: FnOnce(Arc<Connection>, ReadAuth) -> Fut,
		Fut: std::future::Future<Output = Result<T, ClientError>>,
	{
		self.call(method, |connection| async move {
			let auth = self.authorise(&connection, method, &params).await?;
			read(connection, auth).await
		})
		.await
	}

	/// The consent `id` as the clinic may read it (`consent_get`), with its sealed scope, or
	/// `None`.
	pub async fn consent(&self, id: ConsentId) -> Result<Option<ConsentJson>, Failure> {
		self.signed(
			"consent_get",
			vec![id.canonical(), Value::Null],
			|connection, auth| async move {
				ConsentRpcClient::<H256>::get(
					&connection.client,
					Param::of(&id),
					Some(Param::of(&auth)),
					None,
				)
				.await
			},
		)
		.await
	}

	/// The stored consents naming `grantee` (`consent_listByGrantee`), read as the clinic.
	pub async fn consents_of_grantee(
		&self,
		grantee: &AccountId32,
	) -> Result<Vec<ConsentJson>, Failure> {
		let params = vec![grantee.canonical(), Value::Null];
		self.signed("consent_listByGrantee", params, |connection, auth| async move {
			let auth = Some(Param::of(&auth));
			ConsentRpcClient::<H256>::list_by_grantee(
				&connection.client,
				Param::of(grantee),
				auth,
				None,
			)
			.await
		})
		.await
	}

	/// The clinic's entries of `patient`'s access log (`consent_accessLog`, accessor view), or
	/// `None` if it has none among the recent entries (the node then answers that the clinic is
	/// no party of the log: to a FHIR client that is an empty search, not a refusal).
	pub async fn access_log(
		&self,
		patient: &AccountId32,
	) -> Result<Option<AccessLogJson>, Failure> {
		let params = vec![patient.canonical(), Value::Null];
		self.signed("consent_accessLog", params, |connection, auth| async move {
			let auth = Some(Param::of(&auth));
			let log = ConsentRpcClient::<H256>::access_log(
				&connection.client,
				Param::of(patient),
				auth,
				None,
			)
			.await;
			match log {
				Err(ClientError::Call(refusal)) if is_not_a_party(&refusal) => Ok(None),
				other => other.map(Some),
			}
		})
		.await
	}

	/// May `accessor` do `action` on `patient`'s `category` data for `purpose` now
	/// (`consent_checkAccess`)?
	pub async fn check_access(
		&self,
		patient: &AccountId32,
		accessor: &AccountId32,
		category: AccessedCategory,
		action: Action,
		purpose: PurposeOfUse,
	) -> Result<DecisionJson, Failure> {
		self.call("consent_checkAccess", |connection| async move {
			ConsentRpcClient::<H256>::check_access(
				&connection.client,
				Param::of(patient),
				Param::of(accessor),
				Param::of(&category),
				Param::of(&action),
				Param::of(&purpose),
				None,
			)
			.await
		})
		.await
	}

	/// Whether coverage `coverage` is in force on `day` (`claims_eligibility`, open).
	pub async fn eligibility(&self, coverage: CoverageId, day: Day) -> Result<bool, Failure> {
		let answer = self
			.call("claims_eligibility", |connection| async move {
				ClaimsRpcClient::<H256>::eligibility(
					&connection.client,
					Param::of(&coverage),
					Param::of(&day),
					None,
				)
				.await
			})
			.await?;
		Ok(answer.inforce)
	}

	/// Coverage `id` as the clinic may read it (`claims_coverage`: the insurer's staff), or
	/// `None`.
	pub async fn coverage(&self, id: CoverageId) -> Result<Option<CoverageJson>, Failure> {
		self.signed(
			"claims_coverage",
			vec![id.canonical(), Value::Null],
			|connection, auth| async move {
				let auth = Some(Param::of(&auth));
				ClaimsRpcClient::<H256>::coverage(&connection.client, Param::of(&id), auth, None)
					.await
			},
		)
		.await
	}

	/// Claim `id` as the clinic may read it (`claims_claim`: the insurer or the billing
	/// provider), or `None`.
	pub async fn claim(&self, id: ClaimId) -> Result<Option<ClaimJson>, Failure> {
		self.signed(
			"claims_claim",
			vec![id.canonical(), Value::Null],
			|connection, auth| async move {
				let auth = Some(Param::of(&auth));
				ClaimsRpcClient::<H256>::claim(&connection.client, Param::of(&id), auth, None).await
			},
		)
		.await
	}

	/// The explanation of benefit of claim `id` (`claims_explanationOfBenefit`), or `None`.
	pub async fn explanation_of_benefit(
		&self,
		id: ClaimId,
	) -> Result<Option<ExplanationJson>, Failure> {
		let params = vec![id.canonical(), Value::Null];
		self.signed("claims_explanationOfBenefit", params, |connection, auth| async move {
			let auth = Some(Param::of(&auth));
			ClaimsRpcClient::<H256>::explanation_of_benefit(
				&connection.client,
				Param::of(&id),
				auth,
				None,
			)
			.await
		})
		.await
	}

	/// The encryption key `account` published in the provider registry (`providers_get`), its
	/// organisation's for a staff member; `None` if it published none or is no provider.
	pub async fn encryption_key(
		&self,
		account: &AccountId32,
	) -> Result<Option<EncryptionKey>, Failure> {
		let view = self
			.call("providers_get", |connection| async move {
				ProvidersRpcClient::<H256>::get(&connection.client, Param::of(account), None).await
			})
			.await?;
		Ok(view.and_then(|view| view.published_key()))
	}

	/// The `transactionVersion` of the node's runtime: calls encoded by this gateway's build are
	/// valid on it only if it equals the build's.
	pub async fn transaction_version(&self) -> Result<u32, Failure> {
		let version: Value = self
			.call("state_getRuntimeVersion", |connection| async move {
				connection.client.request("state_getRuntimeVersion", rpc_params![]).await
			})
			.await?;
		version
			.get("transactionVersion")
			.and_then(Value::as_u64)
			.and_then(|v| u32::try_from(v).ok())
			.ok_or_else(|| {
				Failure::new(
					StatusCode::BAD_GATEWAY,
					"exception",
					"the node's runtime version has no transactionVersion",
				)
			})
	}
}

/// Whether the node refused a read because the signer is no party of it (`data.reason`).
fn is_not_a_party(refusal: &jsonrpsee::types::ErrorObjectOwned) -> bool {
	refusal.code() == AUTH_REFUSED
		&& refusal
			.data()
			.and_then(|data| serde_json::from_str::<Value>(data.get()).ok())
			.is_some_and(|data| data["reason"] == "notAParty")
}

fn unreachable_node(url: &str, why: &str) -> Failure {
	Failure::new(
		StatusCode::BAD_GATEWAY,
		"transient",
		format!("cannot reach the CareChain node at {url}: {why}"),
	)
}

/// A node's refusal or failure of `method`, as the FHIR client should see it: a read the
/// clinic is not a party of is 403; a parameter the node refuses is 400 (the gateway checks
/// parameters first, so this is rare); anything else is the node failing (502).
fn node_failure(method: &str, error: ClientError) -> Failure {
	match error {
		ClientError::Call(refusal) if refusal.code() == AUTH_REFUSED => Failure::new(
			StatusCode::FORBIDDEN,
			"forbidden",
			format!("the node refuses this clinic's read ({method}): {}", refusal.message()),
		),
		ClientError::Call(refusal) if refusal.code() == INVALID_PARAMS => {
			Failure::bad_request(format!("{method}: {}", refusal.message()))
		},
		ClientError::Call(refusal) => Failure::new(
			StatusCode::BAD_GATEWAY,
			"exception",
			format!("the node failed {method}: {}", refusal.message()),
		),
		other => Failure::new(
			StatusCode::BAD_GATEWAY,
			"transient",
			format!("the node connection failed during {method}: {other}"),
		),
	}
}
