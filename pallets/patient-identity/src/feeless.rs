//! The transaction extension that counts fee-free patient calls against the daily quota.
//!
//! `SkipCheckIfFeeless` decides, in `validate`, whether a call skips the fee (through the
//! pallet's `#[pallet::feeless_if]` conditions). This extension, placed before it in the
//! runtime's pipeline (so that the weight it gives back is taken off the fee), makes the same
//! decision and then:
//! - refuses, with `InvalidTransaction::Custom(FEELESS_CALL_WOULD_FAIL)`, a fee-free call that
//!   fails the cheap checks of its pallet (an unknown consent, an inactive grantee, an unchanged
//!   setting), so that it never enters the pool or a block;
//! - refuses with `ExhaustsResources` a fee-free call that would take fee-free weight in this
//!   block past `MaxFeelessWeightPerBlock` (block authors try it again in the next block);
//! - in `prepare`, counts the call against the patient's quota and its organisation's pool (a
//!   guardian's fee-free `as_guardian` against its ward's).
//!   `prepare` runs before dispatch and its writes are kept whatever the call's outcome, so a
//!   call that still fails uses up the quota too.

use carechain_primitives::traits::PrecheckFeelessCall as _;
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::marker::PhantomData;
use frame_support::{
	dispatch::{CheckIfFeeless, DispatchInfo, DispatchResult},
	pallet_prelude::{Get, TransactionSource, Weight},
	traits::{IsType, OriginTrait},
};
use frame_system::pallet_prelude::OriginFor;
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{
		DispatchInfoOf, DispatchOriginOf, Dispatchable, Implication, PostDispatchInfoOf,
		TransactionExtension, ValidateResult,
	},
	transaction_validity::{InvalidTransaction, TransactionValidityError, ValidTransaction},
};

use crate::{Config, Pallet, WeightInfo};
use sp_runtime::DispatchError;

/// `InvalidTransaction::Custom` code of a fee-free call refused before the pool because it would
/// fail (its pallet's cheap checks said so): dry-run it (`system_dryRun`) to see the error.
pub const FEELESS_CALL_WOULD_FAIL: u8 =
	carechain_primitives::invalid_transaction::FEELESS_CALL_WOULD_FAIL;

/// Why a call is not let in fee-free, from [`Pallet::feeless_payer`].
#[derive(Clone, Debug, Eq, PartialEq)]
pub enum FeelessRefusal {
	/// The patient has no fee-free call left today (or is not onboarded): the call must pay.
	NoFeelessCallLeft,
	/// The call would fail with this error (its pallet's cheap checks said so).
	WouldFail(DispatchError),
}

/// Counts every fee-free call of a patient (see the module documentation). It carries no data:
/// wallets sign it as an empty extension.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CountFeelessCalls<T>(PhantomData<T>);

impl<T> CountFeelessCalls<T> {
	/// The extension (it has no parameters).
	pub fn new() -> Self {
		Self(PhantomData)
	}
}

impl<T> Default for CountFeelessCalls<T> {
	fn default() -> Self {
		Self::new()
	}
}

impl<T> core::fmt::Debug for CountFeelessCalls<T> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "CountFeelessCalls")
	}
}

impl<T: Config + Send + Sync> TransactionExtension<<T as frame_system::Config>::RuntimeCall>
	for CountFeelessCalls<T>
where
	<T as frame_system::Config>::RuntimeCall:
		CheckIfFeeless<Origin = OriginFor<T>> + Dispatchable<Info = DispatchInfo>,
{
	const IDENTIFIER: &'static str = "CountFeelessCalls";
	type Implicit = ();
	/// The fee-free call to count: the patient, the organisation whose pool pays, its weight.
	type Val = Option<(T::AccountId, T::AccountId, Weight)>;
	/// The weight to give back: this extension's own, for a call that is not fee-free.
	type Pre = Weight;

	fn weight(&self, _call: &<T as frame_system::Config>::RuntimeCall) -> Weight {
		// The quota checks, the pallet's own checks and counting the call, then the checks of
		// other pallets' calls. Given back in full for calls that are not fee-free.
		<T as Config>::WeightInfo::count_feeless_call()
			.saturating_add(T::FeelessPrecheck::max_weight())
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<<T as frame_system::Config>::RuntimeCall>,
		call: &<T as frame_system::Config>::RuntimeCall,
		info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		_len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Implication,
		_source: TransactionSource,
	) -> ValidateResult<Self::Val, <T as frame_system::Config>::RuntimeCall> {
		let Some(signer) = origin.as_signer().filter(|_| call.is_feeless(&origin)) else {
			return Ok((ValidTransaction::default(), None, origin));
		};
		let (patient, organisation) =
			Pallet::<T>::feeless_payer(signer, <T as Config>::RuntimeCall::from_ref(call))
				.map_err(|refusal| match refusal {
					FeelessRefusal::NoFeelessCallLeft => InvalidTransaction::Payment,
					FeelessRefusal::WouldFail(error) => {
						log::debug!(target: crate::LOG_TARGET, "fee-free call refused before the pool: {error:?}");
						InvalidTransaction::Custom(FEELESS_CALL_WOULD_FAIL)
					},
				})?;
		let weight = info.total_weight();
		let block_room = T::MaxFeelessWeightPerBlock::get();
		if !Pallet::<T>::feeless_weight_this_block().saturating_add(weight).all_lte(block_room) {
			return Err(InvalidTransaction::ExhaustsResources.into());
		}
		let counted = Some((patient, organisation, weight));
		Ok((ValidTransaction::default(), counted, origin))
	}

	fn prepare(
		self,
		val: Self::Val,
		_origin: &DispatchOriginOf<<T as frame_system::Config>::RuntimeCall>,
		call: &<T as frame_system::Config>::RuntimeCall,
		_info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		_len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		match val {
			Some((patient, organisation, weight)) => {
				Pallet::<T>::note_feeless_call(&patient, &organisation);
				Pallet::<T>::note_feeless_weight(weight);
				Ok(Weight::zero())
			},
			None => Ok(self.weight(call)),
		}
	}

	fn post_dispatch_details(
		unspent: Self::Pre,
		_info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		_post_info: &PostDispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		_len: usize,
		_result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		Ok(unspent)
	}
}
