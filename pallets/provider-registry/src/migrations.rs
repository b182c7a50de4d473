//! Storage migrations of the provider registry, one module per storage version.

/// v1 to v2: every registration gets an id of its own (`ProviderInfo::registration`), handed
/// out in storage order, and `NextRegistration` follows the last; every staff member's account
/// gets the `sufficients` reference staff accounts now hold.
pub mod v2 {
	use crate::{BalanceOf, Config, NextRegistration, Pallet, ProviderInfo, Providers, StaffOf};
	use carechain_primitives::{Hash32, Jurisdiction, ProviderKind, ProviderStatus};
	use codec::{Decode, Encode};
	use core::marker::PhantomData;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
		BoundedVec,
	};
	#[cfg(feature = "try-runtime")]
	use {alloc::vec::Vec, frame_support::ensure, sp_runtime::TryRuntimeError};

	/// A registration as v1 stored it: no id.
	#[derive(Encode, Decode)]
	pub struct ProviderInfoV1<Balance, MaxNameLength: Get<u32>> {
		/// What kind of provider it is.
		pub kind: ProviderKind,
		/// Where it stands with the consortium.
		pub status: ProviderStatus,
		/// Public name, UTF-8.
		pub name: BoundedVec<u8, MaxNameLength>,
		/// Licensing jurisdiction.
		pub jurisdiction: Jurisdiction,
		/// Hash of the licence credential kept off chain.
		pub license_hash: Hash32,
		/// The deposit held.
		pub deposit: Balance,
		/// How many staff members act under it.
		pub staff_count: u32,
	}

	/// The migration itself, run once by [`MigrateV1ToV2`].
	pub struct UncheckedMigrateV1ToV2<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut next = NextRegistration::<T>::get();
			let mut migrated = 0u64;
			Providers::<T>::translate::<ProviderInfoV1<BalanceOf<T>, T::MaxNameLength>, _>(
				|_, old| {
					migrated = migrated.saturating_add(1);
					let registration = next;
					next = next.saturating_add(1);
					Some(ProviderInfo {
						registration,
						kind: old.kind,
						status: old.status,
						name: old.name,
						jurisdiction: old.jurisdiction,
						license_hash: old.license_hash,
						deposit: old.deposit,
						staff_count: old.staff_count,
					})
				},
			);
			NextRegistration::<T>::put(next);
			let mut staff = 0u64;
			for member in StaffOf::<T>::iter_keys() {
				staff = staff.saturating_add(1);
				frame_system::Pallet::<T>::inc_sufficients(&member);
			}
			let (reads, writes) = (migrated.saturating_add(1), migrated.saturating_add(1));
			// Each staff member: the link read, the account read and written.
			T::DbWeight::get().reads_writes(
				reads.saturating_add(staff.saturating_mul(2)),
				writes.saturating_add(staff),
			)
		}

		/// What must survive: every registration.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			Ok((Providers::<T>::iter_keys().count() as u64).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
			let providers = u64::decode(&mut &state[..])
				.map_err(|_| TryRuntimeError::Other("pre-upgrade state"))?;
			ensure!(
				Providers::<T>::iter().count() as u64 == providers,
				"a registration was lost or does not decode"
			);
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
