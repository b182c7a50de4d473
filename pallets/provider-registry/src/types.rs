//! The registration stored for each provider.

use carechain_primitives::{Hash32, Jurisdiction, ProviderKind, ProviderStatus, RegistrationId};
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::Get, BoundedVec};
use scale_info::TypeInfo;

/// A provider's registration.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxNameLength))]
#[codec(mel_bound(Balance: MaxEncodedLen))]
pub struct ProviderInfo<Balance, MaxNameLength: Get<u32>> {
	/// This registration, unique for ever: a provider approved again after leaving the
	/// registry holds a new one, and consents granted under an earlier one permit nothing.
	pub registration: RegistrationId,
	/// What kind of provider it is.
	pub kind: ProviderKind,
	/// Where it stands with the consortium.
	pub status: ProviderStatus,
	/// Public name of the organisation or physician, UTF-8.
	pub name: BoundedVec<u8, MaxNameLength>,
	/// Licensing jurisdiction.
	pub jurisdiction: Jurisdiction,
	/// Hash of the licence credential kept off chain.
	pub license_hash: Hash32,
	/// The deposit held for this registration, returned when it is removed.
	pub deposit: Balance,
	/// How many staff members act under it.
	pub staff_count: u32,
}
