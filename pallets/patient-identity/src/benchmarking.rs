//! Benchmarks of every call (frame-benchmarking v2), also run as tests against the mock.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::fungible::Mutate;
use frame_system::RawOrigin;
use sp_runtime::traits::Bounded;

const COMMITMENT: Hash32 = [1; 32];

/// An account holding enough to pay any deposit.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 1_000_000u32.into());
	who
}

/// The most guardians a patient can have once the Council raises `MaxGuardians` to its ceiling:
/// the worst case of every guardian benchmark.
fn ceiling<T: Config>() -> u32 {
	T::BenchmarkHelper::raise_max_guardians_to_ceiling();
	T::MaxGuardiansCeiling::get()
}

/// Appoints `guardians` guardians (no expiry) for `patient`, without the calls' checks; the
/// guardians of an onboarded patient hold their `sufficients` references, as `add_guardian`
/// gives them.
fn appoint_guardians<T: Config>(patient: &T::AccountId, guardians: u32) {
	let mut onboarded = false;
	Patients::<T>::mutate(patient, |record| {
		if let Some(record) = record {
			onboarded = record.sufficient;
			for index in 0..guardians {
				let _ = record
					.guardians
					.try_push(Guardian { account: account("guardian", index, 0), until: None });
			}
		}
	});
	if onboarded {
		for index in 0..guardians {
			Pallet::<T>::give_sufficient_ref(&account("guardian", index, 0));
		}
	}
}

/// A registered patient with `guardians` guardians appointed (no expiry).
fn patient_with_guardians<T: Config>(guardians: u32) -> T::AccountId {
	let patient = funded::<T>("patient", 0);
	Pallet::<T>::register(RawOrigin::Signed(patient.clone()).into(), COMMITMENT)
		.expect("a funded account registers");
	appoint_guardians::<T>(&patient, guardians);
	patient
}

