//! A FHIR Consent file made into the patient's signed `Consent::grant`, submitted and followed
//! until it is in a block, with the consent id (or the dispatch error) read from that block's
//! events through the metadata ([`crate::events`]).

use std::path::Path;

use carechain_fhir::GrantArgs;
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
use serde_json::{json, Value};
use sp_core::{
	bytes::to_hex,
	crypto::{Pair as _, Ss58Codec},
	sr25519,
};
use sp_runtime::{traits::IdentifyAccount, MultiSigner};

use crate::{events, Error};

/// The grant a FHIR R5 `Consent` JSON file asks for, or why it cannot be one (the FHIR element
/// at fault).
pub fn read_fhir(path: &Path) -> Result<GrantArgs, Error> {
	let text = std::fs::read_to_string(path)
		.map_err(|e| format!("cannot read {}: {e}", path.display()))?;
	let resource: carechain_fhir::Consent = serde_json::from_str(&text)
		.map_err(|e| format!("{} is not a FHIR R5 Consent CareChain reads: {e}", path.display()))?;
	carechain_fhir::to_grant(&resource, carechain_fhir::wall_clock_now())
		.map_err(|e| format!("{}: {e}", path.display()).into())
}

/// Signs `grant` with the patient's `key`, submits it and waits for its block. Returns
/// `{ consentId, block, extrinsic }`.
pub async fn submit(client: &WsClient, grant: &GrantArgs, key: &str) -> Result<Value, Error> {
	let pair = sr25519::Pair::from_string(key, None)
		.map_err(|e| format!("the patient key is not a secret URI or seed phrase: {e:?}"))?;
	let signer = MultiSigner::from(pair.public()).into_account();
	if signer != grant.patient {
		return Err(format!(
			"the key signs for {} but the Consent's subject is Patient/{}",
			signer.to_ss58check(),
			grant.patient.to_ss58check()
		)
		.into());
	}

	let call = RuntimeCall::Consent(pallet_consent::Call::grant {
		grantee: grant.grantee.clone(),
		categories: grant.categories.to_list(),
		actions: grant.actions.to_list(),
		purposes: grant.purposes.to_list(),
		expires_at: grant.expires_at,
	});
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
	let consent_id = outcome(client, block, &encoded).await?;
	Ok(json!({ "consentId": consent_id, "block": block, "extrinsic": encoded }))
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

/// The consent id granted by the extrinsic in `block`, or its dispatch error, read from the
/// block's events through the chain's metadata.
async fn outcome(client: &WsClient, block: Hash, encoded: &str) -> Result<u64, Error> {
	let body: Value = client.request("chain_getBlock", rpc_params![block]).await?;
	let index = body["block"]["extrinsics"]
		.as_array()
		.and_then(|extrinsics| extrinsics.iter().position(|xt| xt == encoded))
		.ok_or_else(|| format!("block {block:?} does not hold the transaction"))?;
	let index = u32::try_from(index)?;
	let metadata = events::metadata(client, block).await?;
	let events = events::events_of(client, block, &metadata).await?;
	for event in events.iter().filter(|event| event.extrinsic == Some(index)) {
		match (event.pallet.as_str(), event.name.as_str()) {
			("Consent", "ConsentGranted") => {
				return event
					.field("consent_id")
					.and_then(|id| id.as_u128())
					.and_then(|id| u64::try_from(id).ok())
					.ok_or_else(|| "ConsentGranted has no consent_id".into());
			},
			("System", "ExtrinsicFailed") => {
				let error = event
					.field("dispatch_error")
					.map(|error| events::dispatch_error_name(&metadata, error))
					.unwrap_or_else(|| "an unknown error".into());
				return Err(format!("the grant failed in block {block:?}: {error}").into());
			},
			_ => {},
		}
	}
	Err(format!("no ConsentGranted event for the transaction in block {block:?}").into())
}
