//! Access decisions made without calling into the runtime's wasm.
//!
//! `consent_checkAccess` is the question clinics ask most. Asked of the runtime, each answer
//! costs a wasm instance and a runtime call around five storage reads. A node whose own build
//! of the runtime is exactly the chain's (the same code, byte for byte) can run that same Rust
//! code natively over the block's state and give the same answer at a fraction of the cost; at
//! any block where the chain runs other code (before or after an upgrade) it must ask the
//! runtime. The node provides the check ([`NativeAccessCheck`]); the RPC falls back to the
//! runtime API whenever it answers `None`.

use carechain_primitives::{AccessDecision, AccessedCategory, Action, PurposeOfUse};
use sp_core::crypto::AccountId32;

/// The access decision at a block, made natively where the node can.
pub trait NativeAccessCheck<Hash>: Send + Sync {
	/// May `accessor` do `action` on `patient`'s data of `category` for `purpose`, at block
	/// `at`? `None` when this node cannot answer natively at `at`: the chain there runs another
	/// runtime than the node's own build, or the state is not available.
	fn check_access(
		&self,
		at: Hash,
		patient: &AccountId32,
		accessor: &AccountId32,
		category: &AccessedCategory,
		action: Action,
		purpose: PurposeOfUse,
	) -> Option<AccessDecision>;
}
