//! Storage deposits, priced in one way: `base + per_byte × bytes` of the footprint
//! (`LinearStoragePrice`), both values set by the Council in Parameters. Patient registrations
//! and record anchors are `HoldConsideration` tickets held under their pallet's hold reason; a
//! ticket keeps the amount it held when the Council later changes the price.
//!
//! A provider's registration deposit is priced the same way but held by the provider registry
//! itself: it is also the bond an unjustified emergency access is partly paid from, and a
//! `Consideration` ticket can only be dropped or burnt whole.

use frame_support::{
	parameter_types,
	traits::{fungible::HoldConsideration, LinearStoragePrice},
};

use super::dynamic_params::{claims, consent, patients, providers};
use crate::{AccountId, Balance, Balances, RuntimeHoldReason};

parameter_types! {
	/// The hold reason of patient registration deposits.
	pub const PatientDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::PatientIdentity(pallet_patient_identity::HoldReason::PatientDeposit);
	/// The hold reason of record anchor deposits.
	pub const AnchorDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Consent(pallet_consent::HoldReason::AnchorDeposit);
	/// The hold reason of claim deposits.
	pub const ClaimDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Claims(pallet_claims::HoldReason::ClaimDeposit);
	/// The hold reason of coverage deposits.
	pub const CoverageDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Claims(pallet_claims::HoldReason::CoverageDeposit);
}

/// The price of a patient registration.
pub type PatientRegistrationPrice =
	LinearStoragePrice<patients::DepositBase, patients::DepositPerByte, Balance>;
/// The deposit of a patient registration, held from the patient or the onboarding organisation.
pub type PatientRegistrationDeposit =
	HoldConsideration<AccountId, Balances, PatientDepositReason, PatientRegistrationPrice>;

/// The price of a record anchor.
pub type RecordAnchorPrice =
	LinearStoragePrice<consent::AnchorDepositBase, consent::AnchorDepositPerByte, Balance>;
/// The deposit of a record anchor, held from the organisation whose staff wrote the record.
pub type RecordAnchorDeposit =
	HoldConsideration<AccountId, Balances, AnchorDepositReason, RecordAnchorPrice>;

/// The price of a claim.
pub type ClaimPrice = LinearStoragePrice<claims::ClaimDepositBase, claims::DepositPerByte, Balance>;
/// The deposit of a claim, held from the billing organisation until the claim is closed.
pub type ClaimDeposit = HoldConsideration<AccountId, Balances, ClaimDepositReason, ClaimPrice>;

/// The price of a coverage.
pub type CoveragePrice =
	LinearStoragePrice<claims::CoverageDepositBase, claims::DepositPerByte, Balance>;
/// The deposit of a coverage, held from the insurer until the coverage is closed.
pub type CoverageDeposit =
	HoldConsideration<AccountId, Balances, CoverageDepositReason, CoveragePrice>;

/// The price of a provider registration.
pub type ProviderRegistrationPrice =
	LinearStoragePrice<providers::DepositBase, providers::DepositPerByte, Balance>;
