//! The clinic's encryption key (`carechain_sealing`): the secret seed kept in a file beside the
//! EHR, its public half published in the provider registry, and the consent salts sealed to it
//! opened into the tags that stand for sensitive categories (`docs/sealed-scopes.md`).

use std::path::Path;

use carechain_primitives::DataCategory;
use carechain_runtime::RuntimeCall;
use carechain_sealing::{sealed_tag, EncryptionKeyPair, SealedSalt, SEALED_SALT_LEN};
use jsonrpsee::ws_client::WsClient;
use serde_json::{json, Value};
use sp_core::bytes::{from_hex, to_hex};

use crate::{
	submit::{sign_and_submit, signing_key, Included},
	Error,
};

/// The key pair whose seed `path` holds (one line, 0x and 64 hex digits). With `generate`, a
/// missing file is created with a fresh seed, readable by its owner only; an existing file is
/// never overwritten.
pub fn key_pair(path: &Path, generate: bool) -> Result<EncryptionKeyPair, Error> {
	if generate && !path.exists() {
		let seed = carechain_sealing::new_key_seed();
		write_secret(path, &format!("{}\n", to_hex(&seed, false)))?;
	}
	let text = std::fs::read_to_string(path).map_err(|e| {
		format!(
			"cannot read the secret key file {}: {e} (create one with --generate)",
			path.display()
		)
	})?;
	let seed: [u8; 32] =
		from_hex(text.trim()).ok().and_then(|bytes| bytes.try_into().ok()).ok_or_else(|| {
			format!("{} does not hold a 32-byte seed (0x and 64 hex digits)", path.display())
		})?;
	Ok(EncryptionKeyPair::from_seed(&seed))
}

#[cfg(unix)]
fn write_secret(path: &Path, contents: &str) -> Result<(), Error> {
	use std::{io::Write, os::unix::fs::OpenOptionsExt};
	let mut file = std::fs::OpenOptions::new()
		.write(true)
		.create_new(true)
		.mode(0o600)
		.open(path)
		.map_err(|e| format!("cannot create {}: {e}", path.display()))?;
	file.write_all(contents.as_bytes())?;
	Ok(())
}

#[cfg(not(unix))]
fn write_secret(path: &Path, contents: &str) -> Result<(), Error> {
	std::fs::write(path, contents)
		.map_err(|e| format!("cannot create {}: {e}", path.display()).into())
}

/// Publishes `pair`'s public key as the provider `key` signs for
/// (`ProviderRegistry::set_encryption_key`). Returns `{ block, rotated }`.
pub async fn publish(
	client: &WsClient,
	pair: &EncryptionKeyPair,
	key: &str,
) -> Result<Value, Error> {
	let provider = signing_key(key, "provider")?;
	let call = RuntimeCall::ProviderRegistry(pallet_provider_registry::Call::set_encryption_key {
		key: pair.public_key(),
	});
	let Included { block, outcome, .. } = sign_and_submit(client, call, &provider).await?;
	let events = outcome
		.map_err(|error| format!("publishing the key failed in block {block:?}: {error}"))?;
	let rotated = events
		.iter()
		.find(|e| e.pallet == "ProviderRegistry" && e.name == "EncryptionKeySet")
		.and_then(|e| e.field("rotated"))
		.and_then(|rotated| rotated.as_bool())
		.ok_or_else(|| {
			format!("no EncryptionKeySet event for the transaction in block {block:?}")
		})?;
	Ok(json!({ "block": block, "rotated": rotated }))
}

/// The tag of sensitive `category` under the salt sealed in `sealed` (0x hex) to `pair`:
/// `{ category, tag }`. Refused, saying why, when the box does not open with this key or the
/// category is not sensitive (standard categories are named in clear).
pub fn tag(pair: &EncryptionKeyPair, sealed: &str, category: &str) -> Result<Value, Error> {
	let category = DataCategory::from_name(category)
		.ok_or_else(|| format!("{category} is not a data category"))?;
	if !category.is_sensitive() {
		return Err(format!(
			"{} is not a sensitive category: it is named in clear, not by a tag",
			category.name()
		)
		.into());
	}
	let sealed: SealedSalt = from_hex(sealed)
		.ok()
		.and_then(|bytes| bytes.try_into().ok())
		.ok_or_else(|| format!("the sealed salt is not {SEALED_SALT_LEN} bytes of 0x hex"))?;
	let salt = pair.open_salt(&sealed)?;
	Ok(json!({ "category": category.name(), "tag": to_hex(&sealed_tag(&salt, category), false) }))
}

#[cfg(test)]
mod tests {
	use super::*;

	fn temp_path(name: &str) -> std::path::PathBuf {
		let dir =
			std::env::temp_dir().join(format!("carechain-clinic-{}-{name}", std::process::id()));
		let _ = std::fs::remove_file(&dir);
		dir
	}

	#[test]
	fn a_generated_key_file_is_kept_and_never_overwritten() {
		let path = temp_path("key");
		assert!(key_pair(&path, false).unwrap_err().to_string().contains("--generate"));
		let first = key_pair(&path, true).unwrap().public_key();
		assert_eq!(key_pair(&path, true).unwrap().public_key(), first, "not overwritten");
		assert_eq!(key_pair(&path, false).unwrap().public_key(), first);
		#[cfg(unix)]
		{
			use std::os::unix::fs::PermissionsExt;
			let mode = std::fs::metadata(&path).unwrap().permissions().mode();
			assert_eq!(mode & 0o777, 0o600, "readable by its owner only");
		}
		std::fs::write(&path, "0x1234\n").unwrap();
		assert!(key_pair(&path, false).unwrap_err().to_string().contains("32-byte seed"));
		std::fs::remove_file(&path).unwrap();
	}

	#[test]
	fn a_salt_sealed_to_the_clinic_opens_into_the_category_s_tag() {
		let pair = EncryptionKeyPair::from_seed(&[1; 32]);
		let salt = [7u8; 32];
		let sealed = carechain_sealing::seal_salt(&salt, &pair.public_key()).unwrap();
		let answer = tag(&pair, &to_hex(&sealed, false), "Hiv").unwrap();
		assert_eq!(answer["tag"], to_hex(&sealed_tag(&salt, DataCategory::Hiv), false));
		let stranger = EncryptionKeyPair::from_seed(&[2; 32]);
		let refused = tag(&stranger, &to_hex(&sealed, false), "Hiv").unwrap_err().to_string();
		assert!(refused.contains("does not open with this key"), "{refused}");
		let clear = tag(&pair, &to_hex(&sealed, false), "LabResults").unwrap_err().to_string();
		assert!(clear.contains("not a sensitive category"), "{clear}");
		assert!(tag(&pair, "0x12", "Hiv").unwrap_err().to_string().contains("80 bytes"));
		assert!(tag(&pair, "0x12", "Flu").unwrap_err().to_string().contains("not a data category"));
	}
}
