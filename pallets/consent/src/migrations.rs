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

/// v2 to v3: each consent records whether a guardian made it (`false` for every consent made
/// before guardians' consents were marked) and the provider registration it was granted under
/// (the grantee's current one; none, so the consent permits nothing, for a grantee that has
/// left the registry); each pending request records the organisation it was made for (the
/// requester's current one, or the requester itself), counted in `PendingRequestsFrom`. Runs
/// after the provider registry's v2 migration, which hands out the registrations.
pub mod v3 {
	use super::v4::{ConsentTermsV3, ConsentsByPairV3};
	use crate::{AccessRequest, Config, Pallet, PendingRequestsFrom, Requests};
	use carechain_primitives::{
		traits::ProviderRegistry, Actions, ConsentId, ConsentKind, ConsentStatus, DataCategories,
		Hash32, Moment, Purposes, RegistrationId,
	};
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

	/// The registration of a consent whose grantee is no longer registered: never handed out.
	pub const NO_REGISTRATION: RegistrationId = RegistrationId::MAX;

	/// A consent's terms as v2 stored them.
	#[derive(Encode, Decode, Clone)]
	pub struct ConsentTermsV2 {
		/// The consent's id.
		pub id: ConsentId,
		/// The data categories covered.
		pub categories: DataCategories,
		/// The actions permitted.
		pub actions: Actions,
		/// The purposes of use permitted.
		pub purposes: Purposes,
		/// When it was created (unix ms).
		pub created_at: Moment,
		/// When it ends (unix ms, exclusive).
		pub expires_at: Moment,
		/// `Active` or `Revoked`.
		pub status: ConsentStatus,
		/// How it came about.
		pub kind: ConsentKind,
	}

	/// A pending request as v2 stored it: no organisation.
	#[derive(Encode, Decode)]
	pub struct AccessRequestV2<AccountId> {
		/// The patient asked.
		pub patient: AccountId,
		/// The provider or staff member asking.
		pub requester: AccountId,
		/// The categories asked for.
		pub categories: DataCategories,
		/// The actions asked for.
		pub actions: Actions,
		/// The purposes asked for.
		pub purposes: Purposes,
		/// How long the consent would last from approval (ms).
		pub duration_ms: Moment,
		/// Hash of the justification kept off chain.
		pub justification_hash: Hash32,
		/// When the request lapses unanswered (unix ms).
		pub lapses_at: Moment,
	}

	/// The migration itself, run once by [`MigrateV2ToV3`].
	pub struct UncheckedMigrateV2ToV3<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV2ToV3<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut pairs = 0u64;
			ConsentsByPairV3::<T>::translate::<
				BoundedVec<ConsentTermsV2, T::MaxConsentsPerGrantee>,
				_,
			>(|_patient, grantee, old| {
				pairs = pairs.saturating_add(1);
				let registration =
					T::Providers::registration_of(&grantee).unwrap_or(NO_REGISTRATION);
				let terms = old.into_iter().map(|old| ConsentTermsV3 {
					id: old.id,
					categories: old.categories,
					actions: old.actions,
					purposes: old.purposes,
					created_at: old.created_at,
					expires_at: old.expires_at,
					status: old.status,
					kind: old.kind,
					by_guardian: false,
					registration,
				});
				// Same bound on both sides: nothing is truncated.
				Some(BoundedVec::truncate_from(terms.collect()))
			});
			let mut requests = 0u64;
			Requests::<T>::translate::<AccessRequestV2<T::AccountId>, _>(|_, old| {
				requests = requests.saturating_add(1);
				let organisation = T::Providers::active_provider(&old.requester)
					.map_or_else(|| old.requester.clone(), |(_, organisation)| organisation);
				PendingRequestsFrom::<T>::mutate(&old.patient, &organisation, |count| {
					*count = count.saturating_add(1)
				});
				Some(AccessRequest {
					patient: old.patient,
					requester: old.requester,
					organisation,
					categories: old.categories,
					actions: old.actions,
					purposes: old.purposes,
					duration_ms: old.duration_ms,
					justification_hash: old.justification_hash,
					lapses_at: old.lapses_at,
				})
			});
			// Each pair: read and written, and the grantee's registration read (two reads);
			// each request: read and written, the requester's standing read (two reads), its
			// organisation's count read and written.
			T::DbWeight::get().reads_writes(
				pairs.saturating_mul(3).saturating_add(requests.saturating_mul(4)),
				pairs.saturating_add(requests.saturating_mul(2)),
			)
		}

		/// What must survive: every consent.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			let consents = crate::ConsentParties::<T>::iter_keys().count() as u64;
			Ok(consents.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
			let consents = u64::decode(&mut &state[..])
				.map_err(|_| TryRuntimeError::Other("pre-upgrade state"))?;
			let migrated: u64 =
				ConsentsByPairV3::<T>::iter_values().map(|pair| pair.len() as u64).sum();
			ensure!(migrated == consents, "a consent was lost or does not decode");
			Ok(())
		}
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

