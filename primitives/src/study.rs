//! Research studies and enrolments (SPEC 3.4): the types stored by the data-rewards pallet and
//! returned by `DataRewardsApi`.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

use crate::{ConsentId, DataCategories, Hash32, Moment};

/// A research study: an institute escrows `reward_per_participant × max_participants` and pays
/// each participant once for a confirmed contribution.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Study<AccountId, Balance> {
	/// The research institute running it (it holds the escrow and the deposit).
	pub institute: AccountId,
	/// The data categories participants share (read only, purpose `HRESCH`).
	pub categories: DataCategories,
	/// What each participant is paid for a confirmed contribution.
	pub reward_per_participant: Balance,
	/// Most participants.
	pub max_participants: u32,
	/// Participants enrolled now (a participant who withdrew after being paid still counts).
	pub participants: u32,
	/// Participants paid.
	pub paid: u32,
	/// Enrolment is open until this instant (unix ms, exclusive).
	pub enrollment_ends_at: Moment,
	/// Research consents end at this instant (unix ms).
	pub data_use_ends_at: Moment,
	/// Hash of the study protocol kept off chain.
	pub protocol_hash: Hash32,
	/// Reward funds still held in escrow: always `reward_per_participant × (max_participants −
	/// paid)`.
	pub escrow: Balance,
	/// The study deposit held until the study is closed.
	pub deposit: Balance,
}

/// A patient's participation in a study.
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
pub struct Enrollment {
	/// The research consent created by enrolling.
	pub consent_id: ConsentId,
	/// Whether the reward was paid.
	pub paid: bool,
}
