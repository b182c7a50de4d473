//! Storage migrations of the consent pallet, one module per storage version.

/// v1 to v2: emergency accesses carry a bond, each organisation's open reviews are counted, and
/// emergency consents are counted apart from the patient's own budget.
pub mod v2 {
	use crate::{
		Config, ConsentCount, ConsentKind, ConsentsByPair, EmergencyAccess, EmergencyAccesses,
		EmergencyConsentCount, OpenEmergencyReviews, Pallet,
	};
	use carechain_primitives::{Hash32, Moment};
	use codec::{Decode, Encode};
	use core::marker::PhantomData;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use sp_runtime::traits::Zero;
	#[cfg(feature = "try-runtime")]
	use {alloc::vec::Vec, frame_support::ensure, sp_runtime::TryRuntimeError};

	/// An emergency access as v1 stored it: no bond (none was held).
	#[derive(Encode, Decode)]
	pub struct EmergencyAccessV1<AccountId> {
		/// Whose data was accessed.
		pub patient: AccountId,
		/// Who invoked it.
		pub accessor: AccountId,
		/// The organisation the accessor acted for.
		pub organisation: AccountId,
		/// Hash of the justification kept off chain.
		pub justification_hash: Hash32,
		/// When it was invoked (unix ms).
		pub invoked_at: Moment,
	}

	/// The migration itself, run once by [`MigrateV1ToV2`].
	pub struct UncheckedMigrateV1ToV2<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads = 0u64;
			let mut writes = 0u64;
			EmergencyAccesses::<T>::translate::<EmergencyAccessV1<T::AccountId>, _>(|_, old| {
				reads = reads.saturating_add(2);
				writes = writes.saturating_add(2);
				OpenEmergencyReviews::<T>::mutate(&old.organisation, |open| {
					*open = open.saturating_add(1)
				});
				Some(EmergencyAccess {
					patient: old.patient,
					accessor: old.accessor,
					organisation: old.organisation,
					justification_hash: old.justification_hash,
					invoked_at: old.invoked_at,
					bond: Zero::zero(),
				})
			});
			for (patient, _grantee, pair) in ConsentsByPair::<T>::iter() {
				reads = reads.saturating_add(1);
				let emergency = pair.iter().filter(|terms| terms.kind == ConsentKind::Emergency);
				let emergency = u32::try_from(emergency.count()).unwrap_or(u32::MAX);
				if emergency == 0 {
					continue;
				}
				reads = reads.saturating_add(2);
				writes = writes.saturating_add(2);
				ConsentCount::<T>::mutate_exists(&patient, |count| {
					*count = count.map(|c| c.saturating_sub(emergency)).filter(|c| *c > 0);
				});
				EmergencyConsentCount::<T>::mutate(&patient, |count| {
					*count = count.saturating_add(emergency)
				});
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		/// What must survive: the number of emergency accesses and of consents counted.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			let accesses = EmergencyAccesses::<T>::iter_keys().count() as u64;
			let consents: u64 = ConsentCount::<T>::iter_values().map(u64::from).sum();
			Ok((accesses, consents).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
			let (accesses, consents) = <(u64, u64)>::decode(&mut &state[..])
				.map_err(|_| TryRuntimeError::Other("pre-upgrade state"))?;
			ensure!(
				EmergencyAccesses::<T>::iter().count() as u64 == accesses,
				"an emergency access was lost or does not decode"
			);
			let open: u64 = OpenEmergencyReviews::<T>::iter_values().map(u64::from).sum();
			ensure!(open == accesses, "open reviews differ from the emergency accesses");
			let own: u64 = ConsentCount::<T>::iter_values().map(u64::from).sum();
			let emergency: u64 = EmergencyConsentCount::<T>::iter_values().map(u64::from).sum();
			ensure!(
				own.saturating_add(emergency) == consents,
				"a consent was lost from the counts"
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
