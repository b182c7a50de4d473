//! The node's public JSON-RPC face (`--public-rpc-addr`): what wallets and clinic software
//! need, and no raw state.
//!
//! The full RPC (`--rpc-port`) can read any storage item, key and proof, and sc-service merges
//! `state_*`, `chainHead_v1_*` and `archive_v1_*` into it itself; it stays on loopback for the
//! node's own organisation. This second listener serves only the methods of [`PUBLIC_STANDARD_METHODS`] and CareChain's:
//! submitting and watching extrinsics, chain heads and finality, metadata and the runtime
//! version, the node's name and health, account nonces and fee estimates, and CareChain's
//! `consent_*` / `providers_*` methods, whose consent reads are party-signed. Two methods are
//! narrowed rather than left out, because wallets cannot work without them: `state_call` runs
//! only the runtime APIs of [`PUBLIC_RUNTIME_CALLS`] (metadata, version, nonces, fees, the
//! yes/no consent check), and `state_getStorage` reads only `System.Events` (a wallet learns
//! from it whether its extrinsic succeeded).
//!
//! What stays open anyway, and is written down in `docs/privacy.md`: block bodies
//! (`chain_getBlock`: every extrinsic with its signer and arguments) and events, which every
//! consortium node holds too.

use std::{net::SocketAddr, sync::Arc};

use carechain_rpc::CareChainRpc;
use carechain_runtime::{opaque::Block, Balance};
use jsonrpsee::{
	server::{RpcModule, Server},
	types::{ErrorObjectOwned, Params},
	MethodsError,
};
use sc_service::{SpawnTaskHandle, TaskManager};
use sc_utils::mpsc::TracingUnboundedSender;
use sp_core::{hexdisplay::HexDisplay, Bytes, H256};
use sp_io::hashing::twox_128;

use crate::service::{FullBackend, FullClient, FullPool};

/// Every standard method of the public face, by the name it is registered under; with them
/// the face serves CareChain's methods (`carechain_rpc::METHODS`) but those only the asker's own
/// node may hear (`carechain_rpc::OWN_NODE_METHODS`). `state_call` and
/// `state_getStorage` are narrowed (see the module docs); `rpc_methods` lists them all.
pub const PUBLIC_STANDARD_METHODS: &[&str] = &[
	"chain_getBlock",
	"chain_getBlockHash",
	"chain_getFinalizedHead",
	"chain_getHeader",
	"chain_subscribeAllHeads",
	"chain_unsubscribeAllHeads",
	"chain_subscribeFinalizedHeads",
	"chain_unsubscribeFinalizedHeads",
	"chain_subscribeNewHeads",
	"chain_unsubscribeNewHeads",
	// The names @polkadot/api subscribes new heads under (sc-rpc's aliases).
	"chain_subscribeNewHead",
	"chain_unsubscribeNewHead",
	"state_getMetadata",
	"state_getRuntimeVersion",
	"state_subscribeRuntimeVersion",
	"state_unsubscribeRuntimeVersion",
	"author_submitExtrinsic",
	"author_submitAndWatchExtrinsic",
	"author_unwatchExtrinsic",
	"system_chain",
	"system_chainType",
	"system_health",
	"system_name",
	"system_properties",
	"system_version",
	"system_accountNextIndex",
	"payment_queryInfo",
	"payment_queryFeeDetails",
];

/// The runtime APIs `state_call` runs on the public face: what wallets read to build, sign and
/// price extrinsics, and the consent check that is open to anyone.
pub const PUBLIC_RUNTIME_CALLS: &[&str] = &[
	"Core_version",
	"Metadata_metadata",
	"Metadata_metadata_at_version",
	"Metadata_metadata_versions",
	"AccountNonceApi_account_nonce",
	"TransactionPaymentApi_query_info",
	"TransactionPaymentApi_query_fee_details",
	"ConsentApi_check_access",
	"ConsentApi_check_sealed_access",
];

/// Largest request the public face reads, in bytes (an extrinsic with a runtime upgrade is
/// never sent here).
const MAX_REQUEST_BYTES: u32 = 1024 * 1024;
/// Most connections the public face holds at once.
const MAX_CONNECTIONS: u32 = 200;
/// Most subscriptions one connection holds.
const MAX_SUBSCRIPTIONS_PER_CONNECTION: u32 = 64;

/// JSON-RPC error of a method or runtime call the public face does not serve.
pub const NOT_PUBLIC: i32 = -32601;

/// The storage key of `System.Events`.
fn events_key() -> String {
	let key = [twox_128(b"System"), twox_128(b"Events")].concat();
	format!("0x{}", HexDisplay::from(&key))
}

