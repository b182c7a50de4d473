//! Weights of the provider registry's calls.
//!
//! The storage reads and writes are those each call performs (counted from the code and checked
//! by the benchmarks in `benchmarking.rs`). The execution times are estimates for the reference
//! machine, pending a run of the benchmarks with a node built with `runtime-benchmarks`.

#![allow(unused_parens, unused_imports)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// The weight of each call of the pallet.
pub trait WeightInfo {
	/// `apply` with a name of `n` bytes.
	fn apply(n: u32) -> Weight;
	/// `approve`.
	fn approve() -> Weight;
	/// `reject` of a provider with `s` staff members.
	fn reject(s: u32) -> Weight;
	/// `suspend`.
	fn suspend() -> Weight;
	/// `reinstate`.
	fn reinstate() -> Weight;
	/// `update_license`.
	fn update_license() -> Weight;
	/// `add_staff`.
	fn add_staff() -> Weight;
	/// `remove_staff`.
	fn remove_staff() -> Weight;
	/// `retire` of a provider with `s` staff members.
	fn retire(s: u32) -> Weight;
}

/// Weights for a runtime using the node's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
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

/// Weights for tests: the same shape, using the default database weights.
impl WeightInfo for () {
	fn apply(_n: u32) -> Weight {
		Weight::from_parts(60_000_000, 3_700)
	}
	fn approve() -> Weight {
		Weight::from_parts(18_000_000, 3_700)
	}
	fn reject(s: u32) -> Weight {
		Weight::from_parts(55_000_000, 3_700)
			.saturating_add(Weight::from_parts(12_000_000, 2_600).saturating_mul(s.into()))
	}
	fn suspend() -> Weight {
		Weight::from_parts(18_000_000, 3_700)
	}
	fn reinstate() -> Weight {
		Weight::from_parts(18_000_000, 3_700)
	}
	fn update_license() -> Weight {
		Weight::from_parts(18_000_000, 3_700)
	}
	fn add_staff() -> Weight {
		Weight::from_parts(55_000_000, 3_700)
	}
	fn remove_staff() -> Weight {
		Weight::from_parts(50_000_000, 3_700)
	}
	fn retire(s: u32) -> Weight {
		Weight::from_parts(55_000_000, 3_700)
			.saturating_add(Weight::from_parts(12_000_000, 2_600).saturating_mul(s.into()))
	}
}
