//! Consents: durations, the emergency window and slash, and anchor deposits come from
//! Parameters; emergency accesses are reviewed by the Council.

use frame_support::traits::ConstU32;

use super::{dynamic_params::consent, governance::RootOrCouncilMajority};
use crate::{Balances, PatientIdentity, ProviderRegistry, Runtime, RuntimeHoldReason, Timestamp};

impl pallet_consent::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Providers = ProviderRegistry;
	/// Unjustified emergency accesses are paid from the provider's registration deposit.
	type ProviderDeposits = ProviderRegistry;
	type Patients = PatientIdentity;
	type Time = Timestamp;
	/// Root or more than half of the Council reviews emergency accesses.
	type ApproveOrigin = RootOrCouncilMajority;
	type MaxConsentDuration = consent::MaxConsentDuration;
	type RequestTtl = consent::RequestTtl;
	type EmergencyAccessWindow = consent::EmergencyAccessWindow;
	type EmergencySlash = consent::EmergencySlash;
	/// Held from the organisation for each emergency access until the Council reviews it.
	type EmergencyBond = consent::EmergencyBond;
	type AnchorDeposit = super::deposits::RecordAnchorDeposit;
	type MaxConsentsPerPatient = ConstU32<128>;
	type MaxConsentsPerGrantee = ConstU32<8>;
	/// Break-glass per patient: at most eight emergency consents (each lasting at most a day)
	/// at once, apart from the patient's own 128.
	type MaxEmergencyConsentsPerPatient = ConstU32<8>;
	type MaxPendingRequests = ConstU32<16>;
	/// Two requests per organisation: a hospital cannot fill the patient's 16 alone.
	type MaxPendingRequestsPerOrganisation = ConstU32<2>;
	type MaxAnchorsPerPatient = ConstU32<1_000>;
	type WeightInfo = pallet_consent::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_parties::BenchmarkParties;
}