/// v3 to v4, sealed scopes (PRIVACY.md goal 2): a consent's terms carry the tags of a sealed
/// scope (`None` for every consent made before), and the access log's entries and the record
/// anchors name their category as an [`AccessedCategory`] (`Clear` for every earlier one).
///
/// A consent or request that names a sensitive category in clear cannot be sealed by the chain,
/// which has no salt: the category is struck from its scope (the patient grants it again,
/// sealed), and a consent left covering nothing is removed as if it had expired
/// (`ConsentExpired`). Log entries and anchors keep their category in clear: they are history,
/// and the log's hash chain was computed over them as they were (a wallet rebuilds each entry
/// with the metadata of the block that logged it).
pub mod v4 {
	use crate::{
		Config, ConsentTerms, ConsentsByPair, Expiring, Pallet, RecordAnchorOf, RecordAnchors,
		Requests,
	};
	use alloc::vec::Vec;
	use carechain_primitives::{
		AccessEntry, AccessedCategory, Action, Actions, ConsentId, ConsentKind, ConsentStatus,
		DataCategories, DataCategory, Hash32, Moment, PurposeOfUse, Purposes, RecordAnchor,
		RegistrationId,
	};
	use codec::{Decode, Encode};
	use core::marker::PhantomData;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
		BoundedVec,
	};
	#[cfg(feature = "try-runtime")]
	use {frame_support::ensure, sp_runtime::TryRuntimeError};

	/// A consent's terms as v3 stored them: no sealed tags.
	#[derive(Encode, Decode, Clone)]
	pub struct ConsentTermsV3 {
		/// The consent's id.
		pub id: ConsentId,
		/// The data categories covered, sensitive ones in clear.
		pub categories: DataCategories,
		/// The actions permitted.
		pub actions: Actions,
		/// The purposes of use permitted.
		pub purposes: Purposes,
		/// When it was created (unix ms).
		pub created_at: Moment,
		/// When it ends (unix ms, exclusive).
		pub expires_at: Moment,
		/// `Active` or `Revoked`.
		pub status: ConsentStatus,
		/// How it came about.
		pub kind: ConsentKind,
		/// Whether a guardian made it.
		pub by_guardian: bool,
		/// The provider registration it was granted under.
		pub registration: RegistrationId,
	}

	/// An access-log entry as v3 stored it: its category in clear.
	#[derive(Encode, Decode, Clone)]
	pub struct AccessEntryV3<AccountId> {
		/// Who accessed.
		pub accessor: AccountId,
		/// The organisation the accessor acted for.
		pub organisation: AccountId,
		/// The category accessed.
		pub category: DataCategory,
		/// Why.
		pub purpose: PurposeOfUse,
		/// Read or write.
		pub action: Action,
		/// The consent that permitted it.
		pub consent_id: ConsentId,
		/// When (unix ms).
		pub time: Moment,
		/// The hash of the record read or written, if given.
		pub record_hash: Option<Hash32>,
	}

	/// A patient's access log as v3 stored it.
	#[derive(Encode, Decode)]
	pub struct AccessLogV3<AccountId> {
		/// Entries ever appended.
		pub count: u64,
		/// Head of the hash chain.
		pub head: Hash32,
		/// The most recent entries (at most `MaxRecentAccess`, 32 in the runtime), oldest first.
		pub recent: Vec<AccessEntryV3<AccountId>>,
	}

	/// A patient's access log as v4 stored it: the last entries still in state.
	#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
	pub struct AccessLogV4<AccountId> {
		/// Entries ever appended.
		pub count: u64,
		/// Head of the hash chain.
		pub head: Hash32,
		/// The most recent entries (at most `MaxRecentAccess`, 32 in the runtime), oldest first.
		pub recent: Vec<AccessEntry<AccountId>>,
	}

	pub use v4_storage::AccessLogs as AccessLogsV4;

	/// The access logs as v4 stored them: what this migration writes and v5's reads.
	#[allow(missing_docs)]
	mod v4_storage {
		use super::*;

		#[frame_support::storage_alias]
		pub type AccessLogs<T: Config> = StorageMap<
			Pallet<T>,
			frame_support::Blake2_128Concat,
			<T as frame_system::Config>::AccountId,
			AccessLogV4<<T as frame_system::Config>::AccountId>,
		>;
	}

	/// A record anchor as v3 stored it: its category in clear.
	#[derive(Encode, Decode)]
	pub struct RecordAnchorV3<AccountId, Deposit> {
		/// The provider or staff member who wrote the record.
		pub writer: AccountId,
		/// The organisation that pays the deposit.
		pub organisation: AccountId,
		/// The category of the record.
		pub category: DataCategory,
		/// When it was anchored (unix ms).
		pub anchored_at: Moment,
		/// The deposit held from the organisation.
		pub deposit: Deposit,
	}

	pub use v3_storage::ConsentsByPair as ConsentsByPairV3;

	/// Storage as v3 laid it out (the alias's generated prefix type has no docs).
	#[allow(missing_docs)]
	mod v3_storage {
		use super::*;

		/// The consents by pair as v3 stored them: what the v3 migration writes and this
		/// one's pre-upgrade check reads. (An alias's name is the storage item's.)
		#[frame_support::storage_alias]
		pub type ConsentsByPair<T: Config> = StorageDoubleMap<
			Pallet<T>,
			frame_support::Blake2_128Concat,
			<T as frame_system::Config>::AccountId,
			frame_support::Blake2_128Concat,
			<T as frame_system::Config>::AccountId,
			BoundedVec<ConsentTermsV3, <T as Config>::MaxConsentsPerGrantee>,
		>;
	}

	/// The scope of a v3 consent without its sensitive categories.
	fn standard_only(categories: DataCategories) -> DataCategories {
		DataCategories::from_flags(categories.iter().filter(|c| !c.is_sensitive()))
	}

	/// The migration itself, run once by [`MigrateV3ToV4`].
	pub struct UncheckedMigrateV3ToV4<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV3ToV4<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads = 0u64;
			let mut writes = 0u64;
			// Consents left covering nothing, with their expiry: removed below.
			let mut emptied: Vec<(ConsentId, Moment)> = Vec::new();
			ConsentsByPair::<T>::translate::<BoundedVec<ConsentTermsV3, T::MaxConsentsPerGrantee>, _>(
				|_patient, _grantee, old| {
					reads = reads.saturating_add(1);
					writes = writes.saturating_add(1);
					let terms = old.into_iter().map(|old| {
						let categories = standard_only(old.categories);
						if categories.is_empty() {
							emptied.push((old.id, old.expires_at));
						}
						ConsentTerms {
							id: old.id,
							categories,
							actions: old.actions,
							purposes: old.purposes,
							created_at: old.created_at,
							expires_at: old.expires_at,
							status: old.status,
							kind: old.kind,
							by_guardian: old.by_guardian,
							registration: old.registration,
							sealed_tags: None,
						}
					});
					// Same bound on both sides: nothing is truncated.
					Some(BoundedVec::truncate_from(terms.collect()))
				},
			);
			for (consent_id, expires_at) in emptied {
				super::v7::ExpiryQueueV6::<T>::remove(
					expires_at / super::v7::MINUTE_BUCKET_MS,
					Expiring::Consent(consent_id),
				);
				Pallet::<T>::expire(Expiring::Consent(consent_id), Pallet::<T>::bucket(expires_at));
				// The parties, the pair, the grantee index, the count, the salts.
				reads = reads.saturating_add(3);
				writes = writes.saturating_add(6);
			}
			Requests::<T>::translate_values::<carechain_primitives::AccessRequest<T::AccountId>, _>(
				|mut request| {
					reads = reads.saturating_add(1);
					writes = writes.saturating_add(1);
					request.categories = standard_only(request.categories);
					Some(request)
				},
			);
			AccessLogsV4::<T>::translate_values::<AccessLogV3<T::AccountId>, _>(|old| {
				reads = reads.saturating_add(1);
				writes = writes.saturating_add(1);
				let recent = old.recent.into_iter().map(|old| AccessEntry {
					accessor: old.accessor,
					organisation: old.organisation,
					category: AccessedCategory::Clear(old.category),
					purpose: old.purpose,
					action: old.action,
					consent_id: old.consent_id,
					time: old.time,
					record_hash: old.record_hash,
				});
				Some(AccessLogV4 { count: old.count, head: old.head, recent: recent.collect() })
			});
			RecordAnchors::<T>::translate_values::<RecordAnchorV3<T::AccountId, T::AnchorDeposit>, _>(
				|old| {
					reads = reads.saturating_add(1);
					writes = writes.saturating_add(1);
					let anchor: RecordAnchorOf<T> = RecordAnchor {
						writer: old.writer,
						organisation: old.organisation,
						category: AccessedCategory::Clear(old.category),
						anchored_at: old.anchored_at,
						deposit: old.deposit,
					};
					Some(anchor)
				},
			);
			T::DbWeight::get().reads_writes(reads, writes)
		}

		/// What must survive: every log and anchor, and every consent that still covers a
		/// category once sensitive ones are struck.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			let kept: u64 = ConsentsByPairV3::<T>::iter_values()
				.map(|pair| {
					pair.iter().filter(|t| !standard_only(t.categories).is_empty()).count() as u64
				})
				.sum();
			let logs = AccessLogsV4::<T>::iter_keys().count() as u64;
			let anchors = RecordAnchors::<T>::iter_keys().count() as u64;
			Ok((kept, logs, anchors).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
			let (kept, logs, anchors) = <(u64, u64, u64)>::decode(&mut &state[..])
				.map_err(|_| TryRuntimeError::Other("pre-upgrade state"))?;
			let consents: u64 =
				ConsentsByPair::<T>::iter_values().map(|pair| pair.len() as u64).sum();
			ensure!(consents == kept, "a consent was lost or does not decode");
			ensure!(
				AccessLogsV4::<T>::iter_values().count() as u64 == logs,
				"a log does not decode"
			);
			ensure!(
				RecordAnchors::<T>::iter_values().count() as u64 == anchors,
				"an anchor does not decode"
			);
			Pallet::<T>::do_try_state()
		}
	}

	/// v3 to v4, run only when the stored version is 3; sets it to 4.
	pub type MigrateV3ToV4<T> = VersionedMigration<
		3,
		4,
		UncheckedMigrateV3ToV4<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// v4 to v5, the access log off state (issue 22): each patient's log keeps its count and
