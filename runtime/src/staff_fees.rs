//! `ChargeStaffFeesToOrganisation`: a clinic's staff never hold tokens, their organisation pays.
//!
//! The fee of a staff member's call in their role (asking a patient for consent, break-glass,
//! logging an access, onboarding a patient, confirming a study contribution, every traceability call) is withdrawn from
//! the organisation they act under, up to the Council's `StaffFeeAllowance` per staff member and
//! day; past it, or for any other call, the staff member pays as anyone does. The organisation
//! sees what each staff member spent (`ProviderRegistry::StaffFeesPaid` and the
//! `StaffFeeCharged` event).
//!
//! It wraps the runtime's fee extension (`SkipCheckIfFeeless<ChargeTransactionPayment>`) and
//! hands it the organisation's signed origin in place of the staff member's, so the fee, the
//! refund of unused weight and `TransactionFeePaid` all concern the organisation, while every
//! later extension and the call itself still see the staff member. It is invisible from
//! outside: same identifier, same encoding, same metadata as the extension it wraps, so wallets
//! sign it as `ChargeTransactionPayment`.

use codec::{Decode, DecodeWithMemTracking, Encode};
use frame_support::{
	dispatch::DispatchResult, pallet_prelude::TransactionSource, traits::Contains, weights::Weight,
};
use scale_info::{StaticTypeInfo, Type, TypeInfo};
use sp_runtime::{
	traits::{
		DispatchInfoOf, DispatchOriginOf, Implication, PostDispatchInfoOf, TransactionExtension,
		TransactionExtensionMetadata, ValidateResult,
	},
	transaction_validity::TransactionValidityError,
};

use crate::{AccountId, Balance, ProviderRegistry, Runtime, RuntimeCall, RuntimeOrigin};

/// The calls a staff member makes in their role, whose fees their organisation pays.
pub struct StaffCalls;

impl Contains<RuntimeCall> for StaffCalls {
	fn contains(call: &RuntimeCall) -> bool {
		use pallet_consent::Call as ConsentCall;
		matches!(
			call,
			RuntimeCall::Consent(
				ConsentCall::request_access { .. }
					| ConsentCall::request_access_sealed { .. }
					| ConsentCall::emergency_access { .. }
					| ConsentCall::emergency_access_sealed { .. }
					| ConsentCall::record_access { .. }
					| ConsentCall::record_sealed_access { .. }
			) | RuntimeCall::PatientIdentity(pallet_patient_identity::Call::onboard { .. })
				| RuntimeCall::DataRewards(pallet_data_rewards::Call::confirm_contribution { .. })
				// A biller's claims and a claims clerk's coverages and answers.
				| RuntimeCall::Claims(
					pallet_claims::Call::register_coverage { .. }
						| pallet_claims::Call::submit_claim { .. }
						| pallet_claims::Call::adjudicate { .. }
						| pallet_claims::Call::appeal { .. }
						| pallet_claims::Call::reverse { .. }
						| pallet_claims::Call::escalate { .. }
						| pallet_claims::Call::void_claim { .. }
						| pallet_claims::Call::close_coverage { .. }
				)
				// Every traceability call a staff member can make is a role call: a
				// pharmacist's dispense, a warehouse clerk's shipment or receipt.
				| RuntimeCall::Traceability(_)
		)
	}
}

/// Who pays for a staff call: the organisation, the staff member, and the fee it was charged.
type StaffPayment = Option<(AccountId, AccountId, Balance)>;

/// Charges a staff member's role calls to their organisation (see the module documentation).
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, Debug)]
pub struct ChargeStaffFeesToOrganisation<S>(pub S);

/// Described as the extension it wraps.
impl<S: StaticTypeInfo> TypeInfo for ChargeStaffFeesToOrganisation<S> {
	type Identity = S;

	fn type_info() -> Type {
		S::type_info()
	}
}

