//! Cross-pallet traits: each pallet depends on these behaviours, never on another pallet.

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
}
