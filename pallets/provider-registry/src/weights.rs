//! Weights of `pallet_provider_registry`: interim figures, replaced by the output of `scripts/benchmark.sh`.

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// Weights for a runtime using the node's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_provider_registry::WeightInfo for SubstrateWeight<T> {
	/// Reads `Providers`, `StaffOf`, the holds and the account; writes them.
	fn apply(n: u32) -> Weight {
		Weight::from_parts(60_000_000, 3_700)
			.saturating_add(Weight::from_parts(2_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	/// Reads and writes `Providers`.
	fn approve() -> Weight {
		Weight::from_parts(18_000_000, 3_700)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Reads `Providers`; drains `s` staff links; releases the holds.
	fn reject(s: u32) -> Weight {
		Weight::from_parts(55_000_000, 3_700)
			.saturating_add(Weight::from_parts(12_000_000, 2_600).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(s.into())))
			.saturating_add(T::DbWeight::get().writes(4))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(s.into())))
	}
	/// Reads and writes `Providers`.
	fn suspend() -> Weight {
		Weight::from_parts(18_000_000, 3_700)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Reads and writes `Providers`.
	fn reinstate() -> Weight {
		Weight::from_parts(18_000_000, 3_700)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Reads and writes `Providers`.
	fn update_license() -> Weight {
		Weight::from_parts(18_000_000, 3_700)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Reads `Providers` (twice), `StaffOf`, the holds and the account; writes the links.
	fn add_staff() -> Weight {
		Weight::from_parts(55_000_000, 3_700)
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().writes(5))
	}
	/// Reads `Providers`, `Staff`, the holds and the account; removes the links.
	fn remove_staff() -> Weight {
		Weight::from_parts(50_000_000, 3_700)
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(5))
	}
	/// Reads `Providers`; drains `s` staff links; releases the holds.
	fn retire(s: u32) -> Weight {
		Weight::from_parts(55_000_000, 3_700)
			.saturating_add(Weight::from_parts(12_000_000, 2_600).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(s.into())))
			.saturating_add(T::DbWeight::get().writes(4))
			.saturating_add(T::DbWeight::get().writes((2_u64).saturating_mul(s.into())))
	}
}
