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

/// v2 to v3: the guardians of onboarded patients hold a `sufficients` reference (so that a
/// guardian key needs no tokens). The records do not change; each guardian an onboarded
/// patient appointed before v3 is given its reference, as `add_guardian` now does.
pub mod v3 {
	use crate::{Config, Pallet, Patients};
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

	/// The migration itself, run once by [`MigrateV2ToV3`].
	pub struct UncheckedMigrateV2ToV3<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV2ToV3<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads = 0u64;
			let mut writes = 0u64;
			for record in Patients::<T>::iter_values() {
				reads = reads.saturating_add(1);
				if !record.sufficient {
					continue;
				}
				for guardian in &record.guardians {
					// The account, and the nonce floor it is raised to.
					reads = reads.saturating_add(2);
					writes = writes.saturating_add(1);
					Pallet::<T>::give_sufficient_ref(&guardian.account);
				}
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		/// What must hold after: the `sufficients` of every account rose by the number of
		/// onboarded patients it guards.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			Ok(guarded_accounts::<T>().encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
			let before = Vec::<(T::AccountId, u32, u32)>::decode(&mut &state[..])
				.map_err(|_| TryRuntimeError::Other("pre-upgrade state"))?;
			for (account, sufficients, wards) in before {
				ensure!(
					frame_system::Pallet::<T>::sufficients(&account)
						== sufficients.saturating_add(wards),
					"a guardian of onboarded patients lacks its references"
				);
			}
			Pallet::<T>::do_try_state()
		}
	}

	/// Every guardian of an onboarded patient: its `sufficients` now, and how many onboarded
	/// patients it guards.
	#[cfg(feature = "try-runtime")]
	fn guarded_accounts<T: Config>() -> Vec<(T::AccountId, u32, u32)> {
		let mut accounts: Vec<(T::AccountId, u32, u32)> = Vec::new();
		for record in Patients::<T>::iter_values().filter(|record| record.sufficient) {
			for guardian in &record.guardians {
				match accounts.iter_mut().find(|(account, _, _)| account == &guardian.account) {
					Some((_, _, wards)) => *wards = wards.saturating_add(1),
					None => accounts.push((
						guardian.account.clone(),
						frame_system::Pallet::<T>::sufficients(&guardian.account),
						1,
					)),
				}
			}
		}
		accounts
	}

	/// v2 to v3, run only when the stored version is 2; sets it to 3.
	pub type MigrateV2ToV3<T> = VersionedMigration<
		2,
		3,
		UncheckedMigrateV2ToV3<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
