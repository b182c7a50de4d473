//! # Patient identity
//!
//! Patients on CareChain are accounts with a salted identity commitment: `blake2_256(salt ++
//! identifiers)`, computed off chain. Nothing else about the patient is stored, and destroying
//! the salt makes the commitment meaningless (crypto-shredding).
//!
//! - A patient [`register`](Pallet::register)s with their own funds, or an active provider (or
//!   its staff) [`onboard`](Pallet::onboard)s an account that holds no tokens: the provider's
//!   organisation pays the deposit, and the account receives a `sufficients` reference so that it
//!   exists and can sign. A patient never needs to buy tokens to control their data.
//! - Onboarded patients pay no fees for their own calls, up to `FeelessCallsPerDay` a day: the
//!   calls are marked `#[pallet::feeless_if]`, the runtime wraps `ChargeTransactionPayment` in
//!   `SkipCheckIfFeeless`, and the [`CountFeelessCalls`] transaction extension counts every
//!   fee-free call so that the quota cannot be bypassed. The organisation that onboarded a
//!   patient vouches for those calls: they are also counted in its [`FeelessPool`], which
//!   deregistering does not empty, so erasure followed by a new onboarding buys nothing, and
//!   no record of the former patient is kept. A fee-free call that would fail is refused when
//!   it is validated (`PrecheckFeelessCall`), and fee-free calls take at most
//!   `MaxFeelessWeightPerBlock` of a block. Patients who registered with their own funds hold
//!   tokens and pay their fees.
//! - An account onboarded again after erasure starts above [`NonceFloor`], so that a
//!   transaction it signed before cannot be replayed.
//! - Guardians (parents, carers) act for a patient through [`as_guardian`](Pallet::as_guardian),
//!   until an optional expiry, for the calls the runtime's `GuardianCallFilter` allows. A
//!   guardian of an onboarded patient needs no tokens either: while appointed, the guardian's
//!   account holds a `sufficients` reference, and a guardian's call that would be fee-free for
//!   the patient is fee-free, counted against the patient's quota and pool.
//! - A patient may opt out of emergency ("break-glass") access.
//! - [`deregister`](Pallet::deregister) is the right to erasure: everything the registration
//!   holds is removed, the deposit returned, and other pallets clean up through
//!   `OnPatientDeregistered`.

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

pub use feeless::{CountFeelessCalls, FeelessRefusal, FEELESS_CALL_WOULD_FAIL};
/// The generated `weights.rs` names this crate by its package name, as runtime weight files do.
extern crate self as pallet_patient_identity;

pub use pallet::*;
pub use types::{DailyUsage, FeelessPool, Guardian, PatientRecord};
pub use weight_info::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod feeless;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weight_info;
pub mod weights;

use alloc::boxed::Box;
use carechain_primitives::{
	deposit::{footprint_of, HeldDeposit},
	traits::{
		GuardianAct, OnPatientDeregistered, PatientRegistry, PrecheckFeelessCall, ProviderRegistry,
	},
	Hash32, Moment, PatientView, DAY_MS,
};
use frame_support::{
	dispatch::{CheckIfFeeless, GetDispatchInfo, PostDispatchInfo},
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate, MutateHold},
		Consideration, Contains, Footprint, IsSubType, OriginTrait, Time,
	},
};
use frame_system::pallet_prelude::*;
use sp_runtime::traits::{Dispatchable, Saturating};

/// The balance type of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// The record stored for each patient.
pub type PatientRecordOf<T> = PatientRecord<
	<T as frame_system::Config>::AccountId,
	<T as Config>::Deposit,
	<T as Config>::MaxGuardiansCeiling,
>;

/// What the benchmarks need from the rest of the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// An active provider with funds for a patient deposit.
	fn active_provider() -> AccountId;

	/// Raises the `MaxGuardians` parameter to `MaxGuardiansCeiling`, so that the guardian
	/// benchmarks measure the worst case the Council could allow.
	fn raise_max_guardians_to_ceiling();
}

/// A patient registered at genesis: account, identity commitment, guardians.
pub type GenesisPatient<T> = (
	<T as frame_system::Config>::AccountId,
	Hash32,
	BoundedVec<<T as frame_system::Config>::AccountId, <T as Config>::MaxGuardiansCeiling>,
);

/// Log target of the pallet.
const LOG_TARGET: &str = "runtime::patient-identity";

