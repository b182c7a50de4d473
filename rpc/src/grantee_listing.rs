//! The consents naming a grantee, listed in the node's off-chain index.
//!
//! State keeps no by-grantee index: each new consent's id goes to its grantee's listing in the
//! off-chain index (`grantee_listing_key`, written by the runtime when a node imports the block)
//! and state keeps only the listing's length (`ConsentApi::grantee_listing_length`). The
//! listing is never shortened; `ConsentApi::consents_listed` keeps the ids that state still
//! names the grantee in, so what the RPC serves is what state says, whatever the index holds.

use carechain_primitives::{grantee_listing_key, ConsentId};
use codec::Decode;
use jsonrpsee::types::ErrorObjectOwned;
use sp_core::crypto::AccountId32;

use crate::{access_log::OffchainIndex, param::RUNTIME_ERROR};

/// How many ids one `ConsentApi::consents_listed` call checks.
pub const IDS_PER_CALL: usize = 4096;

/// The `length` ids of `grantee`'s listing, oldest first.
pub fn read(
	index: &dyn OffchainIndex,
	grantee: &AccountId32,
	length: u64,
) -> Result<Vec<ConsentId>, ErrorObjectOwned> {
	(0..length)
		.map(|n| {
			let bytes = index.get(&grantee_listing_key(grantee, n)).ok_or_else(|| {
				unavailable(format!(
					"this node's off-chain index lacks entry {n} of the grantee's listing: it \
					 has not indexed every block since the consent was granted; ask a node that \
					 has"
				))
			})?;
			ConsentId::decode(&mut &bytes[..])
				.map_err(|e| unavailable(format!("entry {n} of the listing does not decode: {e}")))
		})
		.collect()
}

fn unavailable(message: String) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(RUNTIME_ERROR, message, None::<()>)
}
