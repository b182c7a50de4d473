//! Sealed scopes (PRIVACY.md goal 2, scheme v1): how a consent covers the five sensitive
//! categories without naming them, and the encryption keys its salt is delivered to.
//!
//! A consent's scope is sealed with a 32-byte salt that only its parties learn. Each sensitive
//! category it covers is stood for by a **tag**,
//!
//! ```text
//! tag(salt, category) = blake2_128("carechain/sealed/1/tag" ++ salt ++ [category's bit index])
//! ```
//!
//! and every consent carries exactly [`SEALED_TAGS`] tags, the missing ones filled with
//! **padding** `blake2_128("carechain/sealed/1/pad" ++ salt ++ [i])`, sorted ascending. Without
//! the salt, a tag cannot be told from padding nor one category's tag from another's, so the
//! tags reveal neither which sensitive categories a consent covers nor how many, nor whether it
//! covers any. The runtime only compares tags: an access to a sensitive category names its tag,
//! and is logged against a live consent that holds it.
//!
//! The salt reaches each party as a libsodium sealed box (`crypto_box_seal`: X25519,
//! XSalsa20-Poly1305, an ephemeral sender key) of the salt to the party's X25519
//! [`EncryptionKey`], made and opened in clients only, never in the runtime. A sealed box of a
//! 32-byte salt is [`SEALED_SALT_LEN`] bytes: the ephemeral public key, then the ciphertext with
//! its 16-byte authenticator. Providers publish their key in the provider registry.

use crate::{DataCategories, DataCategory};

/// How many tags every sealed scope holds: one per sensitive category, so that any set of
/// sensitive categories fits and padding hides how many there are.
pub const SEALED_TAGS: usize = 5;

/// A tag: a sensitive category (or padding) under one consent's salt.
pub type SealedTag = [u8; 16];

/// A consent's salt: 32 random bytes chosen by whoever seals the scope.
pub type ConsentSalt = [u8; 32];

/// An X25519 public key, to which sealed boxes are made.
pub type EncryptionKey = [u8; 32];

/// Bytes of a sealed box of a [`ConsentSalt`]: 32 (ephemeral public key) + 16 (Poly1305
/// authenticator) + 32 (the salt, encrypted).
pub const SEALED_SALT_LEN: usize = 80;

/// A [`ConsentSalt`] sealed to one party's [`EncryptionKey`].
pub type SealedSalt = [u8; SEALED_SALT_LEN];

/// How many sealed boxes of its salt every sealed scope carries: the patient's own (so the
/// patient's phrase alone opens the salt again), the grantee's and the data holder's. A scope
/// with no separate data holder fills the third with a box to a throwaway key, so the count
/// reveals nothing; nothing says which box is whose (each party tries its key on each).
pub const SEALED_SALT_BOXES: usize = 3;

/// A consent's sealed scope as a grant submits it and the chain keeps it: the tags of
/// [`seal_scope`], and the salt sealed to each party. The runtime checks the tags' canonical
/// order and each box's ephemeral key, and never opens anything.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	codec::MaxEncodedLen,
	scale_info::TypeInfo,
)]
pub struct SealedScope {
	/// Exactly [`SEALED_TAGS`] tags, strictly ascending.
	pub tags: [SealedTag; SEALED_TAGS],
	/// The salt sealed to each party, in no particular order.
	pub salts: [SealedSalt; SEALED_SALT_BOXES],
}

/// Why a submitted [`SealedScope`] is refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MalformedScope {
	/// The tags are not strictly ascending (a repeat, or an order that could carry meaning), or
	/// one is all zeros: what a client that pads a short list (polkadot.js does, silently) sends.
	TagsNotCanonical,
	/// A box's ephemeral key is not a usable X25519 key: no client makes such a box.
	MalformedSealedSalt,
}

impl SealedScope {
	/// Whether a client could have made this scope; the runtime can check no more.
	pub fn check_well_formed(&self) -> Result<(), MalformedScope> {
		if !are_well_formed_tags(&self.tags) {
			return Err(MalformedScope::TagsNotCanonical);
		}
		if !self.salts.iter().all(is_well_formed_sealed_salt) {
			return Err(MalformedScope::MalformedSealedSalt);
		}
		Ok(())
	}
}

/// Domain of a tag's hash.
const TAG_DOMAIN: &[u8; DOMAIN_LEN] = b"carechain/sealed/1/tag";
/// Domain of a padding tag's hash.
const PAD_DOMAIN: &[u8; DOMAIN_LEN] = b"carechain/sealed/1/pad";
/// Bytes of either domain.
const DOMAIN_LEN: usize = 22;

/// `blake2_128(domain ++ salt ++ [index])`.
fn salted_hash(domain: &[u8; DOMAIN_LEN], salt: &ConsentSalt, index: u8) -> SealedTag {
	let mut preimage = [0u8; DOMAIN_LEN + 32 + 1];
	let bytes = domain.iter().chain(salt.iter()).chain(core::iter::once(&index));
	for (slot, byte) in preimage.iter_mut().zip(bytes) {
		*slot = *byte;
	}
	sp_crypto_hashing::blake2_128(&preimage)
}