// FRAME's pallet macros expand to `expect` on facts fixed at compile time (a pallet's name,
// its storage prefixes), spanned on this module; the pallet's own code uses none. A
// `feeless_if` closure must take each argument by reference to its exact type, so
// `as_guardian`'s takes `&Box<RuntimeCall>`.
#[allow(clippy::expect_used, clippy::borrowed_box)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The runtime's calls, which guardians dispatch for patients.
		type RuntimeCall: Parameter
			+ Dispatchable<RuntimeOrigin = Self::RuntimeOrigin, PostInfo = PostDispatchInfo>
			+ GetDispatchInfo
			+ From<Call<Self>>
			+ IsSubType<Call<Self>>
			+ IsType<<Self as frame_system::Config>::RuntimeCall>
			+ CheckIfFeeless<Origin = Self::RuntimeOrigin>;

		/// The currency deposits are held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// Who counts as an active provider (for onboarding).
		type Providers: ProviderRegistry<Self::AccountId>;

		/// The calls a guardian may dispatch for a patient.
		type GuardianCallFilter: Contains<<Self as Config>::RuntimeCall>;

		/// Wall-clock time (unix ms), for guardian expiry and the daily quota.
		type Time: Time<Moment = Moment>;

		/// The deposit of a registration, held from whoever pays for it while it exists: a
		/// ticket for the footprint of the largest registration (guardians included, so that
		/// adding a guardian needs no further deposit). In CareChain a `HoldConsideration`
		/// under [`HoldReason::PatientDeposit`], priced by a `LinearStoragePrice`.
		type Deposit: Consideration<Self::AccountId, Footprint> + HeldDeposit<BalanceOf<Self>>;

		/// Most guardians a patient may have. May change at run time (a governance parameter);
		/// never exceeds [`Config::MaxGuardiansCeiling`].
		type MaxGuardians: Get<u32>;

		/// Hard ceiling of [`Config::MaxGuardians`], which bounds the storage of a registration.
		#[pallet::constant]
		type MaxGuardiansCeiling: Get<u32>;

		/// Fee-free calls a patient may make per day; past it, calls are charged normally.
		type FeelessCallsPerDay: Get<u32>;

		/// The most weight fee-free calls may take in one block, all patients together; a
		/// fee-free call past it waits for the next block.
		#[pallet::constant]
		type MaxFeelessWeightPerBlock: Get<Weight>;

		/// Cheap checks of other pallets' fee-free calls, run when a transaction is validated.
		type FeelessPrecheck: PrecheckFeelessCall<
			Self::AccountId,
			<Self as frame_system::Config>::RuntimeCall,
		>;

		/// What other pallets do when a patient deregisters.
		type OnPatientDeregistered: OnPatientDeregistered<Self::AccountId>;

		/// Weights of the calls, from the benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up what the benchmarks need from other pallets.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a patient registration.
		PatientDeposit,
	}

	/// Registered patients, by account.
	#[pallet::storage]
	pub type Patients<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, PatientRecordOf<T>>;

	/// Fee-free calls each patient made on its last day of use.
	#[pallet::storage]
	pub type FeelessUsage<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, DailyUsage>;

	/// The fee-free calls of the patients each organisation onboarded, by organisation: kept
	/// when a patient deregisters, so that the quota cannot be reset.
	#[pallet::storage]
	pub type FeelessPools<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, FeelessPool>;

	/// Fee-free weight taken so far in a block: `(block number, weight)`; a stored value of an
	/// earlier block counts as none.
	#[pallet::storage]
	pub type FeelessBlockWeight<T: Config> = StorageValue<_, (BlockNumberFor<T>, Weight)>;

	/// The patient a guardian is dispatching a call for, and when the guardianship ends: set by
	/// `as_guardian` for the length of the dispatch only, so that other pallets bound (and mark)
	/// what the guardian makes (`PatientRegistry::acting_guardian`). Never kept in a block's
	/// final state.
	#[pallet::storage]
	pub type ActingGuardian<T: Config> = StorageValue<_, (T::AccountId, Option<Moment>)>;

	/// The next nonce of every account onboarded again after its erasure reaped it: above every
	/// nonce such an account used before, so no transaction it signed can be replayed. One
	/// number for all accounts: it names nobody.
	#[pallet::storage]
	pub type NonceFloor<T: Config> = StorageValue<_, T::Nonce, ValueQuery>;

	/// Patients registered at genesis, for development and test chains.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// `(patient, commitment, guardians)`; each patient pays its own deposit. The guardians
		/// are bounded by `MaxGuardiansCeiling` already when the genesis JSON is read.
		pub patients: alloc::vec::Vec<GenesisPatient<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (patient, commitment, guardians) in &self.patients {
				// A patient who cannot pay the deposit is left out, loudly, rather than panic:
				// no registration exists without its hold.
				let mut record = match Pallet::<T>::new_record(patient.clone(), *commitment, false)
				{
					Ok(record) => record,
					Err(error) => {
						log::error!(
							target: LOG_TARGET,
							"genesis patient {patient:?} left out: {error:?}"
						);
						continue;
					},
				};
				// Same bound on both sides: nothing is truncated.
				record.guardians = BoundedVec::truncate_from(
					guardians
						.iter()
						.map(|account| Guardian { account: account.clone(), until: None })
						.collect(),
				);
				Patients::<T>::insert(patient, record);
			}
		}
	}

	/// Events of the pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A patient registered with their own deposit.
		Registered {
			/// The patient.
			patient: T::AccountId,
		},
		/// A provider registered a patient account, paying the deposit.
		Onboarded {
			/// The patient.
			patient: T::AccountId,
			/// The provider (or staff member) who onboarded the patient.
			provider: T::AccountId,
			/// The organisation that paid the deposit.
			organisation: T::AccountId,
		},
		/// A patient replaced their identity commitment.
		CommitmentUpdated {
			/// The patient.
			patient: T::AccountId,
		},
		/// A patient appointed a guardian.
		GuardianAdded {
			/// The patient.
			patient: T::AccountId,
			/// The guardian.
			guardian: T::AccountId,
			/// When the guardianship ends (unix ms), if ever.
			until: Option<Moment>,
		},
		/// A patient removed a guardian.
		GuardianRemoved {
			/// The patient.
			patient: T::AccountId,
			/// The former guardian.
			guardian: T::AccountId,
		},
		/// A guardian dispatched a call for a patient.
		GuardianActed {
			/// The patient.
			patient: T::AccountId,
			/// The guardian.
			guardian: T::AccountId,
			/// The outcome of the call.
			result: DispatchResult,
		},
		/// A patient opted out of (or back into) emergency access.
		EmergencyAccessSet {
			/// The patient.
			patient: T::AccountId,
			/// Whether emergency access is now allowed.
			allowed: bool,
		},
		/// A patient deregistered: everything their registration held is gone.
		Deregistered {
			/// The former patient.
			patient: T::AccountId,
		},
	}

	/// Errors of the pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a registered patient.
		AlreadyRegistered,
		/// The account is not a registered patient.
		NotRegistered,
		/// Only an active provider or its staff may onboard patients.
		NotAProvider,
		/// The depositor cannot pay the deposit.
		InsufficientDeposit,
		/// The commitment is the one already registered.
		CommitmentUnchanged,
		/// A patient cannot be their own guardian.
		CannotGuardSelf,
		/// The account is already a guardian of the patient.
		AlreadyGuardian,
		/// The patient has `MaxGuardians` guardians already.
		TooManyGuardians,
		/// The guardianship would end before now.
		ExpiryInPast,
		/// The account is not a guardian of the patient.
		NotGuardian,
		/// The guardianship has ended.
		GuardianExpired,
		/// Guardians may not dispatch this call.
		CallNotAllowed,
		/// Emergency access is already set that way.
		EmergencyAccessUnchanged,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxGuardiansCeiling::get() > 0, "MaxGuardiansCeiling must allow a guardian");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register as a patient with an identity commitment, holding the deposit from the
		/// caller's own funds.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register())]
		pub fn register(origin: OriginFor<T>, identity_commitment: Hash32) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			ensure!(!Patients::<T>::contains_key(&patient), Error::<T>::AlreadyRegistered);
			let record = Self::new_record(patient.clone(), identity_commitment, false)?;
			Patients::<T>::insert(&patient, record);
			Self::deposit_event(Event::Registered { patient });
			Ok(())
		}

		/// Register `patient`, an account that may hold no tokens, on behalf of an active
		/// provider. The provider's organisation pays the deposit and vouches for the
		/// patient's fee-free calls (its [`FeelessPool`]); the account is given a `sufficients`
		/// reference so that it exists and can sign, starting at no lower nonce than
		/// [`NonceFloor`].
		///
		/// Origin: an active provider or its staff. Complexity: O(1).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::onboard())]
		pub fn onboard(
			origin: OriginFor<T>,
			patient: T::AccountId,
			identity_commitment: Hash32,
		) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			let (_, organisation) =
				T::Providers::active_provider(&provider).ok_or(Error::<T>::NotAProvider)?;
			ensure!(!Patients::<T>::contains_key(&patient), Error::<T>::AlreadyRegistered);
			let record = Self::new_record(organisation.clone(), identity_commitment, true)?;
			Self::give_sufficient_ref(&patient);
			FeelessPools::<T>::mutate(&organisation, |pool| {
				let pool = pool.get_or_insert_with(FeelessPool::default);
				pool.patients = pool.patients.saturating_add(1);
			});
			Patients::<T>::insert(&patient, record);
			Self::deposit_event(Event::Onboarded { patient, provider, organisation });
			Ok(())
		}

		/// Replace the identity commitment (for example after a change of identifiers).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::update_commitment())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, _c: &Hash32| -> bool {
			Pallet::<T>::has_feeless_call(origin)
		})]
		pub fn update_commitment(
			origin: OriginFor<T>,
			identity_commitment: Hash32,
		) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			Self::mutate_record(&patient, |record| {
				Self::check_commitment_change(record, &identity_commitment)?;
				record.commitment = identity_commitment;
				Ok(())
			})?;
			Self::deposit_event(Event::CommitmentUpdated { patient });
			Ok(())
		}

		/// Appoint `guardian` to act for the caller until `until` (unix ms), or until removed.
		/// The guardian of an onboarded patient is given a `sufficients` reference (so that a
		/// key that never held a token can sign), until it is removed or the patient
		/// deregisters.
		///
		/// Origin: the patient. Complexity: O(G) in the patient's guardians.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::add_guardian())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, _g: &T::AccountId, _u: &Option<Moment>| -> bool {
			Pallet::<T>::has_feeless_call(origin)
		})]
		pub fn add_guardian(
			origin: OriginFor<T>,
			guardian: T::AccountId,
			until: Option<Moment>,
		) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			let mut onboarded = false;
			Self::mutate_record(&patient, |record| {
				Self::check_new_guardian(&patient, record, &guardian, until)?;
				record
					.guardians
					.try_push(Guardian { account: guardian.clone(), until })
					.map_err(|_| Error::<T>::TooManyGuardians)?;
				onboarded = record.sufficient;
				Ok(())
			})?;
			if onboarded {
				Self::give_sufficient_ref(&guardian);
			}
			Self::deposit_event(Event::GuardianAdded { patient, guardian, until });
			Ok(())
		}

		/// Remove a guardian (current or expired); the guardian of an onboarded patient loses
		/// the `sufficients` reference `add_guardian` gave it.
		///
		/// Origin: the patient. Complexity: O(G) in the patient's guardians.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::remove_guardian())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, _g: &T::AccountId| -> bool {
			Pallet::<T>::has_feeless_call(origin)
		})]
		pub fn remove_guardian(origin: OriginFor<T>, guardian: T::AccountId) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			let mut onboarded = false;
			Self::mutate_record(&patient, |record| {
				Self::check_is_guardian(record, &guardian)?;
				record.guardians.retain(|g| g.account != guardian);
				onboarded = record.sufficient;
				Ok(())
			})?;
			if onboarded {
				Self::drop_sufficient_ref(&guardian);
			}
			Self::deposit_event(Event::GuardianRemoved { patient, guardian });
			Ok(())
		}

		/// As a current guardian of `patient`, dispatch `call` with the patient's signed origin.
		///
		/// Origin: a current guardian of `patient`. Only calls the runtime's
		/// `GuardianCallFilter` allows may be dispatched, and the origin carries that filter (as
		/// a pallet-proxy delegate's does), so calls nested in `call` (a batch) are filtered too.
		/// While `call` runs, [`ActingGuardian`] says so: consents it makes end no later than
		/// the guardianship and are marked as made by a guardian.
		/// Fee-free when `call` would be fee-free for the patient (an onboarded patient with
		/// calls left today): it is counted against the patient's quota and pool, so a guardian
		/// key needs no tokens.
		/// Complexity: O(G) in the patient's guardians, plus the weight of `call`.
		#[pallet::call_index(5)]
		#[pallet::weight({
			let info = call.get_dispatch_info();
			(T::WeightInfo::as_guardian().saturating_add(info.call_weight), info.class)
		})]
		#[pallet::feeless_if(|origin: &OriginFor<T>, patient: &T::AccountId, call: &Box<<T as Config>::RuntimeCall>| -> bool {
			Pallet::<T>::guardian_call_is_feeless(origin, patient, call)
		})]
		pub fn as_guardian(
			origin: OriginFor<T>,
			patient: T::AccountId,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResult {
			let guardian = ensure_signed(origin)?;
			let record = Patients::<T>::get(&patient).ok_or(Error::<T>::NotRegistered)?;
			let ends_at = Self::current_appointment(&record, &guardian)?;
			ensure!(T::GuardianCallFilter::contains(&call), Error::<T>::CallNotAllowed);

			let mut patient_origin: T::RuntimeOrigin =
				frame_system::RawOrigin::Signed(patient.clone()).into();
			patient_origin.add_filter(|nested: &<T as frame_system::Config>::RuntimeCall| {
				T::GuardianCallFilter::contains(<T as Config>::RuntimeCall::from_ref(nested))
			});
			ActingGuardian::<T>::put((patient.clone(), ends_at));
			let result = call.dispatch(patient_origin).map(|_| ()).map_err(|e| e.error);
			ActingGuardian::<T>::kill();
			Self::deposit_event(Event::GuardianActed { patient, guardian, result });
			Ok(())
		}

		/// Opt out of (`false`) or back into (`true`) emergency ("break-glass") access.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_emergency_access())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, _a: &bool| -> bool {
			Pallet::<T>::has_feeless_call(origin)
		})]
		pub fn set_emergency_access(origin: OriginFor<T>, allowed: bool) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			Self::mutate_record(&patient, |record| {
				Self::check_emergency_access_change(record, allowed)?;
				record.emergency_access = allowed;
				Ok(())
			})?;
			Self::deposit_event(Event::EmergencyAccessSet { patient, allowed });
			Ok(())
		}

		/// Right to erasure: removes the commitment, the guardians and everything else the
		/// registration holds, returns the deposit to whoever paid it, and lets other pallets
		/// remove what they hold for the patient. An onboarded patient leaves its organisation's
		/// [`FeelessPool`] (the calls made today stay counted there); it and its guardians lose
		/// their `sufficients` references, raising [`NonceFloor`] to their next nonces, since
		/// the accounts may now be reaped.
		///
		/// Origin: the patient. Complexity: O(G) in the patient's guardians, plus
		/// `OnPatientDeregistered`.
		#[pallet::call_index(7)]
		#[pallet::weight(
			T::WeightInfo::deregister().saturating_add(T::OnPatientDeregistered::max_weight())
		)]
		#[pallet::feeless_if(|origin: &OriginFor<T>| -> bool {
			Pallet::<T>::has_feeless_call(origin)
		})]
		pub fn deregister(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let patient = ensure_signed(origin)?;
			let record = Patients::<T>::take(&patient).ok_or(Error::<T>::NotRegistered)?;
			FeelessUsage::<T>::remove(&patient);
			let released = record.deposit.drop(&record.depositor);
			debug_assert!(released.is_ok(), "releasing a recorded deposit cannot fail");
			if record.sufficient {
				Self::leave_feeless_pool(&record.depositor);
				for guardian in &record.guardians {
					Self::drop_sufficient_ref(&guardian.account);
				}
				Self::drop_sufficient_ref(&patient);
			}
			let hook_weight = T::OnPatientDeregistered::on_patient_deregistered(&patient);
			Self::deposit_event(Event::Deregistered { patient });
			Ok(Some(T::WeightInfo::deregister().saturating_add(hook_weight)).into())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The effective guardian limit: the governance parameter, never above the ceiling.
	pub fn max_guardians() -> u32 {
		T::MaxGuardians::get().min(T::MaxGuardiansCeiling::get())
	}

	/// What a registration's deposit pays for: the most bytes a registration can store.
	pub fn deposit_footprint() -> Footprint {
		footprint_of(PatientRecordOf::<T>::max_encoded_len())
	}

	/// A fresh registration, its deposit held from `depositor`; `InsufficientDeposit` (nothing
	/// held) if `depositor` cannot pay it.
	fn new_record(
		depositor: T::AccountId,
		commitment: Hash32,
		sufficient: bool,
	) -> Result<PatientRecordOf<T>, DispatchError> {
		let deposit = T::Deposit::new(&depositor, Self::deposit_footprint())
			.map_err(|_| Error::<T>::InsufficientDeposit)?;
		Ok(PatientRecord {
			commitment,
			depositor,
			deposit,
			sufficient,
			emergency_access: true,
			guardians: BoundedVec::new(),
		})
	}

	/// Applies `f` to the record of `patient`; `NotRegistered` if there is none. Nothing is
	/// written if `f` fails.
	fn mutate_record(
		patient: &T::AccountId,
		f: impl FnOnce(&mut PatientRecordOf<T>) -> DispatchResult,
	) -> DispatchResult {
		Patients::<T>::try_mutate(patient, |maybe_record| {
			f(maybe_record.as_mut().ok_or(Error::<T>::NotRegistered)?)
		})
	}

	/// Today, as days since the unix epoch.
	fn today() -> u32 {
		u32::try_from(T::Time::now() / DAY_MS).unwrap_or(u32::MAX)
	}

	/// The registration of `patient` as the patient (or a guardian) reads it, or `None`.
	pub fn patient_view(patient: &T::AccountId) -> Option<PatientView<T::AccountId>> {
		let record = Patients::<T>::get(patient)?;
		let today = Self::today();
		let quota = T::FeelessCallsPerDay::get();
		let pool_open = record.sufficient
			&& FeelessPools::<T>::get(&record.depositor).is_some_and(|pool| {
				pool.usage.calls_on(today) < pool.patients.saturating_mul(quota)
			});
		Some(PatientView {
			onboarded: record.sufficient,
			emergency_access: record.emergency_access,
			guardians: record.guardians.iter().map(|g| (g.account.clone(), g.until)).collect(),
			feeless_calls_today: Self::feeless_calls_today(patient),
			feeless_calls_per_day: if record.sufficient { quota } else { 0 },
			pool_open,
		})
	}

	/// Fee-free calls `patient` made today.
	pub fn feeless_calls_today(patient: &T::AccountId) -> u32 {
		FeelessUsage::<T>::get(patient).map_or(0, |usage| usage.calls_on(Self::today()))
	}

	/// Whether `origin` is an onboarded patient with fee-free calls left today.
	pub fn has_feeless_call(origin: &OriginFor<T>) -> bool {
		origin.as_signer().is_some_and(Self::patient_has_feeless_call)
	}

	/// Whether `who` is an onboarded patient with fee-free calls left today.
	pub fn patient_has_feeless_call(who: &T::AccountId) -> bool {
		Self::feeless_organisation(who).is_some()
	}

	/// The organisation whose pool pays for a fee-free call of `who` now: `Some` if `who` is a
	/// patient onboarded by it, with calls left today both in their own quota and in the pool.
	pub fn feeless_organisation(who: &T::AccountId) -> Option<T::AccountId> {
		let record = Patients::<T>::get(who).filter(|record| record.sufficient)?;
		let quota = T::FeelessCallsPerDay::get();
		let today = Self::today();
		let pool = FeelessPools::<T>::get(&record.depositor)?;
		(Self::feeless_calls_today(who) < quota
			&& pool.usage.calls_on(today) < pool.patients.saturating_mul(quota))
		.then_some(record.depositor)
	}

	/// Counts one fee-free call of `patient` today, against the patient and the pool of
	/// `organisation`.
	pub(crate) fn note_feeless_call(patient: &T::AccountId, organisation: &T::AccountId) {
		let today = Self::today();
		FeelessUsage::<T>::mutate(patient, |usage| {
			usage.get_or_insert_with(DailyUsage::default).count(today);
		});
		FeelessPools::<T>::mutate(organisation, |pool| {
			if let Some(pool) = pool {
				pool.usage.count(today);
			}
		});
	}

	/// Fee-free weight taken so far in this block.
	pub fn feeless_weight_this_block() -> Weight {
		FeelessBlockWeight::<T>::get()
			.filter(|(block, _)| *block == frame_system::Pallet::<T>::block_number())
			.map_or(Weight::zero(), |(_, weight)| weight)
	}

	/// Adds `weight` to this block's fee-free weight.
	pub(crate) fn note_feeless_weight(weight: Weight) {
		let taken = Self::feeless_weight_this_block().saturating_add(weight);
		FeelessBlockWeight::<T>::put((frame_system::Pallet::<T>::block_number(), taken));
	}

	/// Removes one patient from `organisation`'s pool; the pool itself goes once it has
	/// neither patients nor calls of today.
	fn leave_feeless_pool(organisation: &T::AccountId) {
		let today = Self::today();
		FeelessPools::<T>::mutate_exists(organisation, |maybe_pool| {
			if let Some(pool) = maybe_pool {
				pool.patients = pool.patients.saturating_sub(1);
				if pool.patients == 0 && pool.usage.calls_on(today) == 0 {
					*maybe_pool = None;
				}
			}
		});
	}

	/// Gives `who` a `sufficients` reference, so that the account exists and can sign without
	/// tokens, and moves its nonce up to [`NonceFloor`] if it is below.
	fn give_sufficient_ref(who: &T::AccountId) {
		frame_system::Pallet::<T>::inc_sufficients(who);
		let floor = NonceFloor::<T>::get();
		if frame_system::Pallet::<T>::account_nonce(who) < floor {
			frame_system::Account::<T>::mutate(who, |account| account.nonce = floor);
		}
	}

	/// Drops a reference [`Self::give_sufficient_ref`] gave, first raising [`NonceFloor`] to the
	/// next nonce of `who`: the account may now be reaped, and must not start again below it.
	fn drop_sufficient_ref(who: &T::AccountId) {
		NonceFloor::<T>::mutate(|floor| {
			*floor = (*floor).max(frame_system::Pallet::<T>::account_nonce(who));
		});
		frame_system::Pallet::<T>::dec_sufficients(who);
	}

	/// When the appointment of `guardian` in `record` ends (`None`: never), if it is current;
	/// `NotGuardian` or `GuardianExpired` otherwise.
	fn current_appointment(
		record: &PatientRecordOf<T>,
		guardian: &T::AccountId,
	) -> Result<Option<Moment>, DispatchError> {
		let appointment = record
			.guardians
			.iter()
			.find(|g| &g.account == guardian)
			.ok_or(Error::<T>::NotGuardian)?;
		ensure!(appointment.is_current(T::Time::now()), Error::<T>::GuardianExpired);
		Ok(appointment.until)
	}

	/// Whether `as_guardian(patient, call)` signed by `origin` is fee-free: the signer is a
	/// current guardian of `patient`, and `call` would be fee-free signed by the patient.
	pub fn guardian_call_is_feeless(
		origin: &OriginFor<T>,
		patient: &T::AccountId,
		call: &<T as Config>::RuntimeCall,
	) -> bool {
		origin.as_signer().is_some_and(|guardian| Self::is_current_guardian(patient, guardian))
			&& call.is_feeless(&frame_system::RawOrigin::Signed(patient.clone()).into())
	}

	/// The patient a fee-free `call` signed by `signer` is counted against (the signer, or the
	/// ward of `as_guardian`) and the organisation whose pool pays for it, once the call has
	/// passed the cheap checks of its pallet; what [`CountFeelessCalls`] checks before a
	/// fee-free call enters the pool.
	pub fn feeless_payer(
		signer: &T::AccountId,
		call: &<T as Config>::RuntimeCall,
	) -> Result<(T::AccountId, T::AccountId), FeelessRefusal> {
		let (patient, checked) = match call.is_sub_type() {
			Some(Call::as_guardian { patient, call }) => {
				(patient, Self::precheck_guardian_call(signer, patient, call))
			},
			Some(own_call) => (signer, Self::precheck_feeless(signer, own_call)),
			None => (signer, T::FeelessPrecheck::precheck(signer, Self::as_system_call(call))),
		};
		let organisation =
			Self::feeless_organisation(patient).ok_or(FeelessRefusal::NoFeelessCallLeft)?;
		checked.map_err(FeelessRefusal::WouldFail)?;
		Ok((patient.clone(), organisation))
	}

	/// `call` as the system's call type (the same type, which `IsType` tells the compiler).
	fn as_system_call(
		call: &<T as Config>::RuntimeCall,
	) -> &<T as frame_system::Config>::RuntimeCall {
		<<T as Config>::RuntimeCall as IsType<<T as frame_system::Config>::RuntimeCall>>::into_ref(
			call,
		)
	}

	/// The checks of `as_guardian(patient, call)` signed by `guardian` that need only a few
	/// reads: a current guardian, a call guardians may make, and that call's own checks.
	fn precheck_guardian_call(
		guardian: &T::AccountId,
		patient: &T::AccountId,
		call: &<T as Config>::RuntimeCall,
	) -> DispatchResult {
		let record = Patients::<T>::get(patient).ok_or(Error::<T>::NotRegistered)?;
		Self::current_appointment(&record, guardian)?;
		ensure!(T::GuardianCallFilter::contains(call), Error::<T>::CallNotAllowed);
		match call.is_sub_type() {
			Some(own_call) => Self::precheck_feeless(patient, own_call),
			None => T::FeelessPrecheck::precheck(patient, Self::as_system_call(call)),
		}
	}

	/// The checks of a patient's own call that need nothing but the patient's record: run in
	/// the call, and by [`CountFeelessCalls`] before a fee-free call enters the pool.
	pub fn precheck_feeless(patient: &T::AccountId, call: &Call<T>) -> DispatchResult {
		let record = Patients::<T>::get(patient).ok_or(Error::<T>::NotRegistered)?;
		match call {
			Call::update_commitment { identity_commitment } => {
				Self::check_commitment_change(&record, identity_commitment)
			},
			Call::add_guardian { guardian, until } => {
				Self::check_new_guardian(patient, &record, guardian, *until)
			},
			Call::remove_guardian { guardian } => Self::check_is_guardian(&record, guardian),
			Call::set_emergency_access { allowed } => {
				Self::check_emergency_access_change(&record, *allowed)
			},
			_ => Ok(()),
		}
	}

	/// `update_commitment` must change the commitment.
	fn check_commitment_change(record: &PatientRecordOf<T>, commitment: &Hash32) -> DispatchResult {
		ensure!(&record.commitment != commitment, Error::<T>::CommitmentUnchanged);
		Ok(())
	}

	/// `add_guardian`: not the patient, not a guardian yet, room for one more, expiry ahead.
	fn check_new_guardian(
		patient: &T::AccountId,
		record: &PatientRecordOf<T>,
		guardian: &T::AccountId,
		until: Option<Moment>,
	) -> DispatchResult {
		ensure!(guardian != patient, Error::<T>::CannotGuardSelf);
		if let Some(until) = until {
			ensure!(until > T::Time::now(), Error::<T>::ExpiryInPast);
		}
		ensure!(
			record.guardians.iter().all(|g| &g.account != guardian),
			Error::<T>::AlreadyGuardian
		);
		ensure!(
			(record.guardians.len() as u32) < Self::max_guardians(),
			Error::<T>::TooManyGuardians
		);
		Ok(())
	}

	/// Whether `account` may act for `patient` now: a guardian whose appointment has not ended
	/// (the `PatientIdentityApi`, for the node's party-signed reads).
	pub fn is_current_guardian(patient: &T::AccountId, account: &T::AccountId) -> bool {
		let now = T::Time::now();
		Patients::<T>::get(patient).is_some_and(|record| {
			record.guardians.iter().any(|g| &g.account == account && g.is_current(now))
		})
	}

	/// `remove_guardian`: the account must be a guardian of the patient.
	fn check_is_guardian(record: &PatientRecordOf<T>, guardian: &T::AccountId) -> DispatchResult {
		ensure!(record.guardians.iter().any(|g| &g.account == guardian), Error::<T>::NotGuardian);
		Ok(())
	}

	/// `set_emergency_access` must change the setting.
	fn check_emergency_access_change(record: &PatientRecordOf<T>, allowed: bool) -> DispatchResult {
		ensure!(record.emergency_access != allowed, Error::<T>::EmergencyAccessUnchanged);
		Ok(())
	}

	/// Checks the pallet's invariants: every registration's deposit is held from its depositor,
	/// no patient has more guardians than the ceiling or guards itself, onboarded patients and
	/// their guardians hold `sufficients` references, usage is only kept for
	/// patients, and each fee-free pool counts exactly the patients its organisation onboarded.
	#[cfg(any(feature = "try-runtime", feature = "std", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use frame_support::traits::fungible::InspectHold;
		let mut held_by: alloc::collections::BTreeMap<T::AccountId, BalanceOf<T>> =
			Default::default();
		let mut onboarded_by: alloc::collections::BTreeMap<T::AccountId, u32> = Default::default();
		for (patient, record) in Patients::<T>::iter() {
			if record.sufficient {
				let count = onboarded_by.entry(record.depositor.clone()).or_default();
				*count = count.saturating_add(1);
			}
			ensure!(
				record.guardians.iter().all(|g| g.account != patient),
				"a patient guards itself"
			);
			if record.sufficient {
				ensure!(
					frame_system::Pallet::<T>::sufficients(&patient) > 0,
					"an onboarded patient lost its sufficients reference"
				);
				ensure!(
					record
						.guardians
						.iter()
						.all(|g| frame_system::Pallet::<T>::sufficients(&g.account) > 0),
					"a guardian of an onboarded patient lost its sufficients reference"
				);
			}
			let total = held_by.entry(record.depositor.clone()).or_default();
			*total = total.saturating_add(record.deposit.held());
		}
		for (depositor, total) in held_by {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::PatientDeposit.into(), &depositor)
					== total,
				"patient deposits held differ from the recorded deposits"
			);
		}
		ensure!(
			FeelessUsage::<T>::iter_keys().all(|who| Patients::<T>::contains_key(&who)),
			"fee-free usage kept for a non-patient"
		);
		for (organisation, pool) in FeelessPools::<T>::iter() {
			ensure!(
				pool.patients == onboarded_by.remove(&organisation).unwrap_or(0),
				"a fee-free pool counts other patients than its organisation onboarded"
			);
		}
		ensure!(onboarded_by.is_empty(), "onboarded patients outside any fee-free pool");
		ensure!(!ActingGuardian::<T>::exists(), "a guardian's act outlived its dispatch");
		Ok(())
	}
}

impl<T: Config> PatientRegistry<T::AccountId> for Pallet<T> {
	fn is_patient(who: &T::AccountId) -> bool {
		Patients::<T>::contains_key(who)
	}

	fn emergency_access_allowed(patient: &T::AccountId) -> bool {
		Patients::<T>::get(patient).is_some_and(|record| record.emergency_access)
	}

	fn has_feeless_call(patient: &T::AccountId) -> bool {
		Self::patient_has_feeless_call(patient)
	}

	fn acting_guardian(patient: &T::AccountId) -> Option<GuardianAct> {
		ActingGuardian::<T>::get()
			.filter(|(for_patient, _)| for_patient == patient)
			.map(|(_, until)| GuardianAct { until })
	}
}
