//! The provider registry: deposits and limits come from Parameters, decisions from the Council.

use frame_support::traits::ConstU32;

use super::{dynamic_params::providers, governance::RootOrCouncilMajority};
use crate::{Balances, Runtime, RuntimeHoldReason};

/// Hard ceiling of the staff of one organisation, whatever the `MaxStaff` parameter says; bounds
/// the weight of `retire` and `reject`.
pub const MAX_STAFF_CEILING: u32 = 1_024;

impl pallet_provider_registry::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// Root or more than half of the Council.
	type ApproveOrigin = RootOrCouncilMajority;
	type DepositPrice = super::deposits::ProviderRegistrationPrice;
	type StaffDeposit = providers::StaffDeposit;
	type MaxNameLength = ConstU32<128>;
	type MaxStaff = providers::MaxStaff;
	type MaxStaffCeiling = ConstU32<MAX_STAFF_CEILING>;
	/// A provider cannot retire while an emergency access made for it awaits review.
	type EmergencyReviews = crate::Consent;
	type StaffFeeAllowance = providers::StaffFeeAllowance;
	type Time = crate::Timestamp;
	type WeightInfo = pallet_provider_registry::weights::SubstrateWeight<Runtime>;
}