/// hash-chain head in state, and the entries that were still in state go to the node's
/// off-chain index (`access_log_entry_key`), where `record_access` now writes every entry.
///
/// Each moved entry carries the head before it when that is known: for a log whose every entry
/// was still in state (the head before the first is 32 zero bytes). A longer log's earlier
/// entries had already left state, so its moved entries carry `None`, and a patient's app
/// checks them as it did before, from a checkpoint of its own.
pub mod v5 {
	use super::v4::AccessLogV4;
	#[cfg(feature = "try-runtime")]
	use super::v4::AccessLogsV4;
	use crate::{AccessLogs, Config, Pallet};
	use carechain_primitives::{access_log_entry_key, AccessLogHead, Hash32, IndexedAccessEntry};
	use codec::Encode;
	use core::marker::PhantomData;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	#[cfg(feature = "try-runtime")]
	use {alloc::vec::Vec, codec::Decode, frame_support::ensure, sp_runtime::TryRuntimeError};

	/// The migration itself, run once by [`MigrateV4ToV5`].
	pub struct UncheckedMigrateV4ToV5<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV4ToV5<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut logs = 0u64;
			AccessLogs::<T>::translate::<AccessLogV4<T::AccountId>, _>(|patient, old| {
				logs = logs.saturating_add(1);
				let kept = u64::try_from(old.recent.len()).unwrap_or(u64::MAX);
				let first = old.count.saturating_sub(kept);
				let mut previous: Option<Hash32> = (first == 0).then_some([0; 32]);
				for (index, entry) in (first..).zip(old.recent) {
					let next = previous.map(|head| Pallet::<T>::chain(&head, &entry));
					let indexed = IndexedAccessEntry { previous, entry };
					sp_io::offchain_index::set(
						&access_log_entry_key(&patient, index),
						&indexed.encode(),
					);
					previous = next;
				}
				Some(AccessLogHead { count: old.count, head: old.head })
			});
			// Writing to the off-chain index is not a state write: the read and write of each
			// log bound it.
			T::DbWeight::get().reads_writes(logs, logs)
		}

		/// What must survive: every log's count and head.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			let heads: Vec<(T::AccountId, u64, Hash32)> = AccessLogsV4::<T>::iter()
				.map(|(patient, log)| (patient, log.count, log.head))
				.collect();
			Ok(heads.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
			let heads = <Vec<(T::AccountId, u64, Hash32)>>::decode(&mut &state[..])
				.map_err(|_| TryRuntimeError::Other("pre-upgrade state"))?;
			ensure!(AccessLogs::<T>::iter_keys().count() == heads.len(), "a log was lost or added");
			for (patient, count, head) in heads {
				ensure!(
					AccessLogs::<T>::get(&patient) == AccessLogHead { count, head },
					"a log's count or head changed"
				);
			}
			Pallet::<T>::do_try_state()
		}
	}

	/// v4 to v5, run only when the stored version is 4; sets it to 5.
	pub type MigrateV4ToV5<T> = VersionedMigration<
		4,
		5,
		UncheckedMigrateV4ToV5<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// v5 to v6, the by-grantee index off state (issue 22): `ConsentsByGrantee` (96 bytes of state
