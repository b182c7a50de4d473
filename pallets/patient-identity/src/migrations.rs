//! Storage migrations of the patient identity pallet, one module per storage version.

/// v1 to v2: each organisation's onboarded patients are counted in its fee-free pool. Nothing
/// that v1 stored changes; the pools start without calls.
pub mod v2 {
	use crate::{Config, FeelessPool, FeelessPools, Pallet, Patients};
	use core::marker::PhantomData;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	#[cfg(feature = "try-runtime")]
	use {
		alloc::vec::Vec,
		codec::{Decode, Encode},
		frame_support::ensure,
		sp_runtime::TryRuntimeError,
	};

	/// The migration itself, run once by [`MigrateV1ToV2`].
	pub struct UncheckedMigrateV1ToV2<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads = 0u64;
			let mut writes = 0u64;
			for record in Patients::<T>::iter_values() {
				reads = reads.saturating_add(1);
				if !record.sufficient {
					continue;
				}
				reads = reads.saturating_add(1);
				writes = writes.saturating_add(1);
				FeelessPools::<T>::mutate(&record.depositor, |pool| {
					let pool = pool.get_or_insert_with(FeelessPool::default);
					pool.patients = pool.patients.saturating_add(1);
				});
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		/// What must hold after: every onboarded registration in its organisation's pool.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			let onboarded = Patients::<T>::iter_values().filter(|r| r.sufficient).count() as u64;
			Ok(onboarded.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
			let onboarded = u64::decode(&mut &state[..])
				.map_err(|_| TryRuntimeError::Other("pre-upgrade state"))?;
			let pooled: u64 = FeelessPools::<T>::iter_values().map(|p| u64::from(p.patients)).sum();
			ensure!(pooled == onboarded, "onboarded patients differ from those in the pools");
			Pallet::<T>::do_try_state()
		}
	}

	/// v1 to v2, run only when the stored version is 1; sets it to 2.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		UncheckedMigrateV1ToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
