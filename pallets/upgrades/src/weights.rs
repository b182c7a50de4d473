//! Weights of `pallet_upgrades`: interim figures, replaced by the output of `scripts/benchmark.sh`.

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// Weights for a runtime using the node's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_upgrades::WeightInfo for SubstrateWeight<T> {
	/// Writes `System::AuthorizedUpgrade`.
	fn authorize_upgrade() -> Weight {
		Weight::from_parts(10_000_000, 0).saturating_add(T::DbWeight::get().writes(1))
	}
}
