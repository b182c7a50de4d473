//! What a patient (or a current guardian) reads of a registration: `PatientIdentityApi::patient`,
//! served by the node's party-signed `patient_get`.

use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

use crate::Moment;

/// A registration as its patient sees it. It carries no identity commitment and no
/// depositor: the patient's app has the one, and the other would name the organisation that
/// onboarded the pseudonym to whoever learns the answer.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub struct PatientView<AccountId> {
	/// Whether an organisation onboarded the patient (its calls are fee-free within the quota).
	pub onboarded: bool,
	/// Whether emergency ("break-glass") access is allowed.
	pub emergency_access: bool,
	/// The guardians and the end of each appointment (`None`: until removed).
	pub guardians: Vec<(AccountId, Option<Moment>)>,
	/// Fee-free calls the patient made today.
	pub feeless_calls_today: u32,
	/// Fee-free calls a day (`FeelessCallsPerDay`); 0 for a patient not onboarded.
	pub feeless_calls_per_day: u32,
	/// Whether the onboarding organisation's pool still pays for a call today (its patients
	/// share it); false for a patient not onboarded.
	pub pool_open: bool,
}
