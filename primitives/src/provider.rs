//! Providers (SPEC 3.1): who they are, their standing, and the view clients read.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

use crate::{Hash32, Jurisdiction};

/// Identifies one registration of a provider: a provider that leaves the registry and is
/// approved again holds a new one. Consents are bound to the registration they were granted
/// under.
pub type RegistrationId = u32;

/// The kind of a registered provider.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum ProviderKind {
	/// A hospital (clinical organisation).
	Hospital,
	/// A clinic or practice (clinical organisation).
	Clinic,
	/// An individual physician (clinical, has no staff).
	Physician,
	/// A diagnostic laboratory.
	Laboratory,
	/// A pharmacy.
	Pharmacy,
	/// An insurer.
	Insurer,
	/// A research institute: may run studies.
	ResearchInstitute,
	/// A drug manufacturer: registers products under its GS1 company prefixes and commissions
	/// serialised batches.
	Manufacturer,
	/// A wholesale distributor: receives, ships and verifies saleable returns.
	Distributor,
}

impl ProviderKind {
	/// Clinical kinds may invoke emergency ("break-glass") access.
	pub const fn is_clinical(self) -> bool {
		matches!(self, Self::Hospital | Self::Clinic | Self::Physician)
	}

	/// Organisation kinds may have staff: every kind but `Physician`.
	pub const fn is_organisation(self) -> bool {
		!matches!(self, Self::Physician)
	}
}

/// Where a provider stands with the consortium.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum ProviderStatus {
	/// Applied (or changed its licence) and awaits the Council's approval.
	Pending,
	/// Approved: it and its staff pass consent checks.
	Active,
	/// Suspended by the Council: neither it nor its staff pass any consent check.
	Suspended,
}

/// Why the Council suspended a provider. A closed list: a suspension never carries free text,
/// which could end up describing a patient.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum SuspensionReason {
	/// The licence lapsed or was withdrawn by the licensing body.
	LicenceLapsed,
	/// A compliance or audit finding against the provider.
	ComplianceFinding,
	/// Misuse of access to patients' data (for example unjustified emergency access).
	MisuseOfAccess,
	/// A security incident at the provider (for example compromised keys).
	SecurityIncident,
	/// The provider asked to be suspended.
	RequestedByProvider,
	/// Any other reason, documented off chain by the consortium.
	Other,
}

/// How an account relates to the provider registry.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub enum ProviderRole<AccountId> {
	/// The account is itself a registered provider.
	Provider,
	/// The account is a practitioner acting under this organisation.
	Staff {
		/// The organisation the practitioner acts for.
		organisation: AccountId,
	},
}

/// What the `ProviderRegistryApi` reports of an account: the provider itself, or for a staff
/// member their organisation's registration and standing.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct ProviderView<AccountId, Balance> {
	/// The account asked about.
	pub account: AccountId,
	/// Whether it is the provider or staff of one.
	pub role: ProviderRole<AccountId>,
	/// The provider's (for staff: the organisation's) kind.
	pub kind: ProviderKind,
	/// The provider's (for staff: the organisation's) status.
	pub status: ProviderStatus,
	/// Public name of the organisation or physician.
	pub name: alloc::string::String,
	/// Licensing jurisdiction.
	pub jurisdiction: Jurisdiction,
	/// Hash of the licence credential kept off chain.
	pub license_hash: Hash32,
	/// Number of staff members of the provider.
	pub staff_count: u32,
	/// Deposit held for the registration.
	pub deposit: Balance,
}

impl<AccountId, Balance> ProviderView<AccountId, Balance> {
	/// Whether the account passes as an active provider (itself or through its organisation).
	pub fn is_active(&self) -> bool {
		self.status == ProviderStatus::Active
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn clinical_and_organisation_kinds_match_the_spec() {
		use ProviderKind::*;
		let table = [
			(Hospital, true, true),
			(Clinic, true, true),
			(Physician, true, false),
			(Laboratory, false, true),
			(Pharmacy, false, true),
			(Insurer, false, true),
			(ResearchInstitute, false, true),
			(Manufacturer, false, true),
			(Distributor, false, true),
		];
		for (kind, clinical, organisation) in table {
			assert_eq!(kind.is_clinical(), clinical, "{kind:?}");
			assert_eq!(kind.is_organisation(), organisation, "{kind:?}");
		}
	}
}