/// The module of the public face: [`PUBLIC_STANDARD_METHODS`] and CareChain's methods taken from `all` (the node's RPC, built
/// again for this listener), with `state_call` and `state_getStorage` narrowed over `state`.
pub fn public_module(
	mut all: RpcModule<()>,
	state: RpcModule<()>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>> {
	let mut public = RpcModule::new(());
	let carechain = carechain_rpc::METHODS
		.iter()
		.filter(|name| !carechain_rpc::OWN_NODE_METHODS.contains(name));
	for name in PUBLIC_STANDARD_METHODS.iter().chain(carechain) {
		let callback = all
			.remove_method(name)
			.ok_or_else(|| format!("the node serves no `{name}` for its public face"))?;
		public.verify_and_insert(name, callback)?;
	}

	let mut narrowed = RpcModule::new(Arc::new(state));
	narrowed.register_async_method("state_call", |params, state, _| async move {
		let mut params = params.sequence();
		let (name, bytes): (String, Bytes) = (params.next()?, params.next()?);
		let at: Option<H256> = params.optional_next()?;
		if !PUBLIC_RUNTIME_CALLS.contains(&name.as_str()) {
			return Err(not_public(&format!(
				"state_call of `{}`: the public face runs only {}",
				carechain_rpc::param::clip(&name),
				PUBLIC_RUNTIME_CALLS.join(", ")
			)));
		}
		forward::<Bytes>(&state, "state_call", (name, bytes, at)).await
	})?;
	narrowed.register_async_method(
		"state_getStorage",
		|params: Params<'static>, state, _| async move {
			let mut params = params.sequence();
			let key: String = params.next()?;
			let at: Option<H256> = params.optional_next()?;
			if key.to_lowercase() != events_key() {
				return Err(not_public(
					"state_getStorage of any key but System.Events: the public face serves no raw state",
				));
			}
			forward::<Option<Bytes>>(&state, "state_getStorage", (key, at)).await
		},
	)?;
	public.merge(narrowed)?;

	let mut methods: Vec<&str> = public.method_names().collect();
	methods.push("rpc_methods");
	methods.sort_unstable();
	let listing = serde_json::json!({ "methods": methods });
	public.register_method("rpc_methods", move |_, _, _| listing.clone())?;
	Ok(public)
}

/// Calls `method` of `state` with `params`, passing its error on.
async fn forward<T: jsonrpsee::core::DeserializeOwned + Clone>(
	state: &RpcModule<()>,
	method: &str,
	params: impl jsonrpsee::core::traits::ToRpcParams + Send,
) -> Result<T, ErrorObjectOwned> {
	state.call(method, params).await.map_err(|e| match e {
		MethodsError::JsonRpc(error) => error,
		other => ErrorObjectOwned::owned(-32603, other.to_string(), None::<()>),
	})
}

/// The error of something the public face does not serve.
fn not_public(what: &str) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(NOT_PUBLIC, format!("not served publicly: {what}"), None::<()>)
}

/// Binds `addr` (failing the node's start if it cannot) and serves `module` there until the
/// node stops.
pub fn start(
	addr: SocketAddr,
	module: RpcModule<()>,
	task_manager: &TaskManager,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
	let listener = std::net::TcpListener::bind(addr)
		.map_err(|e| format!("cannot listen for the public RPC on {addr}: {e}"))?;
	listener.set_nonblocking(true)?;
	let server = Server::builder()
		.max_request_body_size(MAX_REQUEST_BYTES)
		.max_response_body_size(16 * MAX_REQUEST_BYTES)
		.max_connections(MAX_CONNECTIONS)
		.max_subscriptions_per_connection(MAX_SUBSCRIPTIONS_PER_CONNECTION)
		.build_from_tcp(listener)?;
	let local = server.local_addr()?;
	let handle = server.start(module);
	log::info!(target: "carechain", "Public JSON-RPC face on {local} (no raw state)");
	spawn_until_stopped(task_manager.spawn_handle(), handle);
	Ok(())
}

/// Keeps the server running while the node runs (dropping the handle would stop it).
fn spawn_until_stopped(spawn: SpawnTaskHandle, handle: jsonrpsee::server::ServerHandle) {
	spawn.spawn("carechain-public-rpc", Some("rpc"), async move {
		handle.stopped().await;
	});
}

/// What the public face is built from.
pub struct PublicDeps {
	/// The client.
	pub client: Arc<FullClient>,
	/// The transaction pool, to submit extrinsics and count pending nonces.
	pub pool: Arc<FullPool>,
	/// The keystore (the `author_*` methods served here never touch it).
	pub keystore: sp_keystore::KeystorePtr,
	/// Spawns subscription tasks.
	pub spawn: SpawnTaskHandle,
	/// The node's name, version and chain, for `system_*`.
	pub system_info: sc_rpc::system::SystemInfo,
	/// The channel to the network worker, for `system_health`.
	pub system_rpc_tx: TracingUnboundedSender<sc_rpc::system::Request<Block>>,
	/// CareChain's methods, sharing the nonce book with the full RPC.
	pub carechain: CareChainRpc<FullClient, Block, Balance>,
}

/// Builds the node's RPC again for the public face and narrows it ([`public_module`]).
pub fn build(deps: PublicDeps) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>> {
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use sc_rpc::{
		author::AuthorApiServer, chain::ChainApiServer, state::StateApiServer,
		system::SystemApiServer,
	};
	use substrate_frame_rpc_system::SystemApiServer as AccountNonceServer;

	let PublicDeps { client, pool, keystore, spawn, system_info, system_rpc_tx, carechain } = deps;
	let executor: sc_rpc::SubscriptionTaskExecutor = Arc::new(spawn);
	let state = || {
		sc_rpc::state::new_full::<FullBackend, _, _>(client.clone(), executor.clone(), None)
			.0
			.into_rpc()
			.remove_context()
	};
	let mut all = RpcModule::new(());
	all.merge(sc_rpc::chain::new_full(client.clone(), executor.clone()).into_rpc())?;
	all.merge(state())?;
	all.merge(
		sc_rpc::author::Author::new(client.clone(), pool.clone(), keystore, executor.clone())
			.into_rpc(),
	)?;
	all.merge(sc_rpc::system::System::new(system_info, system_rpc_tx).into_rpc())?;
	all.merge(substrate_frame_rpc_system::System::new(client.clone(), pool).into_rpc())?;
	all.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	all.merge(carechain.into_module()?)?;
	public_module(all, state())
}
