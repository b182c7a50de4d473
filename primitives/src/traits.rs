//! Cross-pallet traits: each pallet depends on these behaviours, never on another pallet.

use sp_runtime::Weight;

use crate::ProviderKind;

/// What other pallets need to know of the provider registry.
pub trait ProviderRegistry<AccountId> {
	/// If `who` is an active provider, or a staff member of an active organisation: the kind of
	/// that provider and the account of the organisation (the provider itself when `who` is the
	/// provider). `None` for anyone else, and for suspended or pending providers and their staff.
	fn active_provider(who: &AccountId) -> Option<(ProviderKind, AccountId)>;
}

/// What other pallets need to know of patient identities.
pub trait PatientRegistry<AccountId> {
	/// Whether `who` is a registered patient.
	fn is_patient(who: &AccountId) -> bool;

	/// Whether `patient` allows emergency ("break-glass") access; `false` for a non-patient.
	fn emergency_access_allowed(patient: &AccountId) -> bool;
}

/// Called when a patient deregisters (right to erasure), so that other pallets remove what they
/// hold for the patient (consents, study enrolments, record anchors) without the identity pallet
/// depending on them.
pub trait OnPatientDeregistered<AccountId> {
	/// Removes everything held for `patient`; returns the weight consumed.
	fn on_patient_deregistered(patient: &AccountId) -> Weight;

	/// The most weight `on_patient_deregistered` can consume, charged up front.
	fn max_weight() -> Weight;
}

/// Nothing else to clean up.
impl<AccountId> OnPatientDeregistered<AccountId> for () {
	fn on_patient_deregistered(_: &AccountId) -> Weight {
		Weight::zero()
	}

	fn max_weight() -> Weight {
		Weight::zero()
	}
}

/// A registry in which nobody is registered, for pallets configured without one.
impl<AccountId> ProviderRegistry<AccountId> for () {
	fn active_provider(_: &AccountId) -> Option<(ProviderKind, AccountId)> {
		None
	}
}

/// A registry in which nobody is registered, for pallets configured without one.
impl<AccountId> PatientRegistry<AccountId> for () {
	fn is_patient(_: &AccountId) -> bool {
		false
	}

	fn emergency_access_allowed(_: &AccountId) -> bool {
		false
	}
}
