//! # Provider registry
//!
//! Who may ask for patients' data on CareChain. Hospitals, clinics, physicians, laboratories,
//! pharmacies, insurers and research institutes [`apply`](Pallet::apply) with their public name,
//! licensing jurisdiction and the hash of their licence credential (kept off chain), holding a
//! deposit sized by the bytes they store. The consortium Council (`ApproveOrigin`) approves,
//! rejects, suspends and reinstates them.
//!
//! An organisation (any kind but `Physician`) may add practitioners as staff: a staff member
//! acts under exactly one organisation and passes consent checks only while that organisation
//! is active. Each staff link holds `StaffDeposit` from the organisation.
//!
//! Other pallets see the registry through [`carechain_primitives::traits::ProviderRegistry`];
//! clients through the `ProviderRegistryApi` runtime API ([`Pallet::provider_view`]).

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]
// Runtime code never panics (tests may): no unwrap/expect, no indexing, no unchecked arithmetic.
#![cfg_attr(
	not(test),
	deny(
		clippy::unwrap_used,
		clippy::expect_used,
		clippy::indexing_slicing,
		clippy::arithmetic_side_effects,
		clippy::panic
	)
)]

extern crate alloc;

/// The generated `weights.rs` names this crate by its package name, as runtime weight files do.
extern crate self as pallet_provider_registry;

pub use pallet::*;
pub use types::ProviderInfo;
pub use weight_info::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weight_info;
pub mod weights;

use carechain_primitives::{
	deposit::footprint_of,
	sealed::{is_usable_encryption_key, EncryptionKey},
	traits::{EmergencyReviews, ProviderDeposits, ProviderRegistry},
	Hash32, Jurisdiction, Moment, ProviderKind, ProviderRole, ProviderStatus, ProviderView,
	RegistrationId, SuspensionReason, DAY_MS,
};
use codec::Encode;
use frame_support::{
	dispatch::DispatchResultWithPostInfo,
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate, MutateHold},
		tokens::{Fortitude, Precision, Restriction},
		Footprint, Time,
	},
};
use frame_system::pallet_prelude::*;
use sp_runtime::traits::{Convert, Saturating, Zero};

/// The balance type of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A provider registered at genesis: account, kind, public name, jurisdiction code and licence
/// hash.
pub type GenesisProvider<AccountId> =
	(AccountId, ProviderKind, alloc::string::String, [u8; 2], Hash32);
/// The registration type stored for each provider.
pub type ProviderInfoOf<T> = ProviderInfo<BalanceOf<T>, <T as Config>::MaxNameLength>;

/// Log target of the pallet.
const LOG_TARGET: &str = "runtime::provider-registry";

