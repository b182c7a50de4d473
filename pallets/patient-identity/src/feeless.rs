//! The transaction extension that counts fee-free patient calls against the daily quota.
//!
//! `SkipCheckIfFeeless` decides, in `validate`, whether a call skips the fee (through the
//! pallet's `#[pallet::feeless_if]` conditions). This extension, placed after it, makes the
//! same decision and, in `prepare`, counts the call. `prepare` runs before dispatch and its
//! writes are kept whatever the call's outcome, so failed fee-free calls use up the quota too:
//! there is no free way to fill blocks.

use codec::{Decode, DecodeWithMemTracking, Encode};
use core::marker::PhantomData;
use frame_support::{
	dispatch::CheckIfFeeless,
	pallet_prelude::{TransactionSource, Weight},
	traits::OriginTrait,
};
use frame_system::pallet_prelude::OriginFor;
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{DispatchInfoOf, DispatchOriginOf, Implication, TransactionExtension, ValidateResult},
	transaction_validity::{TransactionValidityError, ValidTransaction},
};

use crate::{Config, Pallet, WeightInfo};

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
	<T as frame_system::Config>::RuntimeCall: CheckIfFeeless<Origin = OriginFor<T>>,
{
	const IDENTIFIER: &'static str = "CountFeelessCalls";
	type Implicit = ();
	/// The patient whose fee-free call is to be counted, if the call is fee-free.
	type Val = Option<T::AccountId>;
	type Pre = ();

	fn weight(&self, _call: &<T as frame_system::Config>::RuntimeCall) -> Weight {
		// The fee-free check reads the patient and the usage; counting writes the usage.
		<T as Config>::WeightInfo::count_feeless_call()
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<<T as frame_system::Config>::RuntimeCall>,
		call: &<T as frame_system::Config>::RuntimeCall,
		_info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		_len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Implication,
		_source: TransactionSource,
	) -> ValidateResult<Self::Val, <T as frame_system::Config>::RuntimeCall> {
		let counted = if call.is_feeless(&origin) { origin.as_signer().cloned() } else { None };
		Ok((ValidTransaction::default(), counted, origin))
	}

	fn prepare(
		self,
		val: Self::Val,
		_origin: &DispatchOriginOf<<T as frame_system::Config>::RuntimeCall>,
		_call: &<T as frame_system::Config>::RuntimeCall,
		_info: &DispatchInfoOf<<T as frame_system::Config>::RuntimeCall>,
		_len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		if let Some(patient) = val {
			Pallet::<T>::note_feeless_call(&patient);
		}
		Ok(())
	}
}
