//! What the pallet stores for each patient.

use carechain_primitives::{Hash32, Moment};
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::Get, BoundedVec};
use scale_info::TypeInfo;

/// Someone who may act for a patient (a parent, a carer), until `until` if set.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Guardian<AccountId> {
	/// The guardian's account.
	pub account: AccountId,
	/// Unix time (ms) from which the guardian can no longer act; `None`: until removed.
	pub until: Option<Moment>,
}

impl<AccountId> Guardian<AccountId> {
	/// Whether the guardian may act at `now`.
	pub fn is_current(&self, now: Moment) -> bool {
		self.until.is_none_or(|until| now < until)
	}
}

/// A patient's registration. It holds no health data and nothing that identifies the patient
/// without the salt the patient keeps off chain.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxGuardians))]
#[codec(mel_bound(AccountId: MaxEncodedLen, Deposit: MaxEncodedLen))]
pub struct PatientRecord<AccountId, Deposit, MaxGuardians: Get<u32>> {
	/// `blake2_256(salt ++ identifiers)`, computed off chain. Destroying the salt makes it
	/// meaningless (crypto-shredding).
	pub commitment: Hash32,
	/// Who paid the deposit: the patient, or the organisation of the provider that onboarded
	/// the patient.
	pub depositor: AccountId,
	/// The ticket of the deposit held from `depositor` (encoded as the amount held).
	pub deposit: Deposit,
	/// Whether the registration gave the account a `sufficients` reference (onboarding), to be
	/// removed again on deregistration.
	pub sufficient: bool,
	/// Whether emergency ("break-glass") access is allowed (the default).
	pub emergency_access: bool,
	/// The patient's guardians.
	pub guardians: BoundedVec<Guardian<AccountId>, MaxGuardians>,
}

/// How many fee-free calls a patient made on one day.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct DailyUsage {
	/// Days since the unix epoch.
	pub day: u32,
	/// Fee-free calls made that day.
	pub calls: u32,
}

/// The fee-free calls an organisation vouches for: each patient it onboarded brings
/// `FeelessCallsPerDay` a day into the pool, and every fee-free call of those patients is
/// counted here as well as against the patient. A patient who deregisters takes their share of
/// the pool with them but not the calls they made: deregistering and being onboarded again
/// buys no fee-free calls, and nothing kept names the former patient.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct FeelessPool {
	/// Registrations the organisation holds a deposit for.
	pub patients: u32,
	/// Fee-free calls its patients made on `day`.
	pub usage: DailyUsage,
}

impl DailyUsage {
	/// Calls made on `today` (none if the usage is of an earlier day).
	pub fn calls_on(&self, today: u32) -> u32 {
		if self.day == today {
			self.calls
		} else {
			0
		}
	}

	/// Counts one call on `today`, starting the count afresh on a new day.
	pub fn count(&mut self, today: u32) {
		*self = DailyUsage { day: today, calls: self.calls_on(today).saturating_add(1) };
	}
}
