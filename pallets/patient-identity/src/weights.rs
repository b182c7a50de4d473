//! Weights of the patient-identity calls.
//!
//! The storage reads and writes are those each call performs (counted from the code and checked
//! by the benchmarks in `benchmarking.rs`). The execution times are estimates for the reference
//! machine, pending a run of the benchmarks with a node built with `runtime-benchmarks`.

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

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
}

/// Weights for a runtime using the node's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Reads `Patients`, the holds and the account; writes them.
	fn register() -> Weight {
		Weight::from_parts(45_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	/// As `register`, plus the provider registry (organisation and staff link) and the
	/// patient's account (sufficients).
	fn onboard() -> Weight {
		Weight::from_parts(55_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(6))
			.saturating_add(T::DbWeight::get().writes(4))
	}
	/// Reads and writes `Patients`.
	fn update_commitment() -> Weight {
		Weight::from_parts(15_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Reads and writes `Patients`; reads the time.
	fn add_guardian() -> Weight {
		Weight::from_parts(20_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Reads and writes `Patients`.
	fn remove_guardian() -> Weight {
		Weight::from_parts(18_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Reads `Patients` and the time.
	fn as_guardian() -> Weight {
		Weight::from_parts(15_000_000, 4_000).saturating_add(T::DbWeight::get().reads(2))
	}
	/// Reads and writes `Patients`.
	fn set_emergency_access() -> Weight {
		Weight::from_parts(15_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Takes `Patients`, removes `FeelessUsage`, releases the hold, updates the account.
	fn deregister() -> Weight {
		Weight::from_parts(45_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(5))
	}
}

/// Weights for tests.
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
}
