//! What the patient identity pallet's calls and hooks weigh: the trait the runtime implements with the
//! generated weights (`weights.rs`, written by `scripts/benchmark.sh`), and small fixed weights
//! for the pallet's own tests.

use frame_support::weights::Weight;

/// The weight of each call of the pallet.
pub trait WeightInfo {
	/// `register`.
	fn register() -> Weight;
	/// `onboard`.
	fn onboard() -> Weight;
	/// `update_commitment`.
	fn update_commitment() -> Weight;
	/// `add_guardian` (with the most guardians already appointed).
	fn add_guardian() -> Weight;
	/// `remove_guardian` (with the most guardians appointed).
	fn remove_guardian() -> Weight;
	/// `as_guardian`, excluding the dispatched call.
	fn as_guardian() -> Weight;
	/// `set_emergency_access`.
	fn set_emergency_access() -> Weight;
	/// `deregister`, excluding other pallets' clean-up.
	fn deregister() -> Weight;
	/// What the `CountFeelessCalls` transaction extension adds to a fee-free call: the quota
	/// check and counting the call.
	fn count_feeless_call() -> Weight;
}

/// Fixed weights for the pallet's own tests (not measurements; the runtime uses `weights.rs`).
impl WeightInfo for () {
	fn register() -> Weight {
		Weight::from_parts(45_000_000, 4_000)
	}
	fn onboard() -> Weight {
		Weight::from_parts(55_000_000, 4_000)
	}
	fn update_commitment() -> Weight {
		Weight::from_parts(15_000_000, 4_000)
	}
	fn add_guardian() -> Weight {
		Weight::from_parts(20_000_000, 4_000)
	}
	fn remove_guardian() -> Weight {
		Weight::from_parts(18_000_000, 4_000)
	}
	fn as_guardian() -> Weight {
		Weight::from_parts(15_000_000, 4_000)
	}
	fn set_emergency_access() -> Weight {
		Weight::from_parts(15_000_000, 4_000)
	}
	fn deregister() -> Weight {
		Weight::from_parts(45_000_000, 4_000)
	}
	fn count_feeless_call() -> Weight {
		Weight::from_parts(10_000_000, 1_000)
	}
}