/// per consent) gives way to each grantee's listing in the node's off-chain index
/// (`grantee_listing_key`), whose length alone stays in state (`GranteeListings`, one entry
/// per grantee). Each consent the old index held is listed in the order it is read.
pub mod v6 {
	use crate::{Config, Pallet};
	#[cfg(feature = "try-runtime")]
	use crate::{ConsentParties, GranteeListings};
	use carechain_primitives::ConsentId;
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

	pub use v5_storage::ConsentsByGrantee as ConsentsByGranteeV5;

	/// The by-grantee index as v5 stored it.
	#[allow(missing_docs)]
	mod v5_storage {
		use super::*;

		#[frame_support::storage_alias]
		pub type ConsentsByGrantee<T: Config> = StorageDoubleMap<
			Pallet<T>,
			frame_support::Blake2_128Concat,
			<T as frame_system::Config>::AccountId,
			frame_support::Twox64Concat,
			ConsentId,
			(),
		>;
	}

	/// The migration itself, run once by [`MigrateV5ToV6`].
	pub struct UncheckedMigrateV5ToV6<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV5ToV6<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut moved = 0u64;
			for (grantee, consent_id, ()) in ConsentsByGranteeV5::<T>::drain() {
				Pallet::<T>::list_for_grantee(&grantee, consent_id);
				moved = moved.saturating_add(1);
			}
			// Each entry read and removed, and its grantee's listing length read and written.
			T::DbWeight::get().reads_writes(moved.saturating_mul(2), moved.saturating_mul(2))
		}

		/// What must survive: how many consents name each grantee.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			let entries = ConsentsByGranteeV5::<T>::iter_keys().count() as u64;
			Ok(entries.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
			let entries = u64::decode(&mut &state[..])
				.map_err(|_| TryRuntimeError::Other("pre-upgrade state"))?;
			ensure!(
				ConsentsByGranteeV5::<T>::iter_keys().next().is_none(),
				"the old index is left"
			);
			let listed: u64 = GranteeListings::<T>::iter_values().sum();
			ensure!(listed == entries, "a consent was not listed");
			ensure!(
				ConsentParties::<T>::iter().count() as u64 <= listed,
				"a stored consent is in no listing"
			);
			Pallet::<T>::do_try_state()
		}
	}

	/// v5 to v6, run only when the stored version is 5; sets it to 6.
	pub type MigrateV5ToV6<T> = VersionedMigration<
		5,
		6,
		UncheckedMigrateV5ToV6<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// v6 to v7, the expiry queue in pages (issue 22): one entry per queued item (65 bytes of state