// FRAME's pallet macros expand to `expect` on facts fixed at compile time (a pallet's name,
// its storage prefixes), spanned on this module; the pallet's own code uses none.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);
	// `EncryptionKeys` is a new map, empty until providers publish keys: no migration.

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency deposits are held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// Who approves, rejects, suspends and reinstates providers (the Council).
		type ApproveOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The price of a registration's deposit for the bytes it stores (in CareChain a
		/// `LinearStoragePrice`: base plus per byte). The pallet holds the deposit itself rather
		/// than through a `Consideration` ticket: it is also the bond that unjustified emergency
		/// accesses are partly paid from, and a ticket can only be dropped or burnt whole.
		type DepositPrice: Convert<Footprint, BalanceOf<Self>>;

		/// Deposit held from an organisation for each staff member.
		type StaffDeposit: Get<BalanceOf<Self>>;

		/// Longest public name, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// Most staff members an organisation may have. May change at run time (it is a
		/// governance parameter); it never exceeds [`Config::MaxStaffCeiling`].
		type MaxStaff: Get<u32>;

		/// Hard ceiling of [`Config::MaxStaff`], which bounds the weight of `retire`.
		#[pallet::constant]
		type MaxStaffCeiling: Get<u32>;

		/// Emergency accesses awaiting review: a provider with one open cannot retire.
		type EmergencyReviews: EmergencyReviews<Self::AccountId>;

		/// The most an organisation pays in transaction fees for one staff member's calls a
		/// day; past it the staff member pays (see the runtime's `ChargeStaffFeesToOrganisation`).
		type StaffFeeAllowance: Get<BalanceOf<Self>>;

		/// Wall-clock time (unix ms), for the staff fee day.
		type Time: Time<Moment = Moment>;

		/// Weights of the calls, from the benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a provider registration.
		ProviderDeposit,
		/// The deposit an organisation holds for one of its staff members.
		StaffDeposit,
	}

	/// Registered providers (pending, active or suspended), by account.
	#[pallet::storage]
	pub type Providers<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ProviderInfoOf<T>>;

	/// The id the next registration gets.
	#[pallet::storage]
	pub type NextRegistration<T: Config> = StorageValue<_, RegistrationId, ValueQuery>;

	/// The fees each organisation paid for each staff member's calls on the last day it paid
	/// any: `(organisation, staff member) -> (day since the unix epoch, amount)`. Removed with
	/// the staff link.
	#[pallet::storage]
	pub type StaffFeesPaid<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		(u32, BalanceOf<T>),
	>;

	/// The organisation each staff member acts under.
	#[pallet::storage]
	pub type StaffOf<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, T::AccountId>;

	/// The staff of each organisation, with the deposit held for each link.
	#[pallet::storage]
	pub type Staff<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		BalanceOf<T>,
	>;

	/// Each provider's X25519 public key, to which patients' wallets seal consent salts
	/// (`carechain_primitives::sealed`). Set and rotated by the provider; removed with its
	/// registration. Staff act under their organisation's key.
	#[pallet::storage]
	pub type EncryptionKeys<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, EncryptionKey>;

	/// Providers registered (and active) at genesis, for development and test chains.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// `(account, kind, name, jurisdiction, licence hash)` of each active provider. The
		/// account must hold enough free balance for the deposit.
		pub providers: alloc::vec::Vec<GenesisProvider<T::AccountId>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (account, kind, name, jurisdiction, license_hash) in &self.providers {
				let registered = Pallet::<T>::register(
					account,
					*kind,
					name.clone(),
					*jurisdiction,
					*license_hash,
					ProviderStatus::Active,
				);
				// `register` checks everything before it holds the deposit, so a refused
				// provider leaves nothing behind; it is left out, loudly, rather than panic.
				match registered {
					Ok(info) => Providers::<T>::insert(account, info),
					Err(error) => log::error!(
						target: LOG_TARGET,
						"genesis provider {account:?} left out: {error:?}"
					),
				}
			}
		}
	}

	/// Events of the registry.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A provider applied and awaits approval.
		Applied {
			/// The applicant.
			provider: T::AccountId,
			/// The registration it applied for.
			registration: RegistrationId,
			/// Its kind.
			kind: ProviderKind,
			/// The deposit held.
			deposit: BalanceOf<T>,
		},
		/// The Council approved a provider: it is active.
		Approved {
			/// The provider.
			provider: T::AccountId,
		},
		/// The Council rejected a pending application; its deposit was returned.
		Rejected {
			/// The applicant.
			provider: T::AccountId,
			/// The deposit returned.
			deposit: BalanceOf<T>,
		},
		/// The Council suspended a provider: it and its staff pass no consent check.
		Suspended {
			/// The provider.
			provider: T::AccountId,
			/// Why.
			reason: SuspensionReason,
		},
		/// The Council reinstated a suspended provider.
		Reinstated {
			/// The provider.
			provider: T::AccountId,
		},
		/// A provider changed its licence and awaits approval again.
		LicenseUpdated {
			/// The provider.
			provider: T::AccountId,
			/// Hash of the new licence credential.
			license_hash: Hash32,
		},
		/// An organisation added a staff member.
		StaffAdded {
			/// The organisation.
			organisation: T::AccountId,
			/// The practitioner now acting under it.
			member: T::AccountId,
		},
		/// A staff member was removed from an organisation.
		StaffRemoved {
			/// The organisation.
			organisation: T::AccountId,
			/// The practitioner no longer acting under it.
			member: T::AccountId,
		},
		/// Part of a provider's deposit was slashed to someone it wronged (an unjustified
		/// emergency access, decided by the Council in the consent pallet).
		DepositSlashed {
			/// The provider.
			provider: T::AccountId,
			/// Who received the slashed funds.
			beneficiary: T::AccountId,
			/// The amount moved.
			amount: BalanceOf<T>,
		},
		/// A provider retired: its registration and staff links are gone, deposits returned.
		Retired {
			/// The former provider.
			provider: T::AccountId,
			/// How many staff links were removed with it.
			staff_removed: u32,
			/// The registration deposit returned.
			deposit: BalanceOf<T>,
		},
		/// A provider published or rotated its encryption key. The key is public: patients'
		/// wallets seal consent salts to it.
		EncryptionKeySet {
			/// The provider.
			provider: T::AccountId,
			/// Its X25519 public key from now on.
			key: EncryptionKey,
			/// Whether it replaced an earlier key.
			rotated: bool,
		},
		/// An organisation paid the transaction fee of a staff member's call.
		StaffFeeCharged {
			/// The organisation.
			organisation: T::AccountId,
			/// The staff member.
			staff: T::AccountId,
			/// The fee charged before the call (refunds of unused weight go to the
			/// organisation too).
			fee: BalanceOf<T>,
			/// What the organisation has paid for this staff member today.
			paid_today: BalanceOf<T>,
		},
	}

	/// Errors of the registry.
	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a registered provider.
		AlreadyRegistered,
		/// The account is a staff member of an organisation and cannot register itself.
		IsStaffMember,
		/// The name is empty.
		NameEmpty,
		/// The name is longer than `MaxNameLength` bytes.
		NameTooLong,
		/// The jurisdiction is not an assigned ISO 3166-1 alpha-2 code (upper case).
		InvalidJurisdiction,
		/// The account cannot pay the deposit.
		InsufficientDeposit,
		/// The account is not a registered provider.
		NotRegistered,
		/// The provider is not pending approval.
		NotPending,
		/// The provider is not active.
		NotActive,
		/// The provider is not suspended.
		NotSuspended,
		/// A suspended provider cannot retire: the Council must reinstate it first.
		Suspended,
		/// Emergency accesses made for this provider await the Council's review: it cannot
		/// retire (and take back the deposit that answers for them) until they are reviewed.
		EmergencyReviewsOpen,
		/// The licence hash is the one already registered.
		LicenseUnchanged,
		/// Only organisations (every kind but `Physician`) have staff.
		NotAnOrganisation,
		/// The member is already staff of an organisation.
		AlreadyStaff,
		/// The member is itself a registered provider.
		MemberIsProvider,
		/// An organisation cannot be its own staff member.
		CannotAddSelf,
		/// The organisation has `MaxStaff` members already.
		TooManyStaff,
		/// The account is not staff of this organisation.
		NotStaff,
		/// The encryption key is not a canonical X25519 public key of large order: whatever is
		/// sealed to it could be opened by anyone.
		UnusableEncryptionKey,
		/// The encryption key is the one already published.
		EncryptionKeyUnchanged,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxNameLength::get() > 0, "MaxNameLength must allow a name");
			assert!(T::MaxStaffCeiling::get() > 0, "MaxStaffCeiling must allow staff");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Apply to become a provider. Holds a deposit sized by the bytes stored; the application
		/// stays `Pending` until `ApproveOrigin` approves it.
		///
		/// - `name`: the public name of the organisation or physician (UTF-8 text, at most
		///   `MaxNameLength` bytes).
		/// - `jurisdiction`: ISO 3166-1 alpha-2 code of the licensing country (`GB`).
		/// - `license_hash`: hash of the licence credential kept off chain.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::apply(name.len() as u32))]
		pub fn apply(
			origin: OriginFor<T>,
			kind: ProviderKind,
			name: alloc::string::String,
			jurisdiction: [u8; 2],
			license_hash: Hash32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let info = Self::register(
				&who,
				kind,
				name,
				jurisdiction,
				license_hash,
				ProviderStatus::Pending,
			)?;
			let (deposit, registration) = (info.deposit, info.registration);
			Providers::<T>::insert(&who, info);
			Self::deposit_event(Event::Applied { provider: who, registration, kind, deposit });
			Ok(())
		}

		/// Approve a pending provider: it becomes `Active`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::approve())]
		pub fn approve(origin: OriginFor<T>, provider: T::AccountId) -> DispatchResult {
			T::ApproveOrigin::ensure_origin(origin)?;
			Self::transition(
				&provider,
				ProviderStatus::Pending,
				Error::<T>::NotPending,
				ProviderStatus::Active,
			)?;
			Self::deposit_event(Event::Approved { provider });
			Ok(())
		}

		/// Reject a pending application: the registration is removed and its deposit returned.
		/// A provider pending after a licence update loses its registration and staff links.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::reject(T::MaxStaffCeiling::get()))]
		pub fn reject(origin: OriginFor<T>, provider: T::AccountId) -> DispatchResultWithPostInfo {
			T::ApproveOrigin::ensure_origin(origin)?;
			let info = Providers::<T>::get(&provider).ok_or(Error::<T>::NotRegistered)?;
			ensure!(info.status == ProviderStatus::Pending, Error::<T>::NotPending);
			let staff_removed = Self::remove_all_staff(&provider);
			Self::release_deposit(&HoldReason::ProviderDeposit, &provider, info.deposit);
			Providers::<T>::remove(&provider);
			EncryptionKeys::<T>::remove(&provider);
			Self::deposit_event(Event::Rejected { provider, deposit: info.deposit });
			Ok(Some(T::WeightInfo::reject(staff_removed)).into())
		}

		/// Suspend an active provider: neither it nor its staff pass any consent check until it
		/// is reinstated.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::suspend())]
		pub fn suspend(
			origin: OriginFor<T>,
			provider: T::AccountId,
			reason: SuspensionReason,
		) -> DispatchResult {
			T::ApproveOrigin::ensure_origin(origin)?;
			Self::transition(
				&provider,
				ProviderStatus::Active,
				Error::<T>::NotActive,
				ProviderStatus::Suspended,
			)?;
			Self::deposit_event(Event::Suspended { provider, reason });
			Ok(())
		}

		/// Reinstate a suspended provider: it is active again.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::reinstate())]
		pub fn reinstate(origin: OriginFor<T>, provider: T::AccountId) -> DispatchResult {
			T::ApproveOrigin::ensure_origin(origin)?;
			Self::transition(
				&provider,
				ProviderStatus::Suspended,
				Error::<T>::NotSuspended,
				ProviderStatus::Active,
			)?;
			Self::deposit_event(Event::Reinstated { provider });
			Ok(())
		}

		/// Register a new licence credential. The provider goes back to `Pending` until approved
		/// again (a suspended provider stays suspended).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::update_license())]
		pub fn update_license(origin: OriginFor<T>, license_hash: Hash32) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Providers::<T>::try_mutate(&who, |maybe_info| -> DispatchResult {
				let info = maybe_info.as_mut().ok_or(Error::<T>::NotRegistered)?;
				ensure!(info.license_hash != license_hash, Error::<T>::LicenseUnchanged);
				info.license_hash = license_hash;
				if info.status == ProviderStatus::Active {
					info.status = ProviderStatus::Pending;
				}
				Ok(())
			})?;
			Self::deposit_event(Event::LicenseUpdated { provider: who, license_hash });
			Ok(())
		}

		/// Add a practitioner as staff of the calling organisation, which must be active. Holds
		/// `StaffDeposit` from the organisation.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::add_staff())]
		pub fn add_staff(origin: OriginFor<T>, member: T::AccountId) -> DispatchResult {
			let organisation = ensure_signed(origin)?;
			ensure!(member != organisation, Error::<T>::CannotAddSelf);
			let mut info = Providers::<T>::get(&organisation).ok_or(Error::<T>::NotRegistered)?;
			ensure!(info.status == ProviderStatus::Active, Error::<T>::NotActive);
			ensure!(info.kind.is_organisation(), Error::<T>::NotAnOrganisation);
			ensure!(!StaffOf::<T>::contains_key(&member), Error::<T>::AlreadyStaff);
			ensure!(!Providers::<T>::contains_key(&member), Error::<T>::MemberIsProvider);
			ensure!(info.staff_count < Self::max_staff(), Error::<T>::TooManyStaff);

			let deposit = T::StaffDeposit::get();
			T::Currency::hold(&HoldReason::StaffDeposit.into(), &organisation, deposit)
				.map_err(|_| Error::<T>::InsufficientDeposit)?;
			info.staff_count = info.staff_count.saturating_add(1);
			Providers::<T>::insert(&organisation, info);
			StaffOf::<T>::insert(&member, &organisation);
			Staff::<T>::insert(&organisation, &member, deposit);
			// The member's account exists without tokens (its organisation pays its role
			// calls' fees), as an onboarded patient's does.
			frame_system::Pallet::<T>::inc_sufficients(&member);
			Self::deposit_event(Event::StaffAdded { organisation, member });
			Ok(())
		}

		/// Remove a staff member of the calling organisation and return its deposit. Allowed
		/// whatever the organisation's status: taking access away is always safe.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::remove_staff())]
		pub fn remove_staff(origin: OriginFor<T>, member: T::AccountId) -> DispatchResult {
			let organisation = ensure_signed(origin)?;
			let mut info = Providers::<T>::get(&organisation).ok_or(Error::<T>::NotRegistered)?;
			let deposit = Staff::<T>::take(&organisation, &member).ok_or(Error::<T>::NotStaff)?;
			StaffOf::<T>::remove(&member);
			StaffFeesPaid::<T>::remove(&organisation, &member);
			frame_system::Pallet::<T>::dec_sufficients(&member);
			info.staff_count = info.staff_count.saturating_sub(1);
			Providers::<T>::insert(&organisation, info);
			Self::release_deposit(&HoldReason::StaffDeposit, &organisation, deposit);
			Self::deposit_event(Event::StaffRemoved { organisation, member });
			Ok(())
		}

		/// Leave the registry: the registration and every staff link are removed and all
		/// deposits returned. A suspended provider must be reinstated first, and every
		/// emergency access made for it must have been reviewed.
		///
		/// Origin: the provider. Complexity: O(S) in its staff.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::retire(T::MaxStaffCeiling::get()))]
		pub fn retire(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let info = Providers::<T>::get(&who).ok_or(Error::<T>::NotRegistered)?;
			ensure!(info.status != ProviderStatus::Suspended, Error::<T>::Suspended);
			ensure!(T::EmergencyReviews::open_reviews(&who) == 0, Error::<T>::EmergencyReviewsOpen);
			let staff_removed = Self::remove_all_staff(&who);
			Self::release_deposit(&HoldReason::ProviderDeposit, &who, info.deposit);
			Providers::<T>::remove(&who);
			EncryptionKeys::<T>::remove(&who);
			Self::deposit_event(Event::Retired {
				provider: who,
				staff_removed,
				deposit: info.deposit,
			});
			Ok(Some(T::WeightInfo::retire(staff_removed)).into())
		}

		/// Publish, or rotate, the provider's X25519 encryption key: patients' wallets seal each
		/// consent's salt to the grantee's and the data holder's keys, so that only they (and
		/// the patient) can tell which sensitive categories the consent covers. The first key
		/// adds a deposit for its storage to the registration's; a rotation holds nothing more.
		/// What was sealed to an earlier key stays sealed to it: the provider keeps its earlier
		/// secret keys to open those salts.
		///
		/// Origin: a registered provider, whatever its status (a compromised key can always be
		/// replaced). Complexity: O(1).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::set_encryption_key())]
		pub fn set_encryption_key(origin: OriginFor<T>, key: EncryptionKey) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut info = Providers::<T>::get(&who).ok_or(Error::<T>::NotRegistered)?;
			ensure!(is_usable_encryption_key(&key), Error::<T>::UnusableEncryptionKey);
			let previous = EncryptionKeys::<T>::get(&who);
			ensure!(previous != Some(key), Error::<T>::EncryptionKeyUnchanged);
			if previous.is_none() {
				let deposit = Self::encryption_key_deposit();
				T::Currency::hold(&HoldReason::ProviderDeposit.into(), &who, deposit)
					.map_err(|_| Error::<T>::InsufficientDeposit)?;
				info.deposit = info.deposit.saturating_add(deposit);
				Providers::<T>::insert(&who, info);
			}
			EncryptionKeys::<T>::insert(&who, key);
			Self::deposit_event(Event::EncryptionKeySet {
				provider: who,
				key,
				rotated: previous.is_some(),
			});
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The effective staff limit: the governance parameter, never above the ceiling.
	pub fn max_staff() -> u32 {
		T::MaxStaff::get().min(T::MaxStaffCeiling::get())
	}

	/// The deposit for a registration that stores `bytes` bytes.
	pub fn deposit_for(bytes: usize) -> BalanceOf<T> {
		T::DepositPrice::convert(footprint_of(bytes))
	}

	/// The deposit a provider's encryption key adds to its registration's.
	pub fn encryption_key_deposit() -> BalanceOf<T> {
		Self::deposit_for(EncryptionKey::max_encoded_len())
	}

	/// The encryption key consent salts for `account` are sealed to: its own as a provider, its
	/// organisation's as a staff member; `None` if it is neither or published none.
	pub fn encryption_key(account: &T::AccountId) -> Option<EncryptionKey> {
		let provider = StaffOf::<T>::get(account).unwrap_or_else(|| account.clone());
		EncryptionKeys::<T>::get(provider)
	}

	/// Checks an application, holds its deposit and returns the registration to store.
	fn register(
		who: &T::AccountId,
		kind: ProviderKind,
		name: alloc::string::String,
		jurisdiction: [u8; 2],
		license_hash: Hash32,
		status: ProviderStatus,
	) -> Result<ProviderInfoOf<T>, DispatchError> {
		ensure!(!Providers::<T>::contains_key(who), Error::<T>::AlreadyRegistered);
		ensure!(!StaffOf::<T>::contains_key(who), Error::<T>::IsStaffMember);
		ensure!(!name.is_empty(), Error::<T>::NameEmpty);
		// Stored as its UTF-8 bytes; SCALE's `String` decoding refused anything else already.
		let name: BoundedVec<u8, T::MaxNameLength> =
			name.into_bytes().try_into().map_err(|_| Error::<T>::NameTooLong)?;
		let jurisdiction =
			Jurisdiction::new(jurisdiction).ok_or(Error::<T>::InvalidJurisdiction)?;

		let mut info = ProviderInfo {
			registration: NextRegistration::<T>::get(),
			kind,
			status,
			name,
			jurisdiction,
			license_hash,
			deposit: Zero::zero(),
			staff_count: 0,
		};
		info.deposit = Self::deposit_for(info.encoded_size());
		T::Currency::hold(&HoldReason::ProviderDeposit.into(), who, info.deposit)
			.map_err(|_| Error::<T>::InsufficientDeposit)?;
		NextRegistration::<T>::put(info.registration.saturating_add(1));
		Ok(info)
	}

	/// Today, as days since the unix epoch.
	fn today() -> u32 {
		u32::try_from(T::Time::now() / DAY_MS).unwrap_or(u32::MAX)
	}

	/// What `organisation` paid for `staff`'s calls today.
	pub fn staff_fees_today(organisation: &T::AccountId, staff: &T::AccountId) -> BalanceOf<T> {
		StaffFeesPaid::<T>::get(organisation, staff)
			.filter(|(day, _)| *day == Self::today())
			.map_or_else(Zero::zero, |(_, paid)| paid)
	}

	/// The organisation that pays a fee of `fee` for a call of `staff`: `Some` if `staff` is a
	/// staff member (not the organisation itself) of an active organisation, and the day's
	/// `StaffFeeAllowance` still covers the fee.
	pub fn staff_fee_payer(staff: &T::AccountId, fee: BalanceOf<T>) -> Option<T::AccountId> {
		let organisation = StaffOf::<T>::get(staff)?;
		let info = Providers::<T>::get(&organisation)?;
		let paid = Self::staff_fees_today(&organisation, staff);
		(info.status == ProviderStatus::Active
			&& paid.saturating_add(fee) <= T::StaffFeeAllowance::get())
		.then_some(organisation)
	}

	/// Counts `fee` as paid by `organisation` for `staff` today, and says so in an event.
	pub fn note_staff_fee(organisation: &T::AccountId, staff: &T::AccountId, fee: BalanceOf<T>) {
		let paid = Self::staff_fees_today(organisation, staff).saturating_add(fee);
		StaffFeesPaid::<T>::insert(organisation, staff, (Self::today(), paid));
		Self::deposit_event(Event::StaffFeeCharged {
			organisation: organisation.clone(),
			staff: staff.clone(),
			fee,
			paid_today: paid,
		});
	}

	/// Moves `provider` from status `from` to `to`; `wrong_status` if it is not in `from`.
	fn transition(
		provider: &T::AccountId,
		from: ProviderStatus,
		wrong_status: Error<T>,
		to: ProviderStatus,
	) -> DispatchResult {
		Providers::<T>::try_mutate(provider, |maybe_info| {
			let info = maybe_info.as_mut().ok_or(Error::<T>::NotRegistered)?;
			ensure!(info.status == from, wrong_status);
			info.status = to;
			Ok(())
		})
	}

	/// Removes every staff link of `organisation` and releases their deposits. Returns how many
	/// links were removed.
	fn remove_all_staff(organisation: &T::AccountId) -> u32 {
		let mut removed = 0u32;
		let mut released = BalanceOf::<T>::zero();
		for (member, deposit) in Staff::<T>::drain_prefix(organisation) {
			StaffOf::<T>::remove(&member);
			StaffFeesPaid::<T>::remove(organisation, &member);
			frame_system::Pallet::<T>::dec_sufficients(&member);
			Self::deposit_event(Event::StaffRemoved { organisation: organisation.clone(), member });
			removed = removed.saturating_add(1);
			released = released.saturating_add(deposit);
		}
		Self::release_deposit(&HoldReason::StaffDeposit, organisation, released);
		removed
	}

	/// Releases a deposit held for `reason`. The registry only releases what it recorded as
	/// held, so the release is exact; should the hold be smaller (slashed), what is left goes.
	fn release_deposit(reason: &HoldReason, who: &T::AccountId, amount: BalanceOf<T>) {
		if amount.is_zero() {
			return;
		}
		let released = T::Currency::release(&(*reason).into(), who, amount, Precision::BestEffort);
		debug_assert!(released.is_ok(), "releasing a recorded deposit cannot fail");
	}

	/// What the `ProviderRegistryApi` reports of `account`: its registration, or for a staff
	/// member the organisation's registration and standing.
	pub fn provider_view(
		account: T::AccountId,
	) -> Option<ProviderView<T::AccountId, BalanceOf<T>>> {
		let (role, provider) = match StaffOf::<T>::get(&account) {
			Some(organisation) => {
				(ProviderRole::Staff { organisation: organisation.clone() }, organisation)
			},
			None => (ProviderRole::Provider, account.clone()),
		};
		let info = Providers::<T>::get(&provider)?;
		Some(ProviderView {
			account,
			role,
			kind: info.kind,
			status: info.status,
			// Only UTF-8 is ever stored (`register`), so nothing is replaced here.
			name: alloc::string::String::from_utf8_lossy(&info.name).into_owned(),
			jurisdiction: info.jurisdiction,
			license_hash: info.license_hash,
			staff_count: info.staff_count,
			deposit: info.deposit,
		})
	}

	/// Checks the registry's invariants: every staff link points at an existing organisation
	/// and is indexed both ways, staff counts match the links, and the funds held match the
	/// deposits recorded.
	#[cfg(any(feature = "try-runtime", feature = "std", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use frame_support::traits::fungible::InspectHold;
		for (member, organisation) in StaffOf::<T>::iter() {
			ensure!(
				frame_system::Pallet::<T>::sufficients(&member) > 0,
				"a staff member's account lost its sufficients reference"
			);
			ensure!(
				Providers::<T>::contains_key(&organisation),
				"staff link to a missing organisation"
			);
			ensure!(
				Staff::<T>::contains_key(&organisation, &member),
				"StaffOf without Staff entry"
			);
		}
		let mut registrations = alloc::collections::BTreeSet::new();
		for info in Providers::<T>::iter_values() {
			ensure!(
				info.registration < NextRegistration::<T>::get(),
				"a registration id not yet handed out"
			);
			ensure!(registrations.insert(info.registration), "two providers share a registration");
		}
		for (organisation, info) in Providers::<T>::iter() {
			let mut count = 0u32;
			let mut staff_deposits = BalanceOf::<T>::zero();
			for (member, deposit) in Staff::<T>::iter_prefix(&organisation) {
				ensure!(
					StaffOf::<T>::get(&member).as_ref() == Some(&organisation),
					"Staff entry without StaffOf link"
				);
				count = count.saturating_add(1);
				staff_deposits = staff_deposits.saturating_add(deposit);
			}
			ensure!(count == info.staff_count, "staff count differs from the staff links");
			ensure!(count <= T::MaxStaffCeiling::get(), "more staff than the ceiling");
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::ProviderDeposit.into(), &organisation)
					== info.deposit,
				"provider deposit held differs from the recorded deposit"
			);
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::StaffDeposit.into(), &organisation)
					== staff_deposits,
				"staff deposits held differ from the recorded deposits"
			);
		}
		ensure!(
			Staff::<T>::iter_keys()
				.all(|(organisation, _)| Providers::<T>::contains_key(&organisation)),
			"staff of a missing organisation"
		);
		for (provider, key) in EncryptionKeys::<T>::iter() {
			ensure!(
				Providers::<T>::contains_key(&provider),
				"encryption key of a missing provider"
			);
			ensure!(is_usable_encryption_key(&key), "an unusable encryption key is published");
		}
		Ok(())
	}
}

