//! Serials as a Merkle tree: a batch commits to its packs' salted leaves, a pack is proven by
//! its leaf and path. The tree is `binary-merkle-tree`'s (BEEFY's): leaves hashed in pairs
//! with BLAKE2b-256, an odd last node promoted to the row above unchanged.

use alloc::vec::Vec;
use carechain_primitives::trace::{Day, Gs1Text, Gtin};
use codec::Encode;
use sp_core::H256;
use sp_runtime::traits::{BlakeTwo256, Hash};

/// Domain of a pack's leaf, so that it can be mistaken for no other hash.
pub const PACK_LEAF_DOMAIN: &[u8] = b"carechain/trace/pack/v1";

/// The leaf of a pack: BLAKE2b-256 of the SCALE encoding of
/// `(PACK_LEAF_DOMAIN, salt, gtin, lot, serial, expiry)`.
pub fn pack_leaf(
	salt: &[u8; 32],
	gtin: Gtin,
	lot: &Gs1Text,
	serial: &Gs1Text,
	expiry: Day,
) -> H256 {
	BlakeTwo256::hash(&(PACK_LEAF_DOMAIN, salt, gtin, lot, serial, expiry).encode())
}

/// The Merkle root over `leaves`, in serial order: what `commission` takes.
pub fn root(leaves: Vec<H256>) -> H256 {
	binary_merkle_tree::merkle_root_raw::<BlakeTwo256, _>(leaves)
}

/// The Merkle path of leaf `index` among `leaves`: what proves the pack to a verifier.
pub fn path(leaves: Vec<H256>, index: u32) -> Vec<H256> {
	binary_merkle_tree::merkle_proof_raw::<BlakeTwo256, _>(leaves, index).proof
}

/// How many hashes the path of leaf `index` has in a tree of `leaves` leaves: one per row
/// in which the node has a sibling (a promoted last node has none). `None` if `index` is not a
/// leaf.
pub fn path_length(index: u32, leaves: u32) -> Option<u32> {
	if index >= leaves {
		return None;
	}
	let (mut position, mut width, mut length) = (index, leaves, 0u32);
	while width > 1 {
		let promoted = width % 2 == 1 && position == width.saturating_sub(1);
		if !promoted {
			length = length.saturating_add(1);
		}
		position /= 2;
		width = width.div_ceil(2);
	}
	Some(length)
}

/// The longest path in a tree of `leaves` leaves: the depth of the tree.
pub fn max_path_length(leaves: u32) -> u32 {
	path_length(0, leaves).unwrap_or(0)
}

/// Whether `path` leads from `leaf`, at `index`, to `root` of a tree of `leaves` leaves, and
/// has exactly the length that position needs.
pub fn leads_to_root(root: &H256, leaves: u32, index: u32, leaf: H256, path: &[H256]) -> bool {
	path_length(index, leaves) == u32::try_from(path.len()).ok()
		&& binary_merkle_tree::verify_proof::<BlakeTwo256, _, _>(
			root,
			path.iter().copied(),
			leaves,
			index,
			binary_merkle_tree::Leaf::Hash(leaf),
		)
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	fn leaves(n: u32) -> Vec<H256> {
		(0..n).map(|i| BlakeTwo256::hash(&i.to_le_bytes())).collect()
	}

	proptest! {
		/// Every leaf's proof from the library verifies, has the length `path_length` says,
		/// and fails for a wrong leaf, a wrong index or a path one hash short.
		#[test]
		fn every_leaf_is_proven_and_nothing_else(n in 1u32..300, pick in any::<u32>()) {
			let leaves = leaves(n);
			let root = binary_merkle_tree::merkle_root_raw::<BlakeTwo256, _>(leaves.clone());
			let index = pick % n;
			let proof = binary_merkle_tree::merkle_proof_raw::<BlakeTwo256, _>(leaves.clone(), index);
			let leaf = leaves[index as usize];
			prop_assert_eq!(proof.root, root);
			prop_assert_eq!(path_length(index, n), Some(proof.proof.len() as u32));
			prop_assert!(leads_to_root(&root, n, index, leaf, &proof.proof));
			prop_assert!(!leads_to_root(&root, n, index, H256::repeat_byte(7), &proof.proof));
			if n > 1 {
				let other = (index + 1) % n;
				prop_assert!(!leads_to_root(&root, n, other, leaf, &proof.proof));
			}
			if let Some((_, shorter)) = proof.proof.split_last() {
				prop_assert!(!leads_to_root(&root, n, index, leaf, shorter));
			}
		}
	}

	#[test]
	fn the_deepest_path_of_a_million_packs_is_twenty_hashes() {
		assert_eq!(max_path_length(1 << 20), 20);
		assert_eq!(max_path_length(1), 0);
		assert_eq!(path_length(4, 5), Some(1));
		assert_eq!(path_length(5, 5), None);
	}
}
