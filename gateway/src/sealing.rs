//! The clinic's encryption key in the gateway (`docs/sealed-scopes.md`): with it the gateway
//! opens the salts that patients' wallets sealed to the clinic, reads a consent's tags as the
//! sensitive categories they stand for, and turns a sensitive category into the tag the node
//! checks, so that the node never sees the category. Nothing is sealed or opened on the node.

use std::path::Path;

use carechain_primitives::{AccessedCategory, DataCategory};
use carechain_rpc::json::{ConsentJson, SealedScopeJson};
use carechain_sealing::{
	open_tag, sealed_tag, ConsentSalt, EncryptionKeyPair, SealedSalt, SealedTag,
};

/// The key pair whose seed `path` holds: one line, `0x` and 64 hex digits, as
/// `carechain-clinic encryption-key --generate` writes it.
pub fn key_pair(path: &Path) -> Result<EncryptionKeyPair, String> {
	let text = std::fs::read_to_string(path)
		.map_err(|e| format!("cannot read the encryption key file {}: {e}", path.display()))?;
	let seed: [u8; 32] = sp_core::bytes::from_hex(text.trim())
		.ok()
		.and_then(|bytes| bytes.try_into().ok())
		.ok_or_else(|| {
			format!("{} does not hold a 32-byte seed (0x and 64 hex digits)", path.display())
		})?;
	Ok(EncryptionKeyPair::from_seed(&seed))
}

/// `N` bytes from `0x` hex, if that is what `text` is.
fn bytes<const N: usize>(text: &str) -> Option<[u8; N]> {
	sp_core::bytes::from_hex(text).ok()?.try_into().ok()
}

/// The salt of `sealed` that `key` opens: `None` if no box was sealed to it.
pub fn open_salt(key: &EncryptionKeyPair, sealed: &SealedScopeJson) -> Option<ConsentSalt> {
	sealed
		.salts
		.iter()
		.filter_map(|text| bytes::<{ carechain_sealing::SEALED_SALT_LEN }>(text))
		.find_map(|sealed_salt: SealedSalt| key.open_salt(&sealed_salt).ok())
}

/// The sensitive categories `sealed` covers, read with the salt `key` opens; `None` if it
/// opens none.
pub fn sensitive_categories(
	key: &EncryptionKeyPair,
	sealed: &SealedScopeJson,
) -> Option<Vec<DataCategory>> {
	let salt = open_salt(key, sealed)?;
	let tags = sealed.tags.iter().filter_map(|text| bytes::<16>(text));
	Some(tags.filter_map(|tag: SealedTag| open_tag(&salt, &tag)).collect())
}

/// How a sensitive category can be asked about for one patient and accessor: the tags of the
/// category under each sealed consent whose salt opened, and how many sealed consents did not
/// open (their boxes were sealed to another key: a rotated one, or none of the clinic's).
pub struct Tags {
	/// The category's tag under each opened consent's salt.
	pub opened: Vec<SealedTag>,
	/// Sealed consents of the patient whose salt the key does not open.
	pub unopened: usize,
}

/// The tags of sensitive `category` under the sealed consents of `patient` among `consents`.
pub fn tags_for(
	key: &EncryptionKeyPair,
	consents: &[ConsentJson],
	patient: &str,
	category: DataCategory,
) -> Tags {
	let mut tags = Tags { opened: Vec::new(), unopened: 0 };
	let sealed = consents.iter().filter(|c| c.patient == patient).filter_map(|c| c.sealed.as_ref());
	for scope in sealed {
		match open_salt(key, scope) {
			Some(salt) => tags.opened.push(sealed_tag(&salt, category)),
			None => tags.unopened = tags.unopened.saturating_add(1),
		}
	}
	tags.opened.sort_unstable();
	tags.opened.dedup();
	tags
}

/// A tag of no consent, fresh each time: asking the node with it tells it nothing, and its
/// answer is the reason the patient's consents give (no consent, revoked, expired, or the
/// category not covered).
pub fn unmatched_tag() -> AccessedCategory {
	let seed = carechain_sealing::new_key_seed();
	let mut tag = [0u8; 16];
	tag.copy_from_slice(&seed[..16]);
	AccessedCategory::Sealed(tag)
}

#[cfg(test)]
mod tests {
	use super::*;
	use carechain_sealing::{seal_salt, seal_scope};

	fn hex(bytes: &[u8]) -> String {
		format!("0x{}", sp_core::hexdisplay::HexDisplay::from(&bytes))
	}

	/// A sealed scope of `categories` whose salt is sealed to `recipients` only.
	fn scope(
		salt: &ConsentSalt,
		categories: &[DataCategory],
		recipients: &[&EncryptionKeyPair],
	) -> SealedScopeJson {
		SealedScopeJson {
			tags: seal_scope(salt, categories.iter().copied()).iter().map(|t| hex(t)).collect(),
			salts: recipients
				.iter()
				.map(|r| hex(&seal_salt(salt, &r.public_key()).expect("usable key")))
				.collect(),
		}
	}

	#[test]
	fn the_clinics_key_reads_its_consents_and_forms_their_tags_and_no_other_key_does() {
		let clinic = EncryptionKeyPair::from_seed(&[1; 32]);
		let stranger = EncryptionKeyPair::from_seed(&[2; 32]);
		let salt = [9u8; 32];
		let sealed =
			scope(&salt, &[DataCategory::Hiv, DataCategory::Genomics], &[&stranger, &clinic]);
		assert_eq!(open_salt(&clinic, &sealed), Some(salt));
		assert_eq!(
			sensitive_categories(&clinic, &sealed).map(|mut c| {
				c.sort();
				c
			}),
			Some(vec![DataCategory::Genomics, DataCategory::Hiv])
		);
		let only_stranger = scope(&salt, &[DataCategory::Hiv], &[&stranger]);
		assert_eq!(sensitive_categories(&clinic, &only_stranger), None);

		let consent = |sealed: SealedScopeJson| ConsentJson {
			id: 1,
			patient: "P".into(),
			grantee: "G".into(),
			categories: vec![],
			sealed: Some(sealed),
			actions: vec!["read".into()],
			purposes: vec!["TREAT".into()],
			created_at: 0,
			expires_at: 1,
			status: "active".into(),
			kind: "standard".into(),
			study_id: None,
			request_id: None,
			coverage_id: None,
			by_guardian: false,
		};
		let consents = [consent(sealed), consent(only_stranger)];
		let tags = tags_for(&clinic, &consents, "P", DataCategory::Hiv);
		assert_eq!(tags.opened, vec![sealed_tag(&salt, DataCategory::Hiv)]);
		assert_eq!(tags.unopened, 1);
		assert!(tags_for(&clinic, &consents, "another patient", DataCategory::Hiv)
			.opened
			.is_empty());
		assert_ne!(unmatched_tag(), unmatched_tag());
	}
}
