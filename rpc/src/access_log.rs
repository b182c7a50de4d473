//! A patient's access log, read from the node's off-chain index and checked against the chain.
//!
//! The chain's state keeps each patient's log as a count and the head of a hash chain
//! (`ConsentApi::access_log_head`). Every entry goes to the node's off-chain index when the
//! block that logged it is imported (`sp_io::offchain_index` in `record_access`), under
//! [`access_log_entry_key`], with the head before it. This module reads the last entries and
//! checks that they fold into the head in state, so what it serves is what the chain logged: to
//! pass off another run of entries, a node would need a second preimage of blake2_256.
//!
//! Which nodes keep what: validators need only state. A node that serves patients' logs (a
//! consortium member's RPC node) must have indexed every block since the log began, as an
//! archive node keeps every block; CareChain's node always indexes (`service.rs`).

use carechain_primitives::{
	access_log_entry_key, next_log_head, AccessLogHead, AccessLogView, Hash32, IndexedAccessEntry,
};
use codec::{Decode, Encode};
use jsonrpsee::types::ErrorObjectOwned;
use sp_core::crypto::AccountId32;

use crate::param::RUNTIME_ERROR;

/// How many of a log's last entries `consent_accessLog` serves.
pub const RECENT_ENTRIES: u64 = 32;

/// Reads of the node's off-chain index: what the runtime wrote with `sp_io::offchain_index`.
pub trait OffchainIndex: Send + Sync {
	/// The value the runtime last wrote under `key`, if any.
	fn get(&self, key: &[u8]) -> Option<Vec<u8>>;
}

impl<S: sp_core::offchain::OffchainStorage> OffchainIndex for S {
	fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
		sp_core::offchain::OffchainStorage::get(self, sp_core::offchain::STORAGE_PREFIX, key)
	}
}

/// `patient`'s log as the chain's `head` says it is: the last [`RECENT_ENTRIES`] entries from
/// `index`, checked against the head whenever the link before the first of them is known.
pub fn read(
	index: &dyn OffchainIndex,
	patient: &AccountId32,
	head: AccessLogHead,
) -> Result<AccessLogView<AccountId32>, ErrorObjectOwned> {
	let first = head.count.saturating_sub(RECENT_ENTRIES);
	let mut since = None;
	let mut recent = Vec::new();
	for position in first..head.count {
		let bytes = index.get(&access_log_entry_key(patient, position)).ok_or_else(|| {
			unavailable(format!(
				"this node's off-chain index lacks entry {position} of the log: it has not \
				 indexed every block since the log began; ask a node that has"
			))
		})?;
		let indexed = IndexedAccessEntry::<AccountId32>::decode(&mut &bytes[..]).map_err(|e| {
			unavailable(format!("entry {position} of the log does not decode: {e}"))
		})?;
		if position == first {
			since = indexed.previous;
		}
		recent.push(indexed.entry);
	}
	if head.count == 0 {
		since = Some([0; 32]);
	}
	if let Some(since) = since {
		if fold(since, &recent) != head.head {
			return Err(unavailable(
				"the entries in this node's off-chain index do not fold into the log's head on \
				 chain (a block of another fork overwrote them); ask another node"
					.to_string(),
			));
		}
	}
	Ok(AccessLogView { count: head.count, head: head.head, since, recent })
}

/// The head of the hash chain after `entries` from `head`: `blake2_256(head ++ SCALE(entry))`
/// for each, as the runtime computes it.
pub fn fold<AccountId: Encode>(
	head: Hash32,
	entries: &[carechain_primitives::AccessEntry<AccountId>],
) -> Hash32 {
	entries.iter().fold(head, |head, entry| next_log_head(&head, entry))
}

fn unavailable(message: String) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(RUNTIME_ERROR, message, None::<()>)
}
