//! Weights of the upgrades calls (a storage write and an event; estimated, see the other
//! pallets' weight files).

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// The weight of each call of the pallet.
pub trait WeightInfo {
	/// `authorize_upgrade`.
	fn authorize_upgrade() -> Weight;
}

/// Weights for a runtime using the node's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Writes `System::AuthorizedUpgrade`.
	fn authorize_upgrade() -> Weight {
		Weight::from_parts(10_000_000, 0).saturating_add(T::DbWeight::get().writes(1))
	}
}

/// Unit weights, for tests.
impl WeightInfo for () {
	fn authorize_upgrade() -> Weight {
		Weight::from_parts(1, 0)
	}
}
