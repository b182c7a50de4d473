//! Storage migrations of the data-rewards pallet, one module per storage version.

/// v1 to v2: a paid participant who withdrew is no longer an `Enrollments` entry marked
/// `withdrawn` (which named their account for as long as the study lasted) but a tag in
/// `PaidWithdrawals`; `Enrollment` loses its `withdrawn` flag.
pub mod v2 {
	use crate::{Config, Enrollments, PaidWithdrawals, Pallet};
	use carechain_primitives::{ConsentId, Enrollment};
	use codec::{Decode, Encode};
	use core::marker::PhantomData;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	#[cfg(feature = "try-runtime")]
	use {alloc::vec::Vec, frame_support::ensure, sp_runtime::TryRuntimeError};

	/// An enrolment as v1 stored it.
	#[derive(Encode, Decode)]
	pub struct EnrollmentV1 {
		/// The research consent created by enrolling.
		pub consent_id: ConsentId,
		/// Whether the reward was paid.
		pub paid: bool,
		/// Whether the patient withdrew (kept only once paid).
		pub withdrawn: bool,
	}

	/// The migration itself, run once by [`MigrateV1ToV2`].
	pub struct UncheckedMigrateV1ToV2<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut reads, mut writes) = (0u64, 0u64);
			Enrollments::<T>::translate::<EnrollmentV1, _>(|study_id, patient, old| {
				reads = reads.saturating_add(1);
				writes = writes.saturating_add(1);
				if old.withdrawn {
					writes = writes.saturating_add(1);
					let tag = Pallet::<T>::participant_tag(study_id, &patient);
					PaidWithdrawals::<T>::insert(study_id, tag, ());
					None
				} else {
					Some(Enrollment { consent_id: old.consent_id, paid: old.paid })
				}
			});
			T::DbWeight::get().reads_writes(reads, writes)
		}

		/// What must survive: the enrolments in force and the paid withdrawals.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			let (mut in_force, mut withdrawn) = (0u64, 0u64);
			for (study_id, patient) in Enrollments::<T>::iter_keys() {
				let key = Enrollments::<T>::hashed_key_for(study_id, &patient);
				let raw = frame_support::storage::unhashed::get_raw(&key)
					.ok_or(TryRuntimeError::Other("an enrolment key without a value"))?;
				let old = EnrollmentV1::decode(&mut &raw[..])
					.map_err(|_| TryRuntimeError::Other("a v1 enrolment does not decode"))?;
				if old.withdrawn {
					withdrawn = withdrawn.saturating_add(1);
				} else {
					in_force = in_force.saturating_add(1);
				}
			}
			Ok((in_force, withdrawn).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
			let (in_force, withdrawn) = <(u64, u64)>::decode(&mut &state[..])
				.map_err(|_| TryRuntimeError::Other("pre-upgrade state"))?;
			ensure!(
				Enrollments::<T>::iter().count() as u64 == in_force,
				"an enrolment in force was lost or does not decode"
			);
			ensure!(
				PaidWithdrawals::<T>::iter_keys().count() as u64 == withdrawn,
				"a paid withdrawal was lost"
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
