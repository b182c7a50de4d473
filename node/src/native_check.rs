//! `consent_checkAccess` answered by the node's own build of the runtime, run natively over a
//! block's state, wherever the chain runs exactly that build ([`carechain_rpc::native`]).
//!
//! The guard is the code itself: the blake2-256 of the block's `:code` must equal that of the
//! wasm this node was built with (`carechain_runtime::WASM_BINARY`), so the native code is the
//! chain's code compiled for the host, not merely a runtime of the same version. At any other
//! block (a chain that upgraded past this build, or a node built without the wasm) the RPC asks
//! the runtime as before. The state is read-only: a write panics, and a panic is caught and
//! answered by the runtime too.

use std::{panic::AssertUnwindSafe, sync::Arc};

use carechain_primitives::{AccessDecision, AccessedCategory, Action, PurposeOfUse};
use carechain_rpc::NativeAccessCheck;
use carechain_runtime::opaque::Block;
use sc_client_api::{Backend as _, TrieCacheContext};
use sp_core::{crypto::AccountId32, storage::well_known_keys, H256};
use sp_runtime::traits::{BlakeTwo256, Block as BlockT, Hash as _};
use sp_state_machine::{Backend as _, InspectState as _};

use crate::service::FullBackend;

/// Log target of the native path (`-l carechain::native=debug` shows each decision's path).
const TARGET: &str = "carechain::native";

/// The node's runtime, run natively where the chain runs it.
pub struct OwnRuntimeAccessCheck {
	backend: Arc<FullBackend>,
	/// The blake2-256 of the wasm this node was built with.
	own_code: H256,
}

impl OwnRuntimeAccessCheck {
	/// The check over `backend`; `None` if this node was built without the runtime's wasm.
	pub fn new(backend: Arc<FullBackend>) -> Option<Self> {
		let wasm = carechain_runtime::WASM_BINARY?;
		Some(Self { backend, own_code: BlakeTwo256::hash(wasm) })
	}
}

impl NativeAccessCheck<<Block as BlockT>::Hash> for OwnRuntimeAccessCheck {
	fn check_access(
		&self,
		at: <Block as BlockT>::Hash,
		patient: &AccountId32,
		accessor: &AccountId32,
		category: &AccessedCategory,
		action: Action,
		purpose: PurposeOfUse,
	) -> Option<AccessDecision> {
		let state = self.backend.state_at(at, TrieCacheContext::Untrusted).ok()?;
		let code = state.storage_hash(well_known_keys::CODE).ok().flatten();
		if code != Some(self.own_code) {
			log::debug!(target: TARGET, "checkAccess at {at:?}: the chain runs other code; asking the runtime");
			return None;
		}
		// The node's panic handler exits the process on a panic unless told to unwind here.
		let _unwind = sp_panic_handler::AbortGuard::force_unwind();
		let decision = std::panic::catch_unwind(AssertUnwindSafe(|| {
			state.inspect_state(|| {
				carechain_runtime::Consent::check_access(
					patient, accessor, category, action, purpose,
				)
			})
		}));
		match decision {
			Ok(decision) => {
				log::debug!(target: TARGET, "checkAccess at {at:?}: answered natively");
				Some(decision)
			},
			Err(_) => {
				log::warn!(target: TARGET, "checkAccess at {at:?}: the native call failed; asking the runtime");
				None
			},
		}
	}
}
