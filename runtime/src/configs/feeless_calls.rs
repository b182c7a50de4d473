//! Fee-free patient calls: how much of a block they may take, and the cheap checks that keep a
//! call that would fail out of the pool (`pallet_patient_identity::CountFeelessCalls`).

use carechain_primitives::traits::PrecheckFeelessCall;
use frame_support::{parameter_types, weights::Weight};
use sp_runtime::{DispatchResult, Perbill};

use super::system::{share_of, MAXIMUM_BLOCK_WEIGHT};
use crate::{AccountId, Claims, Consent, DataRewards, Runtime, RuntimeCall};

parameter_types! {
	/// Fee-free calls take at most a quarter of a block (0.5 s of the 2 s), all patients
	/// together: a third of the normal class, so paying transactions always find room.
	pub MaxFeelessWeightPerBlock: Weight = share_of(Perbill::from_percent(25), MAXIMUM_BLOCK_WEIGHT);
}

/// Sends a fee-free call to the checks of its pallet (the patient identity pallet checks its
/// own calls itself).
pub struct FeelessCallPrechecks;

impl PrecheckFeelessCall<AccountId, RuntimeCall> for FeelessCallPrechecks {
	fn precheck(signer: &AccountId, call: &RuntimeCall) -> DispatchResult {
		match call {
			RuntimeCall::Consent(call) => Consent::precheck_feeless(signer, call),
			RuntimeCall::DataRewards(call) => DataRewards::precheck_feeless(signer, call),
			RuntimeCall::Claims(call) => Claims::precheck_feeless(signer, call),
			_ => Ok(()),
		}
	}

	fn max_weight() -> Weight {
		use pallet_claims::WeightInfo as _;
		use pallet_consent::WeightInfo as _;
		use pallet_data_rewards::WeightInfo as _;
		<Runtime as pallet_consent::Config>::WeightInfo::precheck_feeless()
			.max(<Runtime as pallet_data_rewards::Config>::WeightInfo::precheck_feeless())
			.max(<Runtime as pallet_claims::Config>::WeightInfo::precheck_feeless())
	}
}