impl<T: Config> ProviderRegistry<T::AccountId> for Pallet<T> {
	fn active_registration(
		who: &T::AccountId,
	) -> Option<(ProviderKind, T::AccountId, RegistrationId)> {
		let organisation = StaffOf::<T>::get(who).unwrap_or_else(|| who.clone());
		let info = Providers::<T>::get(&organisation)?;
		(info.status == ProviderStatus::Active).then_some((
			info.kind,
			organisation,
			info.registration,
		))
	}

	fn registration_of(who: &T::AccountId) -> Option<RegistrationId> {
		let organisation = StaffOf::<T>::get(who).unwrap_or_else(|| who.clone());
		Providers::<T>::get(&organisation).map(|info| info.registration)
	}
}

impl<T: Config> ProviderDeposits<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn slash_deposit(
		provider: &T::AccountId,
		amount: BalanceOf<T>,
		beneficiary: &T::AccountId,
	) -> BalanceOf<T> {
		Providers::<T>::mutate(provider, |maybe_info| {
			let Some(info) = maybe_info else { return Zero::zero() };
			let moved = T::Currency::transfer_on_hold(
				&HoldReason::ProviderDeposit.into(),
				provider,
				beneficiary,
				amount.min(info.deposit),
				Precision::BestEffort,
				Restriction::Free,
				Fortitude::Force,
			)
			.unwrap_or_else(|_| Zero::zero());
			info.deposit = info.deposit.saturating_sub(moved);
			Self::deposit_event(Event::DepositSlashed {
				provider: provider.clone(),
				beneficiary: beneficiary.clone(),
				amount: moved,
			});
			moved
		})
	}
}
