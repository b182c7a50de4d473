//! A FHIR Consent file made into the patient's signed `Consent::grant`, submitted and followed
//! until it is in a block ([`crate::submit`]), with the consent id (or the dispatch error) read
//! from that block's events.

use std::path::Path;

use std::str::FromStr;

use carechain_fhir::GrantArgs;
use carechain_rpc::{param::Param, ProvidersRpcClient};
use carechain_runtime::RuntimeCall;
use carechain_sealing::{EncryptionKey, EncryptionKeyPair};
use jsonrpsee::ws_client::WsClient;
use serde_json::{json, Value};
use sp_core::{
	crypto::{ExposeSecret, SecretUri, Ss58Codec},
	sr25519, Pair as _, H256,
};
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

/// Signs `grant` with the patient's `key`, submits it and waits for its block; sensitive
/// categories sealed (`grant_sealed`) to the patient's key and the grantee's published one.
/// Returns `{ consentId, block, extrinsic }`.
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

	let call = if grant.categories.has_sensitive() {
		// Sensitive categories go on chain only sealed: under a fresh salt, boxed to the
		// patient's key (from the phrase) and the grantee's published one.
		let patient_key = patient_key_pair(key, &pair)?;
		let grantee_key = grantee_key(client, grant).await?;
		let (_, sealed) = carechain_sealing::prepare_sealed_scope(
			grant.categories.iter(),
			&[patient_key.public_key(), grantee_key],
		)
		.map_err(|e| format!("cannot seal the sensitive categories: {e}"))?;
		RuntimeCall::Consent(pallet_consent::Call::grant_sealed {
			grantee: grant.grantee.clone(),
			categories: grant.categories.to_standard_list(),
			sealed,
			actions: grant.actions.to_list(),
			purposes: grant.purposes.to_list(),
			expires_at: grant.expires_at,
		})
	} else {
		RuntimeCall::Consent(pallet_consent::Call::grant {
			grantee: grant.grantee.clone(),
			categories: grant.categories.to_standard_list(),
			actions: grant.actions.to_list(),
			purposes: grant.purposes.to_list(),
			expires_at: grant.expires_at,
		})
	};
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

/// The patient's encryption key pair for the pseudonym `pair` signs for, from the phrase of the
/// secret URI `key` (`carechain_sealing::patient_key_pair`): the key the patient's wallet derives
/// too, so the patient opens the consent again with the phrase alone.
fn patient_key_pair(key: &str, pair: &sr25519::Pair) -> Result<EncryptionKeyPair, Error> {
	let uri = SecretUri::from_str(key)
		.map_err(|e| format!("the patient key is not a secret URI or seed phrase: {e:?}"))?;
	let password = uri.password.as_ref().map(|p| p.expose_secret().as_str());
	let (_, mini_secret) = sr25519::Pair::from_phrase(uri.phrase.expose_secret(), password)
		.map_err(|_| {
			"the patient key has no seed phrase (a raw seed): the patient's encryption key, which \
			 seals sensitive categories, is derived from the phrase"
		})?;
	Ok(carechain_sealing::patient_key_pair(&mini_secret, &pair.public().0))
}

/// The encryption key the grantee published in the provider registry (`providers_get`).
async fn grantee_key(client: &WsClient, grant: &GrantArgs) -> Result<EncryptionKey, Error> {
	let view = ProvidersRpcClient::<H256>::get(client, Param::of(&grant.grantee), None).await?;
	view.and_then(|view| view.published_key()).ok_or_else(|| {
		format!(
			"the grantee {} has published no encryption key, so the sensitive categories \
			 cannot be sealed to it: it publishes one with `carechain-clinic encryption-key \
			 --publish`",
			grant.grantee.to_ss58check()
		)
		.into()
	})
}
