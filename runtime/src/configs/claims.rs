//! Insurance claims: deposits priced from Parameters, the Council pays escalated claims and
//! reviews disputes.

use frame_support::traits::ConstU32;

use super::{dynamic_params::claims, governance::RootOrCouncilMajority};
use crate::{
	Balances, Consent, PatientIdentity, ProviderRegistry, Runtime, RuntimeHoldReason, Timestamp,
};

impl pallet_claims::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Providers = ProviderRegistry;
	type Patients = PatientIdentity;
	/// Accepting a coverage grants the billing consent in the Consent pallet, which also
	/// answers the `HPAYMT` check and knows the record anchors.
	type Consents = Consent;
	/// An upheld dispute slashes the provider's registration deposit.
	type ProviderDeposits = ProviderRegistry;
	type Time = Timestamp;
	/// Root or more than half of the Council pays escalated claims and reviews disputes.
	type ApproveOrigin = RootOrCouncilMajority;
	type ClaimDeposit = super::deposits::ClaimDeposit;
	type CoverageDeposit = super::deposits::CoverageDeposit;
	type DisputeSlash = claims::DisputeSlash;
	/// A coverage period is at most a leap year.
	type MaxCoverageDays = ConstU32<366>;
	/// Filing limits, prompt-pay deadlines and appeal windows of at most a year.
	type MaxPlanDays = ConstU32<365>;
	type MaxPlansPerInsurer = ConstU32<64>;
	/// As many as the billing consents one member can give one insurer.
	type MaxCoveragesPerMember = ConstU32<8>;
	type WeightInfo = pallet_claims::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_parties::BenchmarkParties;
}
