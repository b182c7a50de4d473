//! A FHIR Consent file made into the patient's signed `Consent::grant`, submitted and followed
//! until it is in a block ([`crate::submit`]), with the consent id (or the dispatch error) read
//! from that block's events.

use std::path::Path;

use carechain_fhir::GrantArgs;
use carechain_runtime::RuntimeCall;
use jsonrpsee::ws_client::WsClient;
use serde_json::{json, Value};
use sp_core::{crypto::Ss58Codec, Pair as _};
use sp_runtime::{traits::IdentifyAccount, MultiSigner};

use crate::{
	submit::{sign_and_submit, signing_key, Included},
	Error,
};

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
	let pair = signing_key(key, "patient")?;
	let signer = MultiSigner::from(pair.public()).into_account();
	if signer != grant.patient {
		return Err(format!(
			"the key signs for {} but the Consent's subject is Patient/{}",
			signer.to_ss58check(),
			grant.patient.to_ss58check()
		)
		.into());
	}

	if grant.categories.has_sensitive() {
		let sensitive: Vec<&str> =
			grant.categories.iter().filter(|c| c.is_sensitive()).map(|c| c.name()).collect();
		return Err(format!(
			"the Consent covers sensitive categories ({}), which go on chain only sealed: grant \
			 them from the patient's wallet (carechain-pseudonyms prepareSealedGrant)",
			sensitive.join(", ")
		)
		.into());
	}
	let call = RuntimeCall::Consent(pallet_consent::Call::grant {
		grantee: grant.grantee.clone(),
		categories: grant.categories.to_standard_list(),
		actions: grant.actions.to_list(),
		purposes: grant.purposes.to_list(),
		expires_at: grant.expires_at,
	});
	let Included { block, extrinsic, outcome } = sign_and_submit(client, call, &pair).await?;
	let events =
		outcome.map_err(|error| format!("the grant failed in block {block:?}: {error}"))?;
	let consent_id = events
		.iter()
		.find(|event| event.pallet == "Consent" && event.name == "ConsentGranted")
		.ok_or_else(|| format!("no ConsentGranted event for the transaction in block {block:?}"))?
		.field("consent_id")
		.and_then(|id| id.as_u128())
		.and_then(|id| u64::try_from(id).ok())
		.ok_or("ConsentGranted has no consent_id")?;
	Ok(json!({ "consentId": consent_id, "block": block, "extrinsic": extrinsic }))
}
