//! Values the consortium changes by Council motion, kept by pallet-parameters.
//!
//! Each value is declared once below with its default; pallets read it through the generated
//! `Get` type (for example `dynamic_params::governance::MotionDuration`). A Council majority (or
//! Root) sets a value with `parameters.setParameter`.

use frame_support::dynamic_params::{dynamic_pallet_params, dynamic_params};
use frame_support::traits::AsEnsureOriginWithArg;

use super::governance::RootOrCouncilMajority;
use crate::{Runtime, RuntimeEvent};

/// The runtime's dynamic parameters, grouped by concern.
#[dynamic_params(RuntimeParameters, pallet_parameters::Parameters::<Runtime>)]
pub mod dynamic_params {
	use super::*;
	use crate::{
		currency::{CARE, MILLI_CARE},
		time::DAYS,
		Balance, BlockNumber,
	};
	/// Consent times are wall-clock instants (unix ms), not blocks.
	use carechain_primitives::{Moment, DAY_MS};

	/// Council procedure.
	#[dynamic_pallet_params]
	#[codec(index = 0)]
	pub mod governance {
		/// How many blocks a Council motion stays open for votes (default three days).
		#[codec(index = 0)]
		pub static MotionDuration: BlockNumber = 3 * DAYS;
	}

	/// The provider registry.
	#[dynamic_pallet_params]
	#[codec(index = 1)]
	pub mod providers {
		/// Deposit held for any provider registration.
		#[codec(index = 0)]
		pub static DepositBase: Balance = 10 * CARE;
		/// Deposit held per byte a provider registration stores.
		#[codec(index = 1)]
		pub static DepositPerByte: Balance = 10 * MILLI_CARE;
		/// Deposit an organisation holds for each staff member.
		#[codec(index = 2)]
		pub static StaffDeposit: Balance = CARE;
		/// Most staff members an organisation may have (never above
		/// `configs::providers::MAX_STAFF_CEILING`).
		#[codec(index = 3)]
		pub static MaxStaff: u32 = 256;
		/// The most an organisation pays in fees for one staff member's calls a day: about 300
		/// consent or access-log calls at the current fees.
		#[codec(index = 4)]
		pub static StaffFeeAllowance: Balance = 10 * CARE;
	}

	/// Patient identity.
	#[dynamic_pallet_params]
	#[codec(index = 2)]
	pub mod patients {
		/// Deposit held for any patient registration.
		#[codec(index = 0)]
		pub static DepositBase: Balance = CARE;
		/// Deposit held per byte a patient registration may store.
		#[codec(index = 1)]
		pub static DepositPerByte: Balance = 10 * MILLI_CARE;
		/// Most guardians a patient may have (never above
		/// `configs::patients::MAX_GUARDIANS_CEILING`).
		#[codec(index = 2)]
		pub static MaxGuardians: u32 = 4;
		/// Fee-free calls a patient may make per day.
		#[codec(index = 3)]
		pub static FeelessCallsPerDay: u32 = 20;
	}

	/// Consents.
	#[dynamic_pallet_params]
	#[codec(index = 3)]
	pub mod consent {
		/// Longest a consent may last from its grant (ms; default one year).
		#[codec(index = 0)]
		pub static MaxConsentDuration: Moment = 365 * DAY_MS;
		/// How long an access request waits for the patient's answer (ms; default a week).
		#[codec(index = 1)]
		pub static RequestTtl: Moment = 7 * DAY_MS;
		/// How long an emergency access lasts (ms; default a day, never more).
		#[codec(index = 2)]
		pub static EmergencyAccessWindow: Moment = DAY_MS;
		/// What an unjustified emergency access costs the provider, paid to the patient.
		#[codec(index = 3)]
		pub static EmergencySlash: Balance = 5 * CARE;
		/// Deposit held for any record anchor.
		#[codec(index = 4)]
		pub static AnchorDepositBase: Balance = 10 * MILLI_CARE;
		/// Deposit held per byte a record anchor stores.
		#[codec(index = 5)]
		pub static AnchorDepositPerByte: Balance = MILLI_CARE;
		/// Bond an organisation holds for each emergency access until the Council reviews it.
		#[codec(index = 6)]
		pub static EmergencyBond: Balance = 5 * CARE;
	}

	/// Data-sharing rewards.
	#[dynamic_pallet_params]
	#[codec(index = 4)]
	pub mod rewards {
		/// Deposit an institute holds for each open study.
		#[codec(index = 0)]
		pub static StudyDeposit: Balance = 10 * CARE;
		/// The smallest reward per participant (far above the existential deposit).
		#[codec(index = 1)]
		pub static MinReward: Balance = CARE / 10;
	}

	/// Insurance claims.
	#[dynamic_pallet_params]
	#[codec(index = 5)]
	pub mod claims {
		/// Deposit held for any claim, from the billing organisation until it is closed.
		#[codec(index = 0)]
		pub static ClaimDepositBase: Balance = 100 * MILLI_CARE;
		/// Deposit held for any coverage, from the insurer until it is closed.
		#[codec(index = 1)]
		pub static CoverageDepositBase: Balance = 100 * MILLI_CARE;
		/// Deposit held per byte a claim or a coverage stores.
		#[codec(index = 2)]
		pub static DepositPerByte: Balance = MILLI_CARE;
		/// What an upheld dispute ("service not received") costs the provider, paid to the
		/// member.
		#[codec(index = 3)]
		pub static DisputeSlash: Balance = 5 * CARE;
	}
}

impl pallet_parameters::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeParameters = RuntimeParameters;
	type AdminOrigin = AsEnsureOriginWithArg<RootOrCouncilMajority>;
	type WeightInfo = crate::weights::pallet_parameters::SubstrateWeight<Runtime>;
}

/// Benchmarks of pallet-parameters need a value to set.
#[cfg(feature = "runtime-benchmarks")]
impl Default for RuntimeParameters {
	fn default() -> Self {
		RuntimeParameters::Governance(dynamic_params::governance::Parameters::MotionDuration(
			dynamic_params::governance::MotionDuration,
			Some(crate::time::DAYS),
		))
	}
}