/// per consent) gives way to hour buckets whose items sit in pages of `EXPIRY_PAGE_ITEMS`
/// (`ExpiryPages`, `ExpiryPageCount`: about 9 bytes an item). Each item moves to the hour of
/// its minute, and the clean-up cursor from minutes to hours.
pub mod v7 {
	use crate::{CleanupCursor, Config, Expiring, Pallet, EXPIRY_BUCKET_MS};
	use carechain_primitives::Moment;
	use core::marker::PhantomData;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	#[cfg(feature = "try-runtime")]
	use {
		crate::ExpiryPages,
		alloc::vec::Vec,
		codec::{Decode, Encode},
		frame_support::ensure,
		sp_runtime::TryRuntimeError,
	};

	/// The width of a bucket up to v6 (ms): a minute.
	pub const MINUTE_BUCKET_MS: Moment = 60_000;

	pub use v6_storage::ExpiryQueue as ExpiryQueueV6;

	/// The expiry queue as v6 (and every version before) stored it.
	#[allow(missing_docs)]
	mod v6_storage {
		use super::*;

		#[frame_support::storage_alias]
		pub type ExpiryQueue<T: Config> = StorageDoubleMap<
			Pallet<T>,
			frame_support::Twox64Concat,
			Moment,
			frame_support::Twox64Concat,
			Expiring,
			(),
		>;
	}