/// The tag of `category` under `salt`.
pub fn sealed_tag(salt: &ConsentSalt, category: DataCategory) -> SealedTag {
	salted_hash(TAG_DOMAIN, salt, category.index())
}

/// The `i`-th padding tag under `salt`.
pub fn padding_tag(salt: &ConsentSalt, i: u8) -> SealedTag {
	salted_hash(PAD_DOMAIN, salt, i)
}

/// The sealed scope of `categories` under `salt`: one tag per distinct sensitive category,
/// padding up to [`SEALED_TAGS`], sorted ascending. Standard categories are ignored (they stay
/// in clear). There are exactly [`SEALED_TAGS`] sensitive categories, so every set fits.
pub fn seal_scope(
	salt: &ConsentSalt,
	categories: impl IntoIterator<Item = DataCategory>,
) -> [SealedTag; SEALED_TAGS] {
	let sensitive = DataCategories::from_flags(categories.into_iter().filter(|c| c.is_sensitive()));
	let real = sensitive.iter().map(|category| sealed_tag(salt, category));
	let padding = (0u8..).map(|i| padding_tag(salt, i));
	let mut tags = [[0u8; 16]; SEALED_TAGS];
	for (slot, tag) in tags.iter_mut().zip(real.chain(padding)) {
		*slot = tag;
	}
	tags.sort_unstable();
	tags
}

/// The sensitive category `tag` stands for under `salt`, if any: what a party that opened the
/// salt (the patient's app, the grantee's and the data holder's gateways) reads a tag as.
pub fn open_tag(salt: &ConsentSalt, tag: &SealedTag) -> Option<DataCategory> {
	DataCategory::ALL
		.iter()
		.copied()
		.filter(|c| c.is_sensitive())
		.find(|c| sealed_tag(salt, *c) == *tag)
}

/// Whether `tags` are in the canonical order a sealed scope keeps: strictly ascending, so that
/// their order reveals nothing and no tag is repeated.
pub fn tags_in_canonical_order(tags: &[SealedTag]) -> bool {
	tags.windows(2).all(|pair| matches!(pair, [a, b] if a < b))
}

/// Whether a client could have made `tags`: in canonical order and none all zeros (which is
/// how polkadot.js pads a short fixed-length list, never a hash a client computed).
pub fn are_well_formed_tags(tags: &[SealedTag; SEALED_TAGS]) -> bool {
	tags_in_canonical_order(tags) && !tags.contains(&[0u8; 16])
}

/// Canonical X25519 public keys of small order below p - 1 (libsodium's list; the rest of it is
/// p - 1 and above, refused as non-canonical or by [`P_MINUS_ONE`]): a box sealed to one of
/// these has a shared secret anyone can compute.
const SMALL_ORDER_KEYS: [EncryptionKey; 4] = [
	// 0 and 1.
	[0; 32],
	[
		1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0,
	],
	// A point of order 8.
	[
		0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae, 0x16, 0x56, 0xe3, 0xfa, 0xf1, 0x9f, 0xc4,
		0x6a, 0xda, 0x09, 0x8d, 0xeb, 0x9c, 0x32, 0xb1, 0xfd, 0x86, 0x62, 0x05, 0x16, 0x5f, 0x49,
		0xb8, 0x00,
	],
	// The other point of order 8.
	[
		0x5f, 0x9c, 0x95, 0xbc, 0xa3, 0x50, 0x8c, 0x24, 0xb1, 0xd0, 0xb1, 0x55, 0x9c, 0x83, 0xef,
		0x5b, 0x04, 0x44, 0x5c, 0xc4, 0x58, 0x1c, 0x8e, 0x86, 0xd8, 0x22, 0x4e, 0xdd, 0xd0, 0x9f,
		0x11, 0x57,
	],
];

/// p - 1 = 2^255 - 20, little-endian: the largest canonical u-coordinate, itself of small order
/// (u = -1).
const P_MINUS_ONE: EncryptionKey = [
	0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
];

/// Whether `key` is a canonical X25519 public key (little-endian u-coordinate below 2^255 - 19)
/// of large order. Anything else is refused where a key is published or a sealed box's
/// ephemeral key is submitted: a small-order key would let anyone open what is sealed to it.
pub fn is_usable_encryption_key(key: &EncryptionKey) -> bool {
	// Little-endian comparison: the most significant byte is the last.
	let below_p_minus_one = key.iter().rev().cmp(P_MINUS_ONE.iter().rev()).is_lt();
	below_p_minus_one && !SMALL_ORDER_KEYS.contains(key)
}