/// A patient onboarded by the benchmark provider (so with a fee-free pool), with `guardians`
/// guardians appointed (no expiry).
fn onboarded_patient_with_guardians<T: Config>(guardians: u32) -> T::AccountId {
	let provider = T::BenchmarkHelper::active_provider();
	let patient: T::AccountId = account("onboarded", 0, 0);
	Pallet::<T>::onboard(RawOrigin::Signed(provider).into(), patient.clone(), COMMITMENT)
		.expect("an active provider onboards");
	appoint_guardians::<T>(&patient, guardians);
	patient
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register() {
		let caller = funded::<T>("caller", 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), COMMITMENT);

		assert!(Patients::<T>::contains_key(&caller));
	}

	/// The worst case: the account is raised to a nonce floor, the organisation's pool exists.
	#[benchmark]
	fn onboard() -> Result<(), BenchmarkError> {
		let provider = T::BenchmarkHelper::active_provider();
		let patient: T::AccountId = account("newborn", 0, 0);
		NonceFloor::<T>::put(T::Nonce::from(1_000u32));

		#[extrinsic_call]
		_(RawOrigin::Signed(provider), patient.clone(), COMMITMENT);

		assert!(Patients::<T>::contains_key(&patient));
		assert_eq!(frame_system::Pallet::<T>::account_nonce(&patient), T::Nonce::from(1_000u32));
		Ok(())
	}

	#[benchmark]
	fn update_commitment() {
		let patient = patient_with_guardians::<T>(0);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), [2; 32]);

		assert_eq!(Patients::<T>::get(&patient).map(|r| r.commitment), Some([2; 32]));
	}

	/// The worst case: an onboarded patient one guardian short of the ceiling, so the new
	/// guardian's account is created and raised to a nonce floor.
	#[benchmark]
	fn add_guardian() {
		let max = ceiling::<T>();
		let patient = onboarded_patient_with_guardians::<T>(max.saturating_sub(1));
		let guardian: T::AccountId = account("new-guardian", 0, 0);
		NonceFloor::<T>::put(T::Nonce::from(1_000u32));

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), guardian.clone(), Some(Moment::MAX));

		assert_eq!(Patients::<T>::get(&patient).map(|r| r.guardians.len() as u32), Some(max));
		assert_eq!(frame_system::Pallet::<T>::sufficients(&guardian), 1);
		assert_eq!(frame_system::Pallet::<T>::account_nonce(&guardian), T::Nonce::from(1_000u32));
	}

	/// The worst case: the last guardian of an onboarded patient at the ceiling, whose account
	/// is reaped.
	#[benchmark]
	fn remove_guardian() {
		let max = ceiling::<T>();
		let patient = onboarded_patient_with_guardians::<T>(max);
		let last: T::AccountId = account("guardian", max.saturating_sub(1), 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), last.clone());

		assert_eq!(
			Patients::<T>::get(&patient).map(|r| r.guardians.len() as u32),
			Some(max.saturating_sub(1))
		);
		assert_eq!(frame_system::Pallet::<T>::sufficients(&last), 0);
	}

	/// The guardian is the last of a full list. The call's own weight is added to this one at
	/// dispatch, so the inner call here does next to nothing: it is refused at once
	/// (emergency access is already allowed), after the record as_guardian already read.
	#[benchmark]
	fn as_guardian() {
		let max = ceiling::<T>();
		let patient = patient_with_guardians::<T>(max);
		let guardian: T::AccountId = account("guardian", max.saturating_sub(1), 0);
		let call: <T as Config>::RuntimeCall =
			Call::<T>::set_emergency_access { allowed: true }.into();

		#[extrinsic_call]
		_(RawOrigin::Signed(guardian.clone()), patient.clone(), Box::new(call));

		frame_system::Pallet::<T>::assert_last_event(
			Event::<T>::GuardianActed {
				patient,
				guardian,
				result: Err(Error::<T>::EmergencyAccessUnchanged.into()),
			}
			.into(),
		);
	}

	#[benchmark]
	fn set_emergency_access() {
		let patient = patient_with_guardians::<T>(0);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), false);

		assert_eq!(Patients::<T>::get(&patient).map(|r| r.emergency_access), Some(false));
	}

	/// The worst case: an onboarded patient with the most guardians, who used fee-free calls
	/// today (its usage goes, its organisation's pool is updated, it and every guardian lose
	/// their `sufficients` references and the nonce floor is raised).
	#[benchmark]
	fn deregister() {
		let patient = onboarded_patient_with_guardians::<T>(ceiling::<T>());
		let organisation =
			Pallet::<T>::feeless_organisation(&patient).expect("an onboarded patient has a pool");
		Pallet::<T>::note_feeless_call(&patient, &organisation);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()));

		assert!(!Patients::<T>::contains_key(&patient));
		assert!(!FeelessUsage::<T>::contains_key(&patient));
	}

	/// What `CountFeelessCalls` adds to a fee-free call, apart from other pallets' checks: the
	/// worst case is a guardian's `as_guardian` (the last guardian of a full list) of the
	/// patient's `set_emergency_access`: the guardian's appointment, the call filter, this
	/// pallet's own check of the inner call, the quota checks (the patient, their usage, the
	/// organisation's pool) and counting the call and its weight, on a day the patient has
	/// used all but one. A patient's own call reads the same record and checks no more.
	#[benchmark]
	fn count_feeless_call() {
		let max = ceiling::<T>();
		let patient = onboarded_patient_with_guardians::<T>(max);
		let guardian: T::AccountId = account("guardian", max.saturating_sub(1), 0);
		Patients::<T>::mutate(&patient, |record| {
			if let Some(record) = record {
				record.emergency_access = false;
			}
		});
		let organisation =
			Pallet::<T>::feeless_organisation(&patient).expect("an onboarded patient has a pool");
		for _ in 1..T::FeelessCallsPerDay::get() {
			Pallet::<T>::note_feeless_call(&patient, &organisation);
		}
		let before = Pallet::<T>::feeless_calls_today(&patient);
		let inner: <T as Config>::RuntimeCall =
			Call::<T>::set_emergency_access { allowed: true }.into();
		let call: <T as Config>::RuntimeCall =
			Call::<T>::as_guardian { patient: patient.clone(), call: Box::new(inner) }.into();

		#[block]
		{
			if let Ok((payer, organisation)) = Pallet::<T>::feeless_payer(&guardian, &call) {
				Pallet::<T>::note_feeless_call(&payer, &organisation);
				Pallet::<T>::note_feeless_weight(Weight::from_parts(1, 0));
			}
		}

		assert_eq!(Pallet::<T>::feeless_calls_today(&patient), before + 1);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