	/// The migration itself, run once by [`MigrateV6ToV7`].
	pub struct UncheckedMigrateV6ToV7<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV6ToV7<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut moved = 0u64;
			if let Some(minute) = CleanupCursor::<T>::get() {
				let start = minute.saturating_mul(MINUTE_BUCKET_MS);
				CleanupCursor::<T>::put(start / EXPIRY_BUCKET_MS);
			}
			for (minute, item, ()) in ExpiryQueueV6::<T>::drain() {
				Pallet::<T>::enqueue(minute.saturating_mul(MINUTE_BUCKET_MS), item);
				moved = moved.saturating_add(1);
			}
			// Each entry read and removed; its page and the bucket's page count read and
			// written, the cursor read.
			T::DbWeight::get().reads_writes(
				moved.saturating_mul(3).saturating_add(1),
				moved.saturating_mul(3).saturating_add(1),
			)
		}

		/// What must survive: every queued item.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			let items = ExpiryQueueV6::<T>::iter_keys().count() as u64;
			Ok(items.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
			let items = u64::decode(&mut &state[..])
				.map_err(|_| TryRuntimeError::Other("pre-upgrade state"))?;
			ensure!(ExpiryQueueV6::<T>::iter_keys().next().is_none(), "the old queue is left");
			let paged: u64 = ExpiryPages::<T>::iter_values().map(|page| page.len() as u64).sum();
			ensure!(paged == items, "a queued item was lost");
			Pallet::<T>::do_try_state()
		}
	}

	/// v6 to v7, run only when the stored version is 6; sets it to 7.
	pub type MigrateV6ToV7<T> = VersionedMigration<
		6,
		7,
		UncheckedMigrateV6ToV7<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