/// The fee extension of this runtime, as wallets sign it.
type FeeExtension = pallet_skip_feeless_payment::SkipCheckIfFeeless<
	Runtime,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
>;

impl ChargeStaffFeesToOrganisation<FeeExtension> {
	/// The extension with `tip`.
	pub fn from(tip: Balance) -> Self {
		Self(pallet_transaction_payment::ChargeTransactionPayment::from(tip).into())
	}

	/// The organisation that pays for this transaction, if `origin` is a staff member making
	/// a role call within today's allowance.
	fn staff_payment(
		&self,
		origin: &RuntimeOrigin,
		call: &RuntimeCall,
		info: &DispatchInfoOf<RuntimeCall>,
		len: usize,
	) -> StaffPayment {
		use frame_support::traits::OriginTrait;
		let staff = origin.as_signer().filter(|_| StaffCalls::contains(call))?;
		let tip = self.0 .0.tip();
		let length = u32::try_from(len).unwrap_or(u32::MAX);
		let fee = pallet_transaction_payment::Pallet::<Runtime>::compute_fee(length, info, tip);
		let organisation = ProviderRegistry::staff_fee_payer(staff, fee)?;
		Some((organisation, staff.clone(), fee))
	}
}

/// The origin the fee extension sees: the organisation's when it pays.
fn payer_origin(origin: &RuntimeOrigin, payment: &StaffPayment) -> RuntimeOrigin {
	match payment {
		Some((organisation, _, _)) => RuntimeOrigin::signed(organisation.clone()),
		None => origin.clone(),
	}
}

impl TransactionExtension<RuntimeCall> for ChargeStaffFeesToOrganisation<FeeExtension> {
	const IDENTIFIER: &'static str = FeeExtension::IDENTIFIER;
	type Implicit = <FeeExtension as TransactionExtension<RuntimeCall>>::Implicit;
	type Val = (<FeeExtension as TransactionExtension<RuntimeCall>>::Val, StaffPayment);
	type Pre = <FeeExtension as TransactionExtension<RuntimeCall>>::Pre;

	fn metadata() -> alloc::vec::Vec<TransactionExtensionMetadata> {
		FeeExtension::metadata()
	}

	fn implicit(&self) -> Result<Self::Implicit, TransactionValidityError> {
		self.0.implicit()
	}

	fn weight(&self, call: &RuntimeCall) -> Weight {
		use pallet_provider_registry::WeightInfo as _;
		let fee = self.0.weight(call);
		if StaffCalls::contains(call) {
			fee.saturating_add(
				<Runtime as pallet_provider_registry::Config>::WeightInfo::charge_staff_fee(),
			)
		} else {
			fee
		}
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<RuntimeCall>,
		call: &RuntimeCall,
		info: &DispatchInfoOf<RuntimeCall>,
		len: usize,
		self_implicit: Self::Implicit,
		inherited_implication: &impl Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, RuntimeCall> {
		let payment = self.staff_payment(&origin, call, info, len);
		let (valid, inner, _) = self.0.validate(
			payer_origin(&origin, &payment),
			call,
			info,
			len,
			self_implicit,
			inherited_implication,
			source,
		)?;
		Ok((valid, (inner, payment), origin))
	}

	fn prepare(
		self,
		(inner, payment): Self::Val,
		origin: &DispatchOriginOf<RuntimeCall>,
		call: &RuntimeCall,
		info: &DispatchInfoOf<RuntimeCall>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		let pre = self.0.prepare(inner, &payer_origin(origin, &payment), call, info, len)?;
		if let Some((organisation, staff, fee)) = payment {
			ProviderRegistry::note_staff_fee(&organisation, &staff, fee);
		}
		Ok(pre)
	}

	fn post_dispatch_details(
		pre: Self::Pre,
		info: &DispatchInfoOf<RuntimeCall>,
		post_info: &PostDispatchInfoOf<RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		FeeExtension::post_dispatch_details(pre, info, post_info, len, result)
	}
}
