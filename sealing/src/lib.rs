//! # CareChain sealing, client side
//!
//! What a party of a consent does with a sealed scope (`carechain_primitives::sealed`, scheme
//! v1) outside the chain: holds an X25519 key pair, opens the consent salts sealed to its public
//! key, and turns a sensitive category into the tag the runtime checks. The patient's wallet also
//! seals salts to the grantee's and the data holder's published keys. Nothing here runs in the
//! runtime, which only ever compares tags.
//!
//! A sealed salt is a libsodium sealed box (`crypto_box_seal`: an ephemeral X25519 key,
//! XSalsa20-Poly1305, the nonce `blake2b(ephemeral public key ++ recipient public key)`), made
//! with RustCrypto's `crypto_box`, so that the JavaScript package (`carechain-pseudonyms`, on
//! libsodium) and this crate open each other's boxes. A key pair from a 32-byte seed is
//! libsodium's `crypto_box_seed_keypair`: the secret is the first half of SHA-512(seed).

#![deny(missing_docs)]

pub use carechain_primitives::sealed::{
	is_usable_encryption_key, open_tag, seal_scope, sealed_tag, ConsentSalt, EncryptionKey,
	SealedSalt, SealedScope, SealedTag, SEALED_SALT_BOXES, SEALED_SALT_LEN, SEALED_TAGS,
};
use carechain_primitives::DataCategory;
use crypto_box::{aead::OsRng, PublicKey, SecretKey};
use sha2::{Digest, Sha512};

/// Why a salt could not be sealed or opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SealingError {
	/// The recipient's key is not a canonical X25519 key of large order: the registry refuses
	/// such keys, and a box sealed to one could be opened by anyone.
	UnusableKey,
	/// The box does not open with this key pair: it was sealed to another key, or altered.
	DoesNotOpen,
	/// The box opened, but not to a 32-byte salt.
	NotASalt,
	/// A scope's salt is sealed to one to three keys (the patient's, the grantee's, the data
	/// holder's), not none or more.
	Recipients,
}

impl std::fmt::Display for SealingError {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		f.write_str(match self {
			Self::UnusableKey => "the encryption key is not a usable X25519 public key",
			Self::DoesNotOpen => {
				"the sealed salt does not open with this key: it was sealed to another key, or altered"
			},
			Self::NotASalt => "the sealed box does not hold a 32-byte consent salt",
			Self::Recipients => "a salt is sealed to one to three parties' keys",
		})
	}
}

impl std::error::Error for SealingError {}

/// A party's X25519 key pair: the public half is published (providers) or handed out (a
/// patient's, on the emergency card and to guardians); the secret half opens salts.
pub struct EncryptionKeyPair {
	secret: SecretKey,
}

/// Shows the public key only: the secret never reaches a log.
impl std::fmt::Debug for EncryptionKeyPair {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		f.debug_struct("EncryptionKeyPair")
			.field("public", &self.public_key())
			.finish_non_exhaustive()
	}
}

impl EncryptionKeyPair {
	/// The key pair of a 32-byte seed, as libsodium's `crypto_box_seed_keypair` derives it.
	pub fn from_seed(seed: &[u8; 32]) -> Self {
		let digest = Sha512::digest(seed);
		let mut secret = [0u8; 32];
		secret.copy_from_slice(&digest[..32]);
		Self { secret: SecretKey::from(secret) }
	}

	/// The public key, to publish or hand out.
	pub fn public_key(&self) -> EncryptionKey {
		*self.secret.public_key().as_bytes()
	}

	/// The salt sealed in `sealed`, if it was sealed to this key pair.
	pub fn open_salt(&self, sealed: &SealedSalt) -> Result<ConsentSalt, SealingError> {
		let opened = self.secret.unseal(sealed).map_err(|_| SealingError::DoesNotOpen)?;
		opened.try_into().map_err(|_| SealingError::NotASalt)
	}
}

/// `salt` sealed to `recipient`'s public key, with a fresh ephemeral key from the OS's RNG.
pub fn seal_salt(
	salt: &ConsentSalt,
	recipient: &EncryptionKey,
) -> Result<SealedSalt, SealingError> {
	if !is_usable_encryption_key(recipient) {
		return Err(SealingError::UnusableKey);
	}
	let sealed = PublicKey::from(*recipient)
		.seal(&mut OsRng, salt)
		.map_err(|_| SealingError::UnusableKey)?;
	sealed.try_into().map_err(|_| SealingError::NotASalt)
}

/// 32 fresh random bytes from the OS's RNG.
fn random_32() -> [u8; 32] {
	use crypto_box::aead::rand_core::RngCore;
	let mut bytes = [0u8; 32];
	OsRng.fill_bytes(&mut bytes);
	bytes
}

/// A fresh random consent salt.
pub fn new_consent_salt() -> ConsentSalt {
	random_32()
}

/// A fresh random seed for [`EncryptionKeyPair::from_seed`]: what a provider's gateway keeps
/// secret.
pub fn new_key_seed() -> [u8; 32] {
	random_32()
}

