//! Patient identity: deposits, guardians and the fee-free quota come from Parameters.

use frame_support::traits::{ConstU32, Contains};

use super::dynamic_params::patients;
use crate::{
	Balances, Claims, Consent, DataRewards, ProviderRegistry, Runtime, RuntimeCall,
	RuntimeHoldReason, Timestamp,
};

/// Hard ceiling of a patient's guardians, whatever the `MaxGuardians` parameter says; bounds the
/// size (and so the deposit) of a registration.
pub const MAX_GUARDIANS_CEILING: u32 = 8;

/// The calls a guardian may make for a patient: decisions about the patient's data (consents,
/// requests, study enrolment), and batches of them (the guardian's origin carries this filter,
/// so every call in a batch is checked too).
///
/// Kept with the patient: the identity calls that would end or change the registration
/// (deregister, guardians, commitment); where study rewards are paid (`set_payout_account`: a
/// guardian could otherwise pay the patient's rewards to themselves); and opting out of
/// emergency access (it can endanger the patient: a guardian may only opt the patient back in).
pub struct GuardianCalls;
impl Contains<RuntimeCall> for GuardianCalls {
	fn contains(call: &RuntimeCall) -> bool {
		use pallet_consent::Call as ConsentCall;
		use pallet_utility::Call as UtilityCall;
		matches!(
			call,
			RuntimeCall::PatientIdentity(pallet_patient_identity::Call::set_emergency_access {
				allowed: true
			}) | RuntimeCall::Consent(
				ConsentCall::grant { .. }
					| ConsentCall::grant_sealed { .. }
					| ConsentCall::revoke { .. }
					| ConsentCall::renew { .. }
					| ConsentCall::approve_request { .. }
					| ConsentCall::deny_request { .. }
			) | RuntimeCall::DataRewards(
				pallet_data_rewards::Call::enroll { .. }
					| pallet_data_rewards::Call::enroll_sealed { .. }
					| pallet_data_rewards::Call::withdraw { .. }
			) | RuntimeCall::Claims(
				pallet_claims::Call::accept_coverage { .. }
					| pallet_claims::Call::decline_coverage { .. }
					| pallet_claims::Call::dispute_claim { .. }
			) | RuntimeCall::Utility(
				UtilityCall::batch { .. }
					| UtilityCall::batch_all { .. }
					| UtilityCall::force_batch { .. }
			)
		)
	}
}

impl pallet_patient_identity::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Providers = ProviderRegistry;
	type GuardianCallFilter = GuardianCalls;
	type Time = Timestamp;
	type Deposit = super::deposits::PatientRegistrationDeposit;
	type MaxGuardians = patients::MaxGuardians;
	type MaxGuardiansCeiling = ConstU32<MAX_GUARDIANS_CEILING>;
	type FeelessCallsPerDay = patients::FeelessCallsPerDay;
	type MaxFeelessWeightPerBlock = super::feeless_calls::MaxFeelessWeightPerBlock;
	type FeelessPrecheck = super::feeless_calls::FeelessCallPrechecks;
	/// DataRewards withdraws the patient from every study (revoking the research consents),
	/// Claims closes the member's coverages (revoking the billing consents; claims stay, as
	/// they name the insurer and the provider), then Consent erases the patient's consents,
	/// requests, access log and anchors.
	type OnPatientDeregistered = (DataRewards, Claims, Consent);
	type WeightInfo = pallet_patient_identity::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_parties::BenchmarkParties;
}
