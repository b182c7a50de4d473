//! Data-sharing rewards: the study deposit and the smallest reward come from Parameters; the
//! Council closes or settles any study.

use frame_support::traits::ConstU32;

use super::{dynamic_params::rewards, governance::RootOrCouncilMajority};
use crate::{
	Balances, Consent, PatientIdentity, ProviderRegistry, Runtime, RuntimeHoldReason, Timestamp,
};

impl pallet_data_rewards::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Providers = ProviderRegistry;
	type Patients = PatientIdentity;
	/// Enrolling creates a research consent in the Consent pallet.
	type Consents = Consent;
	type Time = Timestamp;
	/// Root or more than half of the Council closes or settles any study.
	type ApproveOrigin = RootOrCouncilMajority;
	type StudyDeposit = rewards::StudyDeposit;
	type MinReward = rewards::MinReward;
	type MaxParticipants = ConstU32<1_000>;
	type MaxStudiesPerPatient = ConstU32<32>;
	type WeightInfo = pallet_data_rewards::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::StudyParties;
}

#[cfg(feature = "runtime-benchmarks")]
mod benchmarks {
	use carechain_primitives::{Moment, ProviderKind};
	use frame_support::traits::fungible::Mutate;
	use frame_system::RawOrigin;

	use crate::{currency::CARE, AccountId, Balances, Runtime};

	/// Funded, registered parties for the data-rewards benchmarks.
	pub struct StudyParties;
	impl pallet_data_rewards::BenchmarkHelper<AccountId> for StudyParties {
		fn research_institute() -> AccountId {
			let institute: AccountId = frame_benchmarking::account("institute", 0, 0);
			let _ = Balances::set_balance(&institute, 1_000_000_000 * CARE);
			let _ = pallet_provider_registry::Pallet::<Runtime>::apply(
				RawOrigin::Signed(institute.clone()).into(),
				ProviderKind::ResearchInstitute,
				b"Benchmark Institute".to_vec(),
				*b"GB",
				[0; 32],
			);
			let _ = pallet_provider_registry::Pallet::<Runtime>::approve(
				RawOrigin::Root.into(),
				institute.clone(),
			);
			institute
		}

		fn patient(index: u32) -> AccountId {
			let patient: AccountId = frame_benchmarking::account("patient", index, 0);
			let _ = Balances::set_balance(&patient, 1_000 * CARE);
			let _ = pallet_patient_identity::Pallet::<Runtime>::register(
				RawOrigin::Signed(patient.clone()).into(),
				[1; 32],
			);
			patient
		}

		fn set_time(now: Moment) {
			pallet_timestamp::Now::<Runtime>::put(now);
		}
	}
}
