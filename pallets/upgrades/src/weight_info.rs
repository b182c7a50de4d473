//! What the upgrades pallet's calls and hooks weigh: the trait the runtime implements with the
//! generated weights (`weights.rs`, written by `scripts/benchmark.sh`), and small fixed weights
//! for the pallet's own tests.

use frame_support::weights::Weight;

/// The weight of each call of the pallet.
pub trait WeightInfo {
	/// `authorize_upgrade`.
	fn authorize_upgrade() -> Weight;
}

/// Fixed weights for the pallet's own tests (not measurements; the runtime uses `weights.rs`).
impl WeightInfo for () {
	fn authorize_upgrade() -> Weight {
		Weight::from_parts(1, 0)
	}
}
