//! # Data-sharing rewards
//!
//! Research institutes pay patients for sharing data (SPEC 3.4).
//!
//! - An active research institute [`create_study`](Pallet::create_study): the whole reward pool,
//!   `reward_per_participant × max_participants`, and a study deposit are held from it at once,
//!   so every promised reward is backed.
//! - A patient [`enroll`](Pallet::enroll)s until `enrollment_ends_at`: the consent pallet creates
//!   a `Research(study)` consent (the study's categories, read only, `HRESCH`) that ends at
//!   `data_use_ends_at` by its normal expiry.
//! - The institute [`confirm_contribution`](Pallet::confirm_contribution)s: the reward moves from
//!   its escrow to the patient (or to the payout account the patient named), once per patient.
//! - A patient [`withdraw`](Pallet::withdraw)s at any time: the research consent is revoked at
//!   once; a reward already paid stays paid. A paid participant who withdraws or deregisters is
//!   kept only as an unlinkable tag ([`PaidWithdrawals`]), so their place stays used and they
//!   cannot be paid twice, while no state names them.
//! - [`close_study`](Pallet::close_study) (the institute once enrolment has ended, or
//!   `ApproveOrigin` at any time) returns the unspent escrow and the deposit to the institute;
//!   [`settle_study`](Pallet::settle_study) (`ApproveOrigin` only, e.g. for a suspended institute
//!   that can no longer confirm) first pays every enrolled, unpaid participant their reward.
//!
//! Funds only ever move between holds and free balances: total issuance never changes.

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
extern crate self as pallet_data_rewards;

pub use pallet::*;
pub use weight_info::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weight_info;
pub mod weights;

use alloc::vec::Vec;
use carechain_primitives::{
	sealed::{
		are_well_formed_tags, SealedSalt, SealedScope, SealedTag, SEALED_SALT_BOXES, SEALED_TAGS,
	},
	traits::{ConsentManager, OnPatientDeregistered, PatientRegistry, ProviderRegistry},
	DataCategories, Enrollment, Hash32, Moment, ProviderKind, StandardCategoryList, Study, StudyId,
};
use frame_support::{
	dispatch::DispatchResultWithPostInfo,
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, InspectHold, Mutate, MutateHold},
		tokens::{Fortitude, Precision, Restriction},
		OriginTrait, Time,
	},
};
use frame_system::pallet_prelude::*;
use sp_runtime::traits::{BlakeTwo256, Hash, Saturating};

/// The balance type of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A study as stored.
pub type StudyOf<T> = Study<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

/// A study's terms as `create_study` and `create_study_sealed` name them, before checking.
struct StudyTerms<Balance> {
	/// The standard categories studied, in clear.
	categories: DataCategories,
	/// The sensitive categories studied, sealed under the protocol's salt.
	sealed_tags: Option<[SealedTag; SEALED_TAGS]>,
	/// What each participant is paid.
	reward_per_participant: Balance,
	/// Most participants.
	max_participants: u32,
	/// End of enrolment (unix ms, exclusive).
	enrollment_ends_at: Moment,
	/// End of data use (unix ms).
	data_use_ends_at: Moment,
	/// Hash of the protocol kept off chain.
	protocol_hash: Hash32,
}

/// A study opened at genesis: institute, categories, reward per participant, most participants,
/// end of enrolment, end of data use, protocol hash.
pub type GenesisStudy<AccountId, Balance> =
	(AccountId, DataCategories, Balance, u32, Moment, Moment, Hash32);

/// What the benchmarks need from the rest of the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// An active research institute with funds for any study; `index` tells several apart (a
	/// patient's consents for one institute are bounded, so the most studies a patient can
	/// be in come from several).
	fn research_institute(index: u32) -> AccountId;
	/// A registered patient; `index` tells several apart.
	fn patient(index: u32) -> AccountId;
	/// Sets the wall-clock time (unix ms).
	fn set_time(now: Moment);
}

/// Log target of the pallet.
const LOG_TARGET: &str = "runtime::data-rewards";