/// The X25519 key pair of a patient's pseudonym (`pseudonym`, its public key) from the mini
/// secret of the patient's BIP-39 phrase: `seed = blake2_256("carechain/1/x25519" ++ mini_secret
/// ++ pseudonym)`, as `patientEncryptionKeyPair` of carechain-pseudonyms derives it.
pub fn patient_key_pair(mini_secret: &[u8; 32], pseudonym: &[u8; 32]) -> EncryptionKeyPair {
	let mut preimage = b"carechain/1/x25519".to_vec();
	preimage.extend_from_slice(mini_secret);
	preimage.extend_from_slice(pseudonym);
	EncryptionKeyPair::from_seed(&sp_crypto_hashing::blake2_256(&preimage))
}

/// A sealed scope as a patient's wallet makes one for `grant_sealed`: a fresh salt, the five
/// tags of the sensitive `categories` under it (standard ones are ignored: they go in clear),
/// and the salt sealed to each of `recipients` (the patient's key, the grantee's, the data
/// holder's), the rest of the three boxes to throwaway keys, shuffled so that a box's place
/// says nothing. Returns the salt and the scope.
pub fn prepare_sealed_scope(
	categories: impl IntoIterator<Item = DataCategory>,
	recipients: &[EncryptionKey],
) -> Result<(ConsentSalt, SealedScope), SealingError> {
	use crypto_box::aead::rand_core::RngCore;
	if recipients.is_empty() || recipients.len() > SEALED_SALT_BOXES {
		return Err(SealingError::Recipients);
	}
	let salt = new_consent_salt();
	let throwaway = || EncryptionKeyPair::from_seed(&new_key_seed()).public_key();
	let mut salts = [[0u8; SEALED_SALT_LEN]; SEALED_SALT_BOXES];
	for (i, sealed) in salts.iter_mut().enumerate() {
		let key = recipients.get(i).copied().unwrap_or_else(throwaway);
		*sealed = seal_salt(&salt, &key)?;
	}
	for i in (1..salts.len()).rev() {
		let j = (OsRng.next_u32() as usize) % (i + 1);
		salts.swap(i, j);
	}
	Ok((salt, SealedScope { tags: seal_scope(&salt, categories), salts }))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_prepared_scope_opens_for_its_recipients_only_and_names_the_sensitive_categories() {
		let patient = patient_key_pair(&[5; 32], &[6; 32]);
		let grantee = EncryptionKeyPair::from_seed(&[7; 32]);
		let stranger = EncryptionKeyPair::from_seed(&[8; 32]);
		let categories = [DataCategory::LabResults, DataCategory::Hiv];
		let (salt, scope) =
			prepare_sealed_scope(categories, &[patient.public_key(), grantee.public_key()])
				.unwrap();
		assert_eq!(scope.tags, seal_scope(&salt, [DataCategory::Hiv]));
		assert!(scope.check_well_formed().is_ok());
		for party in [&patient, &grantee] {
			let opened: Vec<_> =
				scope.salts.iter().filter_map(|b| party.open_salt(b).ok()).collect();
			assert_eq!(opened, vec![salt]);
		}
		assert!(scope.salts.iter().all(|b| stranger.open_salt(b).is_err()));
		assert_ne!(patient.public_key(), patient_key_pair(&[5; 32], &[9; 32]).public_key());
		assert_eq!(prepare_sealed_scope(categories, &[]).err(), Some(SealingError::Recipients));
	}

	#[test]
	fn a_sealed_salt_opens_only_with_its_recipient_s_key() {
		let recipient = EncryptionKeyPair::from_seed(&[1; 32]);
		let stranger = EncryptionKeyPair::from_seed(&[2; 32]);
		let salt = new_consent_salt();
		let sealed = seal_salt(&salt, &recipient.public_key()).unwrap();
		assert_eq!(sealed.len(), SEALED_SALT_LEN);
		assert_eq!(recipient.open_salt(&sealed), Ok(salt));
		assert_eq!(stranger.open_salt(&sealed), Err(SealingError::DoesNotOpen));
		let mut altered = sealed;
		altered[60] ^= 1;
		assert_eq!(recipient.open_salt(&altered), Err(SealingError::DoesNotOpen));
		assert!(carechain_primitives::sealed::is_well_formed_sealed_salt(&sealed));
	}

	#[test]
	fn salts_are_never_sealed_to_an_unusable_key() {
		assert_eq!(seal_salt(&[7; 32], &[0; 32]), Err(SealingError::UnusableKey));
	}

	#[test]
	fn two_sealings_of_one_salt_share_nothing() {
		let recipient = EncryptionKeyPair::from_seed(&[1; 32]);
		let a = seal_salt(&[7; 32], &recipient.public_key()).unwrap();
		let b = seal_salt(&[7; 32], &recipient.public_key()).unwrap();
		assert_ne!(a[..32], b[..32], "a fresh ephemeral key each time");
		assert_ne!(a[32..], b[32..]);
	}
}
