//! Signing a call as a wallet does, submitting it, following it into a block, and reading its
//! events there through the chain's metadata ([`crate::events`]).

use carechain_runtime::{
	wallet_tx_extension, wallet_tx_implicit, Hash, Nonce, RuntimeCall, SignedPayload,
	UncheckedExtrinsic,
};
use codec::Encode;
use jsonrpsee::{
	core::client::{ClientT, SubscriptionClientT},
	rpc_params,
	ws_client::WsClient,
};
use serde_json::Value;
use sp_core::{bytes::to_hex, crypto::Ss58Codec, sr25519, Pair as _};
use sp_runtime::{traits::IdentifyAccount, MultiSigner};

use crate::{
	events::{self, Event},
	Error,
};

/// A transaction in a block.
pub struct Included {
	/// The block that holds it.
	pub block: Hash,
	/// The extrinsic, SCALE-encoded, 0x hex.
	pub extrinsic: String,
	/// What it did: its events, or the dispatch error's name.
	pub outcome: Result<Vec<Event>, String>,
}

/// Signs `call` with `pair` (mortal, born at the best block, the nonce the node expects),
/// submits it, waits until a block includes it and reads its events there.
pub async fn sign_and_submit(
	client: &WsClient,
	call: RuntimeCall,
	pair: &sr25519::Pair,
) -> Result<Included, Error> {
	let signer = MultiSigner::from(pair.public()).into_account();
	let nonce: Nonce =
		client.request("system_accountNextIndex", rpc_params![signer.to_ss58check()]).await?;
	let genesis: Hash = client.request("chain_getBlockHash", rpc_params![0]).await?;
	let version: Value = client.request("state_getRuntimeVersion", rpc_params![]).await?;
	let version_field = |name: &str| {
		version[name]
			.as_u64()
			.and_then(|v| u32::try_from(v).ok())
			.ok_or_else(|| format!("the node's runtime version has no `{name}`"))
	};
	// The transaction is born in the best block and dies `WALLET_ERA_PERIOD` blocks later:
	// the runtime refuses immortal transactions.
	let best: Value = client.request("chain_getHeader", rpc_params![]).await?;
	let birth = best["number"]
		.as_str()
		.and_then(|hex| u32::from_str_radix(hex.trim_start_matches("0x"), 16).ok())
		.ok_or("the node's best header has no block number")?;
	let birth_hash: Hash = client.request("chain_getBlockHash", rpc_params![birth]).await?;
	let implicit = wallet_tx_implicit(
		version_field("specVersion")?,
		version_field("transactionVersion")?,
		genesis,
		birth_hash,
	);
	let extension = wallet_tx_extension(nonce, birth);
	let payload = SignedPayload::from_raw(call.clone(), extension.clone(), implicit);
	let signature = payload.using_encoded(|bytes| pair.sign(bytes));
	let extrinsic =
		UncheckedExtrinsic::new_signed(call, signer.into(), signature.into(), extension);
	let encoded = to_hex(&extrinsic.encode(), false);

	let block = included_in(client, &encoded).await?;
	let outcome = outcome(client, block, &encoded).await?;
	Ok(Included { block, extrinsic: encoded, outcome })
}

/// Submits the extrinsic and follows it until a block includes it.
async fn included_in(client: &WsClient, encoded: &str) -> Result<Hash, Error> {
	let mut status = client
		.subscribe::<Value, _>(
			"author_submitAndWatchExtrinsic",
			rpc_params![encoded],
			"author_unwatchExtrinsic",
		)
		.await
		.map_err(|e| format!("the node refused the transaction: {e}"))?;
	while let Some(update) = status.next().await {
		let update = update?;
		if let Some(block) = update.get("inBlock").or_else(|| update.get("finalized")) {
			return Ok(serde_json::from_value(block.clone())?);
		}
		// Still on its way: in the pool, or gossiped. Anything else (invalid, dropped,
		// usurped, ...) ends it.
		let pending = matches!(update.as_str(), Some("ready" | "future"))
			|| update.get("broadcast").is_some();
		if !pending {
			return Err(format!("the transaction was {update}").into());
		}
	}
	Err("the node closed the subscription before the transaction was in a block".into())
}

/// The events of the extrinsic in `block`, or the name of its dispatch error.
async fn outcome(
	client: &WsClient,
	block: Hash,
	encoded: &str,
) -> Result<Result<Vec<Event>, String>, Error> {
	let body: Value = client.request("chain_getBlock", rpc_params![block]).await?;
	let index = body["block"]["extrinsics"]
		.as_array()
		.and_then(|extrinsics| extrinsics.iter().position(|xt| xt == encoded))
		.ok_or_else(|| format!("block {block:?} does not hold the transaction"))?;
	let index = u32::try_from(index)?;
	let metadata = events::metadata(client, block).await?;
	let events: Vec<Event> = events::events_of(client, block, &metadata)
		.await?
		.into_iter()
		.filter(|event| event.extrinsic == Some(index))
		.collect();
	let failure = events.iter().find(|e| e.pallet == "System" && e.name == "ExtrinsicFailed");
	Ok(match failure {
		Some(failed) => Err(failed
			.field("dispatch_error")
			.map(|error| events::dispatch_error_name(&metadata, error))
			.unwrap_or_else(|| "an unknown error".into())),
		None => Ok(events),
	})
}

/// The sr25519 key of a secret URI or seed phrase; `whose` names it in the error.
pub fn signing_key(key: &str, whose: &str) -> Result<sr25519::Pair, Error> {
	sr25519::Pair::from_string(key, None)
		.map_err(|e| format!("the {whose} key is not a secret URI or seed phrase: {e:?}").into())
}
