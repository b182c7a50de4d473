//! Weights of `pallet_patient_identity`: interim figures, replaced by the output of `scripts/benchmark.sh`.

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// Weights for a runtime using the node's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_patient_identity::WeightInfo for SubstrateWeight<T> {
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
	fn count_feeless_call() -> Weight {
		Weight::from_parts(10_000_000, 1_000).saturating_add(T::DbWeight::get().reads_writes(2, 1))
	}
}