/// Whether a sealed box could have been made by a client: its ephemeral public key (its first
/// 32 bytes) is a usable key. The runtime can check no more without the recipient's secret.
pub fn is_well_formed_sealed_salt(sealed: &SealedSalt) -> bool {
	let mut ephemeral = [0u8; 32];
	for (slot, byte) in ephemeral.iter_mut().zip(sealed.iter()) {
		*slot = *byte;
	}
	is_usable_encryption_key(&ephemeral)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::DataCategory::*;

	const SALT: ConsentSalt = [7u8; 32];

	#[test]
	fn a_tag_is_the_hash_the_scheme_names() {
		let mut preimage = b"carechain/sealed/1/tag".to_vec();
		preimage.extend_from_slice(&SALT);
		preimage.push(17);
		assert_eq!(sealed_tag(&SALT, Hiv), sp_crypto_hashing::blake2_128(&preimage));
		let mut preimage = b"carechain/sealed/1/pad".to_vec();
		preimage.extend_from_slice(&SALT);
		preimage.push(2);
		assert_eq!(padding_tag(&SALT, 2), sp_crypto_hashing::blake2_128(&preimage));
	}

	#[test]
	fn every_scope_holds_five_sorted_tags_whatever_it_covers() {
		for covered in [vec![], vec![Hiv], vec![Hiv, MentalHealth, Hiv, LabResults], {
			DataCategory::ALL.to_vec()
		}] {
			let tags = seal_scope(&SALT, covered.clone());
			assert!(tags_in_canonical_order(&tags), "{covered:?}");
			let opened: Vec<_> = tags.iter().filter_map(|t| open_tag(&SALT, t)).collect();
			let mut expected: Vec<_> =
				covered.iter().copied().filter(|c| c.is_sensitive()).collect();
			expected.sort_by_key(|c| c.index());
			expected.dedup();
			let mut opened_sorted = opened.clone();
			opened_sorted.sort_by_key(|c| c.index());
			assert_eq!(opened_sorted, expected, "{covered:?}");
		}
	}

	#[test]
	fn there_are_exactly_as_many_sensitive_categories_as_tags() {
		assert_eq!(DataCategory::ALL.iter().filter(|c| c.is_sensitive()).count(), SEALED_TAGS);
	}

	#[test]
	fn another_salt_opens_nothing() {
		let tags = seal_scope(&SALT, [Hiv, Genomics]);
		let other = [8u8; 32];
		assert!(tags.iter().all(|t| open_tag(&other, t).is_none()));
		assert_ne!(sealed_tag(&SALT, Hiv), sealed_tag(&other, Hiv));
		assert_ne!(sealed_tag(&SALT, Hiv), sealed_tag(&SALT, Genomics));
		assert_eq!(open_tag(&SALT, &sealed_tag(&SALT, LabResults)), None, "standard: not sealed");
	}

	#[test]
	fn canonical_order_refuses_repeats_and_disorder() {
		assert!(tags_in_canonical_order(&[[1; 16], [2; 16]]));
		assert!(!tags_in_canonical_order(&[[2; 16], [1; 16]]));
		assert!(!tags_in_canonical_order(&[[1; 16], [1; 16]]));
	}

	#[test]
	fn a_scope_is_well_formed_only_with_canonical_tags_and_usable_box_keys() {
		let mut salt_box = [0u8; SEALED_SALT_LEN];
		salt_box[0] = 9;
		let scope = SealedScope { tags: seal_scope(&SALT, [Hiv]), salts: [salt_box; 3] };
		assert_eq!(scope.check_well_formed(), Ok(()));
		let mut reversed = scope.clone();
		reversed.tags.reverse();
		assert_eq!(reversed.check_well_formed(), Err(MalformedScope::TagsNotCanonical));
		let mut repeated = scope.clone();
		repeated.tags[1] = repeated.tags[0];
		assert_eq!(repeated.check_well_formed(), Err(MalformedScope::TagsNotCanonical));
		let mut zero = scope.clone();
		zero.tags[0] = [0; 16];
		assert_eq!(zero.check_well_formed(), Err(MalformedScope::TagsNotCanonical));
		let mut bad_box = scope.clone();
		bad_box.salts[2] = [0u8; SEALED_SALT_LEN];
		assert_eq!(bad_box.check_well_formed(), Err(MalformedScope::MalformedSealedSalt));
	}

	#[test]
	fn small_order_and_non_canonical_keys_are_refused() {
		for key in &SMALL_ORDER_KEYS {
			assert!(!is_usable_encryption_key(key), "{key:?}");
		}
		let mut p = [0xffu8; 32];
		p[0] = 0xed;
		p[31] = 0x7f;
		let mut p_minus_one = p;
		p_minus_one[0] = 0xec;
		let mut high_bit = [9u8; 32];
		high_bit[31] = 0x80;
		for key in [p, p_minus_one, high_bit, [0xff; 32]] {
			assert!(!is_usable_encryption_key(&key), "{key:?}");
		}
		// The X25519 base point (u = 9) and an ordinary key are usable.
		let mut base = [0u8; 32];
		base[0] = 9;
		assert!(is_usable_encryption_key(&base));
		let mut just_below = p_minus_one;
		just_below[0] = 0xeb;
		assert!(is_usable_encryption_key(&just_below));
		let mut sealed = [0u8; SEALED_SALT_LEN];
		assert!(!is_well_formed_sealed_salt(&sealed));
		sealed[0] = 9;
		assert!(is_well_formed_sealed_salt(&sealed));
	}
}
