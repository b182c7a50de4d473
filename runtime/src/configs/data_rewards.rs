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
	type BenchmarkHelper = super::benchmark_parties::BenchmarkParties;
}
