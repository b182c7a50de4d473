//! Benchmarks of every call and of the erasure hook (frame-benchmarking v2), also run as tests
//! against the mock.

use super::*;
use carechain_primitives::{
	sealed::{seal_scope, SEALED_SALT_LEN},
	DataCategory, StandardCategory,
};
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

/// The benchmarks' clock (unix ms).
const START: Moment = 1_700_000_000_000;
const DAY: Moment = 86_400_000;
const HASH: Hash32 = [4; 32];
const LAB_RESULTS: DataCategories = DataCategories(1 << 5);

/// The first institute opens a study with `max` places; returns the institute and the id.
fn open_study<T: Config>(max: u32) -> (T::AccountId, StudyId) {
	open_study_of::<T>(0, max)
}

/// Institute `index` opens a study with `max` places; returns the institute and the id.
fn open_study_of<T: Config>(index: u32, max: u32) -> (T::AccountId, StudyId) {
	T::BenchmarkHelper::set_time(START);
	let institute = T::BenchmarkHelper::research_institute(index);
	let id = NextStudyId::<T>::get();
	Pallet::<T>::create_study(
		RawOrigin::Signed(institute.clone()).into(),
		LAB_RESULTS.into(),
		T::MinReward::get(),
		max,
		START + DAY,
		START + 30 * DAY,
		HASH,
	)
	.expect("the institute can fund the study");
	(institute, id)
}

/// The longest category list a study names: every standard category once.
fn every_category() -> StandardCategoryList {
	StandardCategoryList::truncate_from(StandardCategory::ALL.to_vec())
}

/// The protocol salt of the benchmarks' sealed study.
const PROTOCOL_SALT: [u8; 32] = [3; 32];

/// The tags of a study of HIV and mental-health data under [`PROTOCOL_SALT`].
fn sealed_tags() -> [SealedTag; SEALED_TAGS] {
	seal_scope(&PROTOCOL_SALT, [DataCategory::Hiv, DataCategory::MentalHealth])
}

/// Boxes of the protocol salt with a usable ephemeral key (the runtime checks no more).
fn salt_boxes() -> [SealedSalt; SEALED_SALT_BOXES] {
	let mut salt_box = [0u8; SEALED_SALT_LEN];
	salt_box[0] = 9;
	[salt_box; SEALED_SALT_BOXES]
}

/// Patient `index` enrols in `study_id`.
fn enrolled<T: Config>(study_id: StudyId, index: u32) -> T::AccountId {
	let patient = T::BenchmarkHelper::patient(index);
	Pallet::<T>::enroll(RawOrigin::Signed(patient.clone()).into(), study_id)
		.expect("enrolment is open");
	patient
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_study() {
		T::BenchmarkHelper::set_time(START);
		let institute = T::BenchmarkHelper::research_institute(0);
		let id = NextStudyId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(institute),
			every_category(),
			T::MinReward::get(),
			T::MaxParticipants::get(),
			START + DAY,
			START + 30 * DAY,
			HASH,
		);

		assert!(Studies::<T>::contains_key(id));
	}

	#[benchmark]
	fn create_study_sealed() {
		T::BenchmarkHelper::set_time(START);
		let institute = T::BenchmarkHelper::research_institute(0);
		let id = NextStudyId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(institute),
			every_category(),
			sealed_tags(),
			T::MinReward::get(),
			T::MaxParticipants::get(),
			START + DAY,
			START + 30 * DAY,
			HASH,
		);

		assert!(SealedStudyTags::<T>::contains_key(id));
	}

	#[benchmark]
	fn enroll_sealed() {
		T::BenchmarkHelper::set_time(START);
		let institute = T::BenchmarkHelper::research_institute(0);
		let id = NextStudyId::<T>::get();
		Pallet::<T>::create_study_sealed(
			RawOrigin::Signed(institute).into(),
			LAB_RESULTS.into(),
			sealed_tags(),
			T::MinReward::get(),
			2,
			START + DAY,
			START + 30 * DAY,
			HASH,
		)
		.expect("the institute can fund the study");
		let patient = T::BenchmarkHelper::patient(0);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), id, salt_boxes());

		assert!(Enrollments::<T>::contains_key(id, &patient));
	}

	#[benchmark]
	fn enroll() {
		let (_, study_id) = open_study::<T>(2);
		let patient = T::BenchmarkHelper::patient(0);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), study_id);

		assert!(Enrollments::<T>::contains_key(study_id, &patient));
	}

	/// The fee-free pre-check at its worst: `enroll` (the study and the enrolment are read).
	#[benchmark]
	fn precheck_feeless() {
		let (_, study_id) = open_study::<T>(2);
		let patient = T::BenchmarkHelper::patient(0);
		let call = Call::<T>::enroll { study_id };
		let checked;

		#[block]
		{
			checked = Pallet::<T>::precheck_feeless(&patient, &call);
		}

		assert_eq!(checked, Ok(()));
	}

	#[benchmark]
	fn confirm_contribution() {
		let (institute, study_id) = open_study::<T>(2);
		let patient = enrolled::<T>(study_id, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(institute), study_id, patient.clone(), HASH);

		assert!(Enrollments::<T>::get(study_id, &patient).is_some_and(|e| e.paid));
	}

	#[benchmark]
	fn withdraw() {
		let (_, study_id) = open_study::<T>(2);
		let patient = enrolled::<T>(study_id, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), study_id);

		assert!(!Enrollments::<T>::contains_key(study_id, &patient));
	}

	#[benchmark]
	fn close_study(p: Linear<0, { T::MaxParticipants::get() }>) {
		let (institute, study_id) = open_study::<T>(T::MaxParticipants::get());
		for index in 0..p {
			enrolled::<T>(study_id, index);
		}
		T::BenchmarkHelper::set_time(START + DAY);

		#[extrinsic_call]
		_(RawOrigin::Signed(institute), study_id);

		assert!(!Studies::<T>::contains_key(study_id));
	}

	#[benchmark]
	fn settle_study(p: Linear<0, { T::MaxParticipants::get() }>) -> Result<(), BenchmarkError> {
		let (_, study_id) = open_study::<T>(T::MaxParticipants::get());
		for index in 0..p {
			enrolled::<T>(study_id, index);
		}
		let origin =
			T::ApproveOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, study_id);

		assert!(!Studies::<T>::contains_key(study_id));
		Ok(())
	}

	#[benchmark]
	fn set_payout_account() {
		let patient = T::BenchmarkHelper::patient(0);
		let wallet: T::AccountId = account("wallet", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), Some(wallet.clone()));

		assert_eq!(PayoutAccounts::<T>::get(&patient), Some(wallet));
	}

	/// A deregistered patient enrolled in `s` studies, each of another institute.
	#[benchmark]
	fn withdraw_all(s: Linear<0, { T::MaxStudiesPerPatient::get() }>) {
		let patient = T::BenchmarkHelper::patient(0);
		for index in 0..s {
			let (_, study_id) = open_study_of::<T>(index, 2);
			enrolled::<T>(study_id, 0);
		}

		#[block]
		{
			<Pallet<T> as OnPatientDeregistered<T::AccountId>>::on_patient_deregistered(&patient);
		}

		assert!(StudiesOf::<T>::get(&patient).is_empty());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
