//! Who acts in a fuzzed chain: the development genesis's well-known accounts (with their roles)
//! and eight plain accounts, half of them funded.

use std::sync::OnceLock;

use carechain_runtime::{currency::CARE, AccountId, Balance};
use sp_keyring::Sr25519Keyring;

/// How much each funded plain account starts with.
pub const FUZZ_ENDOWMENT: Balance = 10_000 * CARE;

/// The funded plain accounts' ids are 32 times one of these bytes.
pub const FUNDED_PLAIN: [u8; 4] = [1, 2, 3, 4];
/// The unfunded plain accounts (token-less patients and staff).
pub const UNFUNDED_PLAIN: [u8; 4] = [5, 6, 7, 8];

/// The account whose id is 32 times `byte`: easy for a mutator to write into a call.
pub fn plain(byte: u8) -> AccountId {
	AccountId::from([byte; 32])
}

/// The signers a step can choose, by index: Alice (Council), Bob (hospital, Council), Charlie
/// (laboratory, Council), Dave (patient, Eve's guardian), Eve (patient), Ferdie (research
/// institute), then the plain accounts.
pub fn callers() -> &'static [AccountId] {
	static CALLERS: OnceLock<Vec<AccountId>> = OnceLock::new();
	CALLERS.get_or_init(|| {
		use Sr25519Keyring::*;
		[Alice, Bob, Charlie, Dave, Eve, Ferdie]
			.iter()
			.map(|k| k.to_account_id())
			.chain(FUNDED_PLAIN.iter().chain(UNFUNDED_PLAIN.iter()).map(|b| plain(*b)))
			.collect()
	})
}

/// Number of signers a step can choose ([`callers`]); the next index is the Council.
pub const CALLERS: usize = 14;
