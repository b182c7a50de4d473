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
	type AnchorDepositBase = consent::AnchorDepositBase;
	type DepositPerByte = consent::AnchorDepositPerByte;
	type MaxConsentsPerPatient = ConstU32<128>;
	type MaxConsentsPerGrantee = ConstU32<8>;
	type MaxPendingRequests = ConstU32<16>;
	type MaxRecentAccess = ConstU32<32>;
	type MaxAnchorsPerPatient = ConstU32<1_000>;
	type WeightInfo = pallet_consent::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::ConsentParties;
}

#[cfg(feature = "runtime-benchmarks")]
mod benchmarks {
	use carechain_primitives::{Moment, ProviderKind};
	use frame_support::traits::fungible::Mutate;
	use frame_system::RawOrigin;

	use crate::{currency::CARE, AccountId, Balances, Runtime};

	/// Funded, registered parties for the consent benchmarks.
	pub struct ConsentParties;
	impl pallet_consent::BenchmarkHelper<AccountId> for ConsentParties {
		fn active_provider(index: u32) -> AccountId {
			let provider: AccountId = frame_benchmarking::account("hospital", index, 0);
			let _ = Balances::set_balance(&provider, 1_000_000 * CARE);
			let _ = pallet_provider_registry::Pallet::<Runtime>::apply(
				RawOrigin::Signed(provider.clone()).into(),
				ProviderKind::Hospital,
				b"Benchmark Hospital".to_vec(),
				*b"GB",
				[0; 32],
			);
			let _ = pallet_provider_registry::Pallet::<Runtime>::approve(
				RawOrigin::Root.into(),
				provider.clone(),
			);
			provider
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
