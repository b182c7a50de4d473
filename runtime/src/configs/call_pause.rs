//! The operators' emergency brake (pallet-tx-pause): a Council majority pauses a single call,
//! such as `Consent::record_access`, and unpauses it, without a runtime upgrade.
//!
//! A paused call is refused wherever it is dispatched from, also inside `Utility::batch` or a
//! guardian's `as_guardian`, because the pause is the runtime's `BaseCallFilter` and every
//! origin carries it. The calls the consortium needs to govern and to repair the chain are
//! never paused (see [`NeverPaused`]).

use frame_support::traits::{ConstU32, Contains};
use pallet_tx_pause::RuntimeCallNameOf;

use super::governance::RootOrCouncilMajority;
use crate::{Runtime, RuntimeCall, RuntimeEvent};

/// Longest pallet or call name a pause can name (the longest in this runtime is far shorter).
pub const MAX_CALL_NAME_LEN: u32 = 64;

/// The pallets whose calls can never be paused: block production and time, the Council and its
/// membership, Parameters, Sudo and runtime upgrades, so that a pause can always be undone and a
/// fix always deployed. pallet-tx-pause itself refuses to pause its own calls.
pub const NEVER_PAUSED_PALLETS: [&str; 8] = [
	"System",
	"Timestamp",
	"Grandpa",
	"Sudo",
	"Council",
	"CouncilMembership",
	"Parameters",
	"Upgrades",
];

/// Whether a call belongs to one of the [`NEVER_PAUSED_PALLETS`].
pub struct NeverPaused;

impl Contains<RuntimeCallNameOf<Runtime>> for NeverPaused {
	fn contains((pallet, _call): &RuntimeCallNameOf<Runtime>) -> bool {
		NEVER_PAUSED_PALLETS.iter().any(|never| never.as_bytes() == pallet.as_slice())
	}
}

impl pallet_tx_pause::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	/// A Council majority (or Root) pauses a call.
	type PauseOrigin = RootOrCouncilMajority;
	/// The same majority unpauses it.
	type UnpauseOrigin = RootOrCouncilMajority;
	type WhitelistedCalls = NeverPaused;
	type MaxNameLen = ConstU32<MAX_CALL_NAME_LEN>;
	type WeightInfo = crate::weights::pallet_tx_pause::SubstrateWeight<Runtime>;
}