// FRAME's pallet macros expand to `expect` on facts fixed at compile time (a pallet's name,
// its storage prefixes), spanned on this module; the pallet's own code uses none.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency rewards and deposits are held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// Who is an active provider, of which kind.
		type Providers: ProviderRegistry<Self::AccountId>;

		/// Who is a patient; their fee-free quota.
		type Patients: PatientRegistry<Self::AccountId>;

		/// Research consents.
		type Consents: ConsentManager<Self::AccountId>;

		/// Wall-clock time (unix ms).
		type Time: Time<Moment = Moment>;

		/// Who may close or settle any study (the Council, or Root).
		type ApproveOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Deposit held for a study until it is closed.
		type StudyDeposit: Get<BalanceOf<Self>>;

		/// The smallest reward per participant (at least the existential deposit, so that a
		/// patient with no tokens can receive it).
		type MinReward: Get<BalanceOf<Self>>;

		/// Most participants a study may have; bounds closing and settling.
		#[pallet::constant]
		type MaxParticipants: Get<u32>;

		/// Most studies a patient may be enrolled in; bounds the erasure on deregistration.
		#[pallet::constant]
		type MaxStudiesPerPatient: Get<u32>;

		/// Weights of the calls, from the benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up what the benchmarks need from other pallets.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The reward pool of a study.
		StudyEscrow,
		/// The deposit of a study.
		StudyDeposit,
	}

	/// The id the next study gets.
	#[pallet::storage]
	pub type NextStudyId<T: Config> = StorageValue<_, StudyId, ValueQuery>;

	/// Open studies.
	#[pallet::storage]
	pub type Studies<T: Config> = StorageMap<_, Twox64Concat, StudyId, StudyOf<T>>;

	/// The open studies of each institute, for listing.
	#[pallet::storage]
	pub type StudiesByInstitute<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, StudyId, ()>;

	/// The tags of each study of sensitive data: the sensitive categories it studies, sealed
	/// under a salt the institute publishes with the protocol (so the tags say nothing to
	/// anyone without the protocol). Removed when the study closes.
	#[pallet::storage]
	pub type SealedStudyTags<T: Config> =
		StorageMap<_, Twox64Concat, StudyId, [SealedTag; SEALED_TAGS]>;

	/// Participants of each study.
	#[pallet::storage]
	pub type Enrollments<T: Config> =
		StorageDoubleMap<_, Twox64Concat, StudyId, Blake2_128Concat, T::AccountId, Enrollment>;

	/// Participants of each study who were paid and then withdrew (or deregistered), known only
	/// by their [`Pallet::participant_tag`]: their place stays used and they cannot enrol and
	/// be paid again, while nothing stored names their account.
	#[pallet::storage]
	pub type PaidWithdrawals<T: Config> =
		StorageDoubleMap<_, Twox64Concat, StudyId, Identity, Hash32, ()>;

	/// The studies each patient is enrolled in.
	#[pallet::storage]
	pub type StudiesOf<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<StudyId, T::MaxStudiesPerPatient>,
		ValueQuery,
	>;

	/// Where a patient's rewards are paid, if not to the patient's own account.
	#[pallet::storage]
	pub type PayoutAccounts<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, T::AccountId>;

	/// Studies opened at genesis, for development and test chains.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The studies; each institute's funds are held as for `create_study`.
		pub studies: Vec<GenesisStudy<T::AccountId, BalanceOf<T>>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (institute, categories, reward, max, enrollment_ends_at, data_use_ends_at, hash) in
				&self.studies
			{
				// `open_study` checks everything (both holds at once) before it writes, so a
				// refused study leaves nothing behind; it is left out, loudly, rather than panic.
				let terms = StudyTerms {
					categories: *categories,
					sealed_tags: None,
					reward_per_participant: *reward,
					max_participants: *max,
					enrollment_ends_at: *enrollment_ends_at,
					data_use_ends_at: *data_use_ends_at,
					protocol_hash: *hash,
				};
				let opened = Pallet::<T>::open_study(institute.clone(), terms);
				if let Err(error) = opened {
					log::error!(
						target: LOG_TARGET,
						"genesis study of {institute:?} left out: {error:?}"
					);
				}
			}
		}
	}

	/// Events of the pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A study opened; its reward pool and deposit are held from the institute.
		StudyCreated {
			/// The study.
			study_id: StudyId,
			/// The institute.
			institute: T::AccountId,
			/// The reward pool held.
			escrow: BalanceOf<T>,
		},
		/// A patient enrolled; `consent_id` is the research consent.
		Enrolled {
			/// The study.
			study_id: StudyId,
			/// The patient.
			patient: T::AccountId,
			/// The research consent created.
			consent_id: carechain_primitives::ConsentId,
		},
		/// The institute confirmed a contribution and paid the reward.
		ContributionConfirmed {
			/// The study.
			study_id: StudyId,
			/// The patient.
			patient: T::AccountId,
			/// Hash of the dataset contributed, kept off chain.
			dataset_hash: Hash32,
			/// Who received the reward.
			paid_to: T::AccountId,
			/// The reward.
			reward: BalanceOf<T>,
		},
		/// A patient withdrew; the research consent is revoked.
		Withdrawn {
			/// The study.
			study_id: StudyId,
			/// The patient.
			patient: T::AccountId,
		},
		/// A study closed; the unspent escrow and the deposit went back to the institute.
		StudyClosed {
			/// The study.
			study_id: StudyId,
			/// Escrow returned.
			escrow_returned: BalanceOf<T>,
			/// Participants paid when it was settled (zero for a plain close).
			settled: u32,
		},
		/// A patient named (or cleared) the account their rewards are paid to.
		PayoutAccountSet {
			/// The patient.
			patient: T::AccountId,
			/// The payout account, `None` for the patient's own.
			payout: Option<T::AccountId>,
		},
	}

	/// Errors of the pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// Only an active research institute (or its staff) may do this.
		NotAResearchInstitute,
		/// The categories are empty or name unknown bits.
		InvalidCategories,
		/// The reward is below `MinReward`.
		RewardTooLow,
		/// `max_participants` must be between 1 and `MaxParticipants`.
		InvalidParticipantLimit,
		/// Enrolment must end in the future, and data use after enrolment ends.
		InvalidSchedule,
		/// The institute cannot hold the reward pool and the deposit.
		InsufficientFunds,
		/// No such open study.
		UnknownStudy,
		/// Enrolment has ended.
		EnrollmentClosed,
		/// Enrolment has not ended yet: only `ApproveOrigin` may close the study now.
		EnrollmentOpen,
		/// The study has `max_participants` participants.
		StudyFull,
		/// The patient is enrolled (or was, and was paid) already.
		AlreadyEnrolled,
		/// The caller is not a registered patient.
		NotRegistered,
		/// The patient is enrolled in `MaxStudiesPerPatient` studies.
		TooManyStudies,
		/// The patient is not enrolled in the study.
		NotEnrolled,
		/// The patient was paid already.
		AlreadyPaid,
		/// The patient withdrew from the study.
		Withdrawn,
		/// The study belongs to another institute.
		NotStudyInstitute,
		/// Only the institute's own account may move its money (open or close a study), not
		/// its staff.
		NotTheInstituteItself,
		/// The institute or one of its staff cannot take part in (or be paid by) the
		/// institute's own studies.
		OwnStudy,
		/// The amount overflows.
		Overflow,
		/// A sealed study's tags are not strictly ascending, or one is all zeros.
		TagsNotCanonical,
		/// The study is of sensitive data: enrol with `enroll_sealed`, boxing the protocol's
		/// salt.
		StudyIsSealed,
		/// The study has no sealed categories: enrol with `enroll`.
		StudyNotSealed,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxParticipants::get() > 0, "MaxParticipants must allow a participant");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Open a study: hold `reward_per_participant × max_participants` in escrow and the
		/// `StudyDeposit` from the institute.
		///
		/// Origin: an active research institute's own account (its staff may not commit its
		/// money). Complexity: O(1).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_study())]
		pub fn create_study(
			origin: OriginFor<T>,
			categories: StandardCategoryList,
			reward_per_participant: BalanceOf<T>,
			max_participants: u32,
			enrollment_ends_at: Moment,
			data_use_ends_at: Moment,
			protocol_hash: Hash32,
		) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			let terms = StudyTerms {
				categories: DataCategories::from_standard_list(&categories),
				sealed_tags: None,
				reward_per_participant,
				max_participants,
				enrollment_ends_at,
				data_use_ends_at,
				protocol_hash,
			};
			Self::create(caller, terms)
		}

		/// Enrol in a study until its enrolment ends: creates the research consent (the study's
		/// categories, read only, `HRESCH`, until `data_use_ends_at`). A study of sensitive data
		/// is enrolled in with [`enroll_sealed`](Pallet::enroll_sealed) (`StudyIsSealed`).
		///
		/// Origin: a patient or a guardian acting for them (fee-free). Complexity: O(1).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::enroll().saturating_add(T::Consents::grant_weight()))]
		#[pallet::feeless_if(|origin: &OriginFor<T>, _s: &StudyId| -> bool {
			T::Patients::is_feeless_signer(origin.as_signer())
		})]
		pub fn enroll(origin: OriginFor<T>, study_id: StudyId) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			ensure!(T::Patients::is_patient(&patient), Error::<T>::NotRegistered);
			let study = Self::enrollable_study(&patient, study_id)?;
			ensure!(!SealedStudyTags::<T>::contains_key(study_id), Error::<T>::StudyIsSealed);
			Self::enrol(patient, study_id, study, None)
		}

		/// As the study's institute (or its staff), confirm `patient`'s contribution of the
		/// dataset `dataset_hash`: the reward moves from escrow to the patient (or the payout
		/// account they named). Once per patient; a suspended institute cannot confirm, and
		/// the reward is never paid to the institute or its staff (`OwnStudy`).
		///
		/// Origin: the study's active institute or its staff. Complexity: O(1).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::confirm_contribution())]
		pub fn confirm_contribution(
			origin: OriginFor<T>,
			study_id: StudyId,
			patient: T::AccountId,
			dataset_hash: Hash32,
		) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			let institute = Self::active_institute(&caller)?;
			let mut study = Studies::<T>::get(study_id).ok_or(Error::<T>::UnknownStudy)?;
			ensure!(study.institute == institute, Error::<T>::NotStudyInstitute);
			let Some(mut enrollment) = Enrollments::<T>::get(study_id, &patient) else {
				// A paid participant who withdrew is known only by their tag.
				let paid_before = Self::paid_and_withdrew(study_id, &patient);
				return Err(if paid_before {
					Error::<T>::AlreadyPaid
				} else {
					Error::<T>::NotEnrolled
				}
				.into());
			};
			ensure!(!enrollment.paid, Error::<T>::AlreadyPaid);
			let payee = PayoutAccounts::<T>::get(&patient).unwrap_or_else(|| patient.clone());
			Self::ensure_outside(&study.institute, &patient)?;
			Self::ensure_outside(&study.institute, &payee)?;
			let paid_to = Self::pay(&mut study, &patient)?;
			enrollment.paid = true;
			Enrollments::<T>::insert(study_id, &patient, enrollment);
			let reward = study.reward_per_participant;
			Studies::<T>::insert(study_id, study);
			Self::deposit_event(Event::ContributionConfirmed {
				study_id,
				patient,
				dataset_hash,
				paid_to,
				reward,
			});
			Ok(())
		}

		/// Leave a study: the research consent is revoked at once. A reward already paid stays
		/// paid (and the patient cannot enrol again); an unpaid place is freed.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::withdraw().saturating_add(T::Consents::revoke_weight()))]
		#[pallet::feeless_if(|origin: &OriginFor<T>, _s: &StudyId| -> bool {
			T::Patients::is_feeless_signer(origin.as_signer())
		})]
		pub fn withdraw(origin: OriginFor<T>, study_id: StudyId) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			let enrollment = Self::current_enrollment(&patient, study_id)?;
			Self::leave(study_id, &patient, enrollment);
			Self::deposit_event(Event::Withdrawn { study_id, patient });
			Ok(())
		}

		/// Close a study: the unspent escrow and the deposit go back to the institute. The
		/// institute's own account may close once enrolment has ended; `ApproveOrigin` at any
		/// time. Research consents end by their own expiry.
		///
		/// Origin: the study's institute itself, or `ApproveOrigin`. Complexity: O(P) in the
		/// study's participants.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::close_study(T::MaxParticipants::get()))]
		pub fn close_study(origin: OriginFor<T>, study_id: StudyId) -> DispatchResultWithPostInfo {
			let study = Studies::<T>::get(study_id).ok_or(Error::<T>::UnknownStudy)?;
			if T::ApproveOrigin::try_origin(origin.clone()).is_err() {
				let caller = ensure_signed(origin)?;
				ensure!(
					T::Providers::active_provider(&caller)
						.is_some_and(|(_, organisation)| organisation == study.institute),
					Error::<T>::NotStudyInstitute
				);
				ensure!(caller == study.institute, Error::<T>::NotTheInstituteItself);
				ensure!(T::Time::now() >= study.enrollment_ends_at, Error::<T>::EnrollmentOpen);
			}
			let participants = Self::close(study_id, study, 0);
			Ok(Some(T::WeightInfo::close_study(participants)).into())
		}

		/// Settle a study by the consortium's decision (for example when its institute is
		/// suspended and can no longer confirm): every enrolled participant not yet paid (and
		/// not withdrawn) is paid the reward from escrow, then the study closes.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::settle_study(T::MaxParticipants::get()))]
		pub fn settle_study(origin: OriginFor<T>, study_id: StudyId) -> DispatchResultWithPostInfo {
			T::ApproveOrigin::ensure_origin(origin)?;
			let mut study = Studies::<T>::get(study_id).ok_or(Error::<T>::UnknownStudy)?;
			let unpaid: Vec<_> = Enrollments::<T>::iter_prefix(study_id)
				.filter(|(_, enrollment)| !enrollment.paid)
				.map(|(patient, _)| patient)
				.collect();
			let mut settled = 0u32;
			for patient in &unpaid {
				// The escrow backs every place, so this cannot fail; a failure leaves the
				// amount in escrow, which `close` returns to the institute.
				if Self::pay(&mut study, patient).is_ok() {
					settled = settled.saturating_add(1);
				}
			}
			let participants = Self::close(study_id, study, settled);
			Ok(Some(T::WeightInfo::settle_study(participants)).into())
		}

		/// Name the account rewards are paid to (`None`: the patient's own account).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_payout_account())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, _p: &Option<T::AccountId>| -> bool {
			T::Patients::is_feeless_signer(origin.as_signer())
		})]
		pub fn set_payout_account(
			origin: OriginFor<T>,
			payout: Option<T::AccountId>,
		) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			ensure!(T::Patients::is_patient(&patient), Error::<T>::NotRegistered);
			match &payout {
				Some(account) => PayoutAccounts::<T>::insert(&patient, account),
				None => PayoutAccounts::<T>::remove(&patient),
			}
			Self::deposit_event(Event::PayoutAccountSet { patient, payout });
			Ok(())
		}

		/// As [`create_study`](Pallet::create_study), for a study of sensitive data too:
		/// `sealed_tags` are the sensitive categories studied, sealed (with padding to five)
		/// under a salt the institute publishes with the protocol that `protocol_hash` commits
		/// to. `categories` are the standard ones, and may be empty. The runtime checks the
		/// tags' order and never learns what is studied; a participant's wallet checks the tags
		/// against the protocol before enrolling.
		///
		/// Origin: an active research institute's own account. Complexity: O(1).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::create_study_sealed())]
		#[allow(clippy::too_many_arguments)]
		pub fn create_study_sealed(
			origin: OriginFor<T>,
			categories: StandardCategoryList,
			sealed_tags: [SealedTag; SEALED_TAGS],
			reward_per_participant: BalanceOf<T>,
			max_participants: u32,
			enrollment_ends_at: Moment,
			data_use_ends_at: Moment,
			protocol_hash: Hash32,
		) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			let terms = StudyTerms {
				categories: DataCategories::from_standard_list(&categories),
				sealed_tags: Some(sealed_tags),
				reward_per_participant,
				max_participants,
				enrollment_ends_at,
				data_use_ends_at,
				protocol_hash,
			};
			Self::create(caller, terms)
		}

		/// Enrol in a study of sensitive data: as [`enroll`](Pallet::enroll), and the research
		/// consent carries the study's tags and `salts`, the protocol's salt sealed by the
		/// patient's wallet to the patient, the institute and the data holder (so each opens
		/// the consent as any sealed consent; the runtime checks only the boxes' ephemeral
		/// keys).
		///
		/// Origin: a patient or a guardian acting for them (fee-free). Complexity: O(1).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::enroll_sealed().saturating_add(T::Consents::grant_weight()))]
		#[pallet::feeless_if(|origin: &OriginFor<T>, _s: &StudyId,
			_b: &[SealedSalt; SEALED_SALT_BOXES]| -> bool {
			T::Patients::is_feeless_signer(origin.as_signer())
		})]
		pub fn enroll_sealed(
			origin: OriginFor<T>,
			study_id: StudyId,
			salts: [SealedSalt; SEALED_SALT_BOXES],
		) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			ensure!(T::Patients::is_patient(&patient), Error::<T>::NotRegistered);
			let study = Self::enrollable_study(&patient, study_id)?;
			let tags = SealedStudyTags::<T>::get(study_id).ok_or(Error::<T>::StudyNotSealed)?;
			Self::enrol(patient, study_id, study, Some(SealedScope { tags, salts }))
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Study `study_id`, if `patient` may enrol in it now: it exists, enrolment is open, the
	/// patient is not enrolled yet and there is room.
	fn enrollable_study(
		patient: &T::AccountId,
		study_id: StudyId,
	) -> Result<StudyOf<T>, DispatchError> {
		let study = Studies::<T>::get(study_id).ok_or(Error::<T>::UnknownStudy)?;
		Self::ensure_outside(&study.institute, patient)?;
		ensure!(T::Time::now() < study.enrollment_ends_at, Error::<T>::EnrollmentClosed);
		ensure!(
			!Enrollments::<T>::contains_key(study_id, patient)
				&& !Self::paid_and_withdrew(study_id, patient),
			Error::<T>::AlreadyEnrolled
		);
		ensure!(study.participants < study.max_participants, Error::<T>::StudyFull);
		Ok(study)
	}

	/// `patient`'s enrolment in `study_id`, if the patient has not withdrawn from it.
	fn current_enrollment(
		patient: &T::AccountId,
		study_id: StudyId,
	) -> Result<Enrollment, DispatchError> {
		Enrollments::<T>::get(study_id, patient).ok_or_else(|| {
			if Self::paid_and_withdrew(study_id, patient) {
				Error::<T>::Withdrawn.into()
			} else {
				Error::<T>::NotEnrolled.into()
			}
		})
	}

	/// The tag a paid participant who withdrew is kept under in [`PaidWithdrawals`]:
	/// `blake2_256("carechain/paid-withdrawal" ++ SCALE(study_id) ++ SCALE(account))`. It names
	/// nothing to someone who does not already know the account, and differs per study, so
	/// tags of one participant in two studies cannot be matched.
	pub fn participant_tag(study_id: StudyId, account: &T::AccountId) -> Hash32 {
		BlakeTwo256::hash_of(&(b"carechain/paid-withdrawal", study_id, account)).0
	}

	/// Whether `account` was paid by `study_id` and has withdrawn since.
	fn paid_and_withdrew(study_id: StudyId, account: &T::AccountId) -> bool {
		PaidWithdrawals::<T>::contains_key(study_id, Self::participant_tag(study_id, account))
	}

	/// The checks of a patient's fee-free call that a few reads can make, run by the patient
	/// identity pallet's `CountFeelessCalls` before the call enters the pool. Worst case:
	/// `enroll` (the study and the enrolment are read).
	pub fn precheck_feeless(patient: &T::AccountId, call: &Call<T>) -> DispatchResult {
		match call {
			Call::enroll { study_id } | Call::enroll_sealed { study_id, .. } => {
				Self::enrollable_study(patient, *study_id).map(|_| ())
			},
			Call::withdraw { study_id } => Self::current_enrollment(patient, *study_id).map(|_| ()),
			_ => Ok(()),
		}
	}

	/// Enrols `patient` in `study_id` (checked enrollable): the research consent, with the
	/// `sealed` scope for a study of sensitive data.
	fn enrol(
		patient: T::AccountId,
		study_id: StudyId,
		mut study: StudyOf<T>,
		sealed: Option<SealedScope>,
	) -> DispatchResult {
		StudiesOf::<T>::try_mutate(&patient, |studies| {
			studies.try_push(study_id).map_err(|_| Error::<T>::TooManyStudies)
		})?;
		let consent_id = T::Consents::grant_research_consent(
			&patient,
			&study.institute,
			study_id,
			study.categories,
			sealed,
			study.data_use_ends_at,
		)?;
		study.participants = study.participants.saturating_add(1);
		Studies::<T>::insert(study_id, study);
		Enrollments::<T>::insert(study_id, &patient, Enrollment { consent_id, paid: false });
		Self::deposit_event(Event::Enrolled { study_id, patient, consent_id });
		Ok(())
	}

	/// A study `caller` opens: only an active institute's own account (its staff may not commit
	/// its money), with enrolment still ahead.
	fn create(caller: T::AccountId, terms: StudyTerms<BalanceOf<T>>) -> DispatchResult {
		let institute = Self::active_institute(&caller)?;
		ensure!(caller == institute, Error::<T>::NotTheInstituteItself);
		ensure!(T::Time::now() < terms.enrollment_ends_at, Error::<T>::InvalidSchedule);
		Self::open_study(institute, terms).map(|_| ())
	}

	/// Checks a study's terms, holds its reward pool and deposit from `institute` and stores it.
	/// Nothing is held or stored if a check fails.
	fn open_study(
		institute: T::AccountId,
		StudyTerms {
			categories,
			sealed_tags,
			reward_per_participant,
			max_participants,
			enrollment_ends_at,
			data_use_ends_at,
			protocol_hash,
		}: StudyTerms<BalanceOf<T>>,
	) -> Result<StudyId, DispatchError> {
		// The categories in clear are standard ones only: a sensitive one in clear would say
		// what every enrolled patient's data is. A sealed study may have none in clear.
		ensure!(
			(!categories.is_empty() || sealed_tags.is_some())
				&& categories.is_known()
				&& !categories.has_sensitive(),
			Error::<T>::InvalidCategories
		);
		if let Some(tags) = &sealed_tags {
			ensure!(are_well_formed_tags(tags), Error::<T>::TagsNotCanonical);
		}
		ensure!(reward_per_participant >= T::MinReward::get(), Error::<T>::RewardTooLow);
		ensure!(
			max_participants > 0 && max_participants <= T::MaxParticipants::get(),
			Error::<T>::InvalidParticipantLimit
		);
		ensure!(enrollment_ends_at < data_use_ends_at, Error::<T>::InvalidSchedule);
		let escrow = reward_per_participant
			.checked_mul(&max_participants.into())
			.ok_or(Error::<T>::Overflow)?;
		let deposit = T::StudyDeposit::get();
		T::Currency::ensure_can_hold(
			&HoldReason::StudyEscrow.into(),
			&institute,
			escrow.checked_add(&deposit).ok_or(Error::<T>::Overflow)?,
		)
		.map_err(|_| Error::<T>::InsufficientFunds)?;
		T::Currency::hold(&HoldReason::StudyEscrow.into(), &institute, escrow)
			.map_err(|_| Error::<T>::InsufficientFunds)?;
		T::Currency::hold(&HoldReason::StudyDeposit.into(), &institute, deposit)
			.map_err(|_| Error::<T>::InsufficientFunds)?;
		let study_id = NextStudyId::<T>::get();
		NextStudyId::<T>::put(study_id.saturating_add(1));
		if let Some(tags) = sealed_tags {
			SealedStudyTags::<T>::insert(study_id, tags);
		}
		Studies::<T>::insert(
			study_id,
			Study {
				institute: institute.clone(),
				categories,
				reward_per_participant,
				max_participants,
				participants: 0,
				paid: 0,
				enrollment_ends_at,
				data_use_ends_at,
				protocol_hash,
				escrow,
				deposit,
			},
		);
		StudiesByInstitute::<T>::insert(&institute, study_id, ());
		Self::deposit_event(Event::StudyCreated { study_id, institute, escrow });
		Ok(study_id)
	}

	/// The organisation of `caller` if it is an active research institute (or staff of one).
	/// `OwnStudy` if `who` is `institute` or acts under its registration (its staff).
	fn ensure_outside(institute: &T::AccountId, who: &T::AccountId) -> DispatchResult {
		let own = who == institute
			|| T::Providers::registration_of(who).is_some_and(|registration| {
				T::Providers::registration_of(institute) == Some(registration)
			});
		ensure!(!own, Error::<T>::OwnStudy);
		Ok(())
	}

	fn active_institute(caller: &T::AccountId) -> Result<T::AccountId, DispatchError> {
		match T::Providers::active_provider(caller) {
			Some((ProviderKind::ResearchInstitute, organisation)) => Ok(organisation),
			_ => Err(Error::<T>::NotAResearchInstitute.into()),
		}
	}

	/// Pays `patient`'s reward from `study`'s escrow (to their payout account if named);
	/// returns who received it.
	fn pay(study: &mut StudyOf<T>, patient: &T::AccountId) -> Result<T::AccountId, DispatchError> {
		let paid_to = PayoutAccounts::<T>::get(patient).unwrap_or_else(|| patient.clone());
		let reward = study.reward_per_participant;
		T::Currency::transfer_on_hold(
			&HoldReason::StudyEscrow.into(),
			&study.institute,
			&paid_to,
			reward,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Polite,
		)?;
		study.escrow = study.escrow.saturating_sub(reward);
		study.paid = study.paid.saturating_add(1);
		Ok(paid_to)
	}

	/// Withdraws `patient` from `study_id`: revokes the research consent, removes the enrolment
	/// and takes the study off the patient's list. An unpaid place is freed; a paid one stays
	/// used, kept as the participant's tag in [`PaidWithdrawals`] so that no second payment is
	/// possible.
	fn leave(study_id: StudyId, patient: &T::AccountId, enrollment: Enrollment) {
		// The consent may have expired or been revoked by the patient directly: either way it
		// permits nothing any more, which is all withdrawing asks of it.
		let _ = T::Consents::revoke_consent(patient, enrollment.consent_id);
		Self::forget_study(patient, study_id);
		Enrollments::<T>::remove(study_id, patient);
		if enrollment.paid {
			PaidWithdrawals::<T>::insert(study_id, Self::participant_tag(study_id, patient), ());
		} else {
			Studies::<T>::mutate(study_id, |study| {
				if let Some(study) = study {
					study.participants = study.participants.saturating_sub(1);
				}
			});
		}
	}

	/// Removes `study_id` from `patient`'s list.
	fn forget_study(patient: &T::AccountId, study_id: StudyId) {
		StudiesOf::<T>::mutate_exists(patient, |studies| {
			if let Some(list) = studies {
				list.retain(|id| *id != study_id);
				if list.is_empty() {
					*studies = None;
				}
			}
		});
	}

	/// Removes a study and its enrolments, returning the escrow left and the deposit to the
	/// institute; returns how many enrolments it had.
	fn close(study_id: StudyId, study: StudyOf<T>, settled: u32) -> u32 {
		let mut participants = 0u32;
		for (patient, _) in Enrollments::<T>::drain_prefix(study_id) {
			Self::forget_study(&patient, study_id);
			participants = participants.saturating_add(1);
		}
		for _ in PaidWithdrawals::<T>::drain_prefix(study_id) {
			participants = participants.saturating_add(1);
		}
		for (reason, amount) in
			[(HoldReason::StudyEscrow, study.escrow), (HoldReason::StudyDeposit, study.deposit)]
		{
			let released = T::Currency::release(
				&reason.into(),
				&study.institute,
				amount,
				Precision::BestEffort,
			);
			debug_assert!(released.is_ok(), "releasing recorded funds cannot fail");
		}
		StudiesByInstitute::<T>::remove(&study.institute, study_id);
		Studies::<T>::remove(study_id);
		SealedStudyTags::<T>::remove(study_id);
		Self::deposit_event(Event::StudyClosed {
			study_id,
			escrow_returned: study.escrow,
			settled,
		});
		participants
	}

	/// The open study `id`.
	pub fn study(id: StudyId) -> Option<StudyOf<T>> {
		Studies::<T>::get(id)
	}

	/// The tags of the open study `id`, if it studies sensitive categories (sealed).
	pub fn study_sealed_tags(id: StudyId) -> Option<[SealedTag; SEALED_TAGS]> {
		SealedStudyTags::<T>::get(id)
	}

	/// The open studies of `institute`, by id.
	pub fn studies_of(institute: &T::AccountId) -> Vec<(StudyId, StudyOf<T>)> {
		let mut studies: Vec<_> = StudiesByInstitute::<T>::iter_key_prefix(institute)
			.filter_map(|id| Some((id, Studies::<T>::get(id)?)))
			.collect();
		studies.sort_by_key(|(id, _)| *id);
		studies
	}

	/// The enrolments in force of `patient`, by study id.
	pub fn enrollments_of(patient: &T::AccountId) -> Vec<(StudyId, Enrollment)> {
		StudiesOf::<T>::get(patient)
			.into_iter()
			.filter_map(|id| Some((id, Enrollments::<T>::get(id, patient)?)))
			.collect()
	}

	/// Checks the pallet's invariants: each study's escrow is `reward × (max − paid)`, counts
	/// match the enrolments, enrolments and the patients' lists agree, and the funds held from
	/// each institute are exactly its studies' escrows and deposits.
	#[cfg(any(feature = "try-runtime", feature = "std", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeMap;
		use frame_support::traits::fungible::InspectHold;

		let mut held: BTreeMap<T::AccountId, (BalanceOf<T>, BalanceOf<T>)> = BTreeMap::new();
		for (id, study) in Studies::<T>::iter() {
			let (mut participants, mut paid) = (0u32, 0u32);
			for (patient, enrollment) in Enrollments::<T>::iter_prefix(id) {
				participants = participants.saturating_add(1);
				paid = paid.saturating_add(u32::from(enrollment.paid));
				ensure!(
					StudiesOf::<T>::get(&patient).contains(&id),
					"an enrolment missing from the patient's list"
				);
			}
			let withdrawn = PaidWithdrawals::<T>::iter_prefix(id).count();
			let withdrawn = u32::try_from(withdrawn).unwrap_or(u32::MAX);
			participants = participants.saturating_add(withdrawn);
			paid = paid.saturating_add(withdrawn);
			ensure!(participants == study.participants, "participant count differs");
			ensure!(paid == study.paid, "paid count differs");
			ensure!(participants <= study.max_participants, "more participants than allowed");
			let unpaid_places = study.max_participants.saturating_sub(study.paid);
			ensure!(
				study.escrow == study.reward_per_participant.saturating_mul(unpaid_places.into()),
				"escrow differs from the unpaid places"
			);
			ensure!(
				StudiesByInstitute::<T>::contains_key(&study.institute, id),
				"study not listed for its institute"
			);
			let entry = held.entry(study.institute.clone()).or_default();
			entry.0 = entry.0.saturating_add(study.escrow);
			entry.1 = entry.1.saturating_add(study.deposit);
		}
		for (institute, (escrow, deposit)) in held {
			let on_hold =
				|reason: HoldReason| T::Currency::balance_on_hold(&reason.into(), &institute);
			ensure!(on_hold(HoldReason::StudyEscrow) == escrow, "escrow held differs");
			ensure!(on_hold(HoldReason::StudyDeposit) == deposit, "study deposits held differ");
		}
		for (patient, studies) in StudiesOf::<T>::iter() {
			ensure!(!studies.is_empty(), "an empty study list is stored");
			ensure!(
				studies.iter().all(|id| Enrollments::<T>::contains_key(id, &patient)),
				"a listed study without an enrolment in force"
			);
		}
		ensure!(
			StudiesByInstitute::<T>::iter_keys().all(|(_, id)| Studies::<T>::contains_key(id)),
			"a listed study that is closed"
		);
		ensure!(
			PaidWithdrawals::<T>::iter_keys().all(|(id, _)| Studies::<T>::contains_key(id)),
			"a paid withdrawal of a closed study"
		);
		ensure!(
			Enrollments::<T>::iter_keys().all(|(id, _)| Studies::<T>::contains_key(id)),
			"an enrolment in a closed study"
		);
		ensure!(
			SealedStudyTags::<T>::iter_keys().all(Studies::<T>::contains_key),
			"the tags of a closed study"
		);
		Ok(())
	}
}

impl<T: Config> OnPatientDeregistered<T::AccountId> for Pallet<T> {
	fn on_patient_deregistered(patient: &T::AccountId) -> Weight {
		let studies = StudiesOf::<T>::get(patient);
		let count = studies.len() as u32;
		for study_id in studies {
			if let Some(enrollment) = Enrollments::<T>::get(study_id, patient) {
				Self::leave(study_id, patient, enrollment);
				Self::deposit_event(Event::Withdrawn { study_id, patient: patient.clone() });
			}
		}
		PayoutAccounts::<T>::remove(patient);
		T::WeightInfo::withdraw_all(count)
	}

	fn max_weight() -> Weight {
		T::WeightInfo::withdraw_all(T::MaxStudiesPerPatient::get())
	}
}
