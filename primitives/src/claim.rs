//! Insurance claims (issue 20): plans, coverages, claims and their adjudication, the types the
//! claims pallet stores and `ClaimsApi` returns. None carries health data: a claim is amounts,
//! days, codes and hashes; the diagnosis and procedures stay in the FHIR Claim whose salted hash
//! is on chain.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::ConstU32, BoundedVec};
use scale_info::TypeInfo;

use crate::{ConsentId, Hash32, Moment, DAY_MS};

/// Identifies a coverage; assigned sequentially, never reused.
pub type CoverageId = u64;
/// Identifies a claim (or a prior-authorisation request); assigned sequentially, never reused.
pub type ClaimId = u64;
/// Identifies one of an insurer's plans; chosen by the insurer.
pub type PlanId = u32;
/// The most adjustment reasons one adjudication gives.
pub const MAX_ADJUSTMENTS: u32 = 4;

pub use crate::trace::{day_of, Day};

/// The first instant (unix ms) of `day`.
pub fn start_of(day: Day) -> Moment {
	Moment::from(day).saturating_mul(DAY_MS)
}

bit_set! {
	/// Where a service is given (a coarse X12 place-of-service class): plans name the settings
	/// that need prior authorisation. It says nothing of what the service treats.
	flag ServiceSetting;
	/// The settings a call names.
	list ServiceSettingList;
	/// A set of service settings (`u8` bit set).
	set ServiceSettings(u8) {
		/// An outpatient visit or procedure.
		Outpatient = 0 => "outpatient",
		/// An inpatient stay.
		Inpatient = 1 => "inpatient",
		/// Emergency care.
		Emergency = 2 => "emergency",
		/// Laboratory tests.
		Laboratory = 3 => "laboratory",
		/// Imaging.
		Imaging = 4 => "imaging",
		/// Dispensed medication.
		Pharmacy = 5 => "pharmacy",
		/// Care at home.
		Home = 6 => "home",
	}
}

/// A plan's terms: only the non-clinical rules the runtime enforces (FHIR InsurancePlan).
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
pub struct PlanTerms<Balance> {
	/// A claim is filed no later than this many days after its service date (CARC 29).
	pub filing_limit_days: u32,
	/// The most one claim may bill (CARC 45).
	pub per_claim_cap: Balance,
	/// The most the plan pays over one coverage period (CARC 119).
	pub coverage_cap: Balance,
	/// Settings whose claims need an approved prior authorisation (CARC 197).
	pub prior_authorisation: ServiceSettings,
	/// The insurer adjudicates within this many days of submission; after that the provider
	/// may escalate to the Council.
	pub prompt_pay_days: u32,
	/// The provider may appeal within this many days of an adjudication.
	pub appeal_window_days: u32,
}

/// A patient's coverage under an insurer's plan (FHIR Coverage), named by the patient's
/// insurer pseudonym only.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Coverage<AccountId, Balance, Deposit> {
	/// The insurer (the organisation: it holds the deposit and pays).
	pub insurer: AccountId,
	/// The patient's insurer pseudonym.
	pub member: AccountId,
	/// The insurer's plan.
	pub plan: PlanId,
	/// First covered day.
	pub starts_on: Day,
	/// Last covered day.
	pub ends_on: Day,
	/// Salted hash of the member id printed on the insurance card.
	pub member_id_hash: Hash32,
	/// The `HPAYMT` Billing consent the member granted by accepting; `None` until accepted.
	pub billing_consent: Option<ConsentId>,
	/// What the plan has paid under this coverage (against `coverage_cap`).
	pub paid: Balance,
	/// Claims of this coverage not closed yet.
	pub open_claims: u32,
	/// The coverage's storage deposit, held from the insurer.
	pub deposit: Deposit,
}

/// Whether a claim asks for payment or for prior authorisation (FHIR `Claim.use`).
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
pub enum ClaimUse {
	/// A claim for payment of a service given.
	Claim,
	/// A request to authorise a planned service; its adjudication pays nothing and its
	/// `payable` is the amount authorised.
	Preauthorization,
}

impl ClaimUse {
	/// Every use.
	pub const ALL: [Self; 2] = [Self::Claim, Self::Preauthorization];

	/// The wire name: the FHIR `Claim.use` code (`claim`, `preauthorization`).
	pub const fn name(self) -> &'static str {
		match self {
			Self::Claim => "claim",
			Self::Preauthorization => "preauthorization",
		}
	}

	/// The use of a wire name, if any.
	pub fn from_name(name: &str) -> Option<Self> {
		Self::ALL.into_iter().find(|item| item.name() == name)
	}
}

/// Where a claim stands (X12 277 / 835 claim status, simplified).
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
pub enum ClaimStatus {
	/// Submitted, awaiting the insurer.
	Submitted,
	/// Adjudicated (by the insurer, or by the Council after an escalation).
	Adjudicated,
	/// Appealed by the provider, awaiting the insurer again.
	Appealed,
	/// The insurer missed its prompt-pay deadline; awaiting the Council.
	Escalated,
	/// Reversed (X12 CLP02 22): what was paid went back to the insurer.
	Reversed,
}

impl ClaimStatus {
	/// Every status.
	pub const ALL: [Self; 5] =
		[Self::Submitted, Self::Adjudicated, Self::Appealed, Self::Escalated, Self::Reversed];

	/// The wire name (RPC).
	pub const fn name(self) -> &'static str {
		match self {
			Self::Submitted => "submitted",
			Self::Adjudicated => "adjudicated",
			Self::Appealed => "appealed",
			Self::Escalated => "escalated",
			Self::Reversed => "reversed",
		}
	}

	/// The status of a wire name, if any.
	pub fn from_name(name: &str) -> Option<Self> {
		Self::ALL.into_iter().find(|item| item.name() == name)
	}

	/// Whether the insurer (or the Council) still owes an answer.
	pub const fn awaits_answer(self) -> bool {
		matches!(self, Self::Submitted | Self::Appealed | Self::Escalated)
	}
}

/// The insurer's decision (FHIR `ClaimResponse.outcome` / X12 CLP02).
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
pub enum Outcome {
	/// Paid as billed (less the patient's share).
	Approved,
	/// Paid in part: at least one adjustment says why.
	Partial,
	/// Nothing paid: at least one adjustment says why.
	Denied,
}

impl Outcome {
	/// Every outcome.
	pub const ALL: [Self; 3] = [Self::Approved, Self::Partial, Self::Denied];

	/// The wire name: the FHIR R5 `claim-decision` code (`approved`, `partial`, `denied`).
	pub const fn name(self) -> &'static str {
		match self {
			Self::Approved => "approved",
			Self::Partial => "partial",
			Self::Denied => "denied",
		}
	}

	/// The outcome of a wire name, if any.
	pub fn from_name(name: &str) -> Option<Self> {
		Self::ALL.into_iter().find(|item| item.name() == name)
	}
}

/// Who an adjustment is assigned to (X12 CAS01 group code).
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
pub enum AdjustmentGroup {
	/// CO: contractual obligation, the provider writes it off.
	ContractualObligation,
	/// PR: patient responsibility.
	PatientResponsibility,
	/// OA: other adjustment.
	OtherAdjustment,
	/// PI: payer-initiated reduction.
	PayerInitiated,
}

impl AdjustmentGroup {
	/// Every group.
	pub const ALL: [Self; 4] = [
		Self::ContractualObligation,
		Self::PatientResponsibility,
		Self::OtherAdjustment,
		Self::PayerInitiated,
	];

	/// The group of an X12 group code, if any.
	pub fn from_code(code: &str) -> Option<Self> {
		Self::ALL.into_iter().find(|item| item.code() == code)
	}

	/// The X12 group code.
	pub const fn code(self) -> &'static str {
		match self {
			Self::ContractualObligation => "CO",
			Self::PatientResponsibility => "PR",
			Self::OtherAdjustment => "OA",
			Self::PayerInitiated => "PI",
		}
	}
}

/// The claim adjustment reason codes (X12 CARC) the chain accepts: a closed list, so that an
/// unknown code is a decoding error and never stored. Each encodes as its CARC number.
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
pub enum Carc {
	/// 1: deductible amount.
	#[codec(index = 1)]
	Deductible,
	/// 2: coinsurance amount.
	#[codec(index = 2)]
	Coinsurance,
	/// 3: co-payment amount.
	#[codec(index = 3)]
	Copayment,
	/// 16: the claim lacks information or has billing errors (for example anchors that do not
	/// open, or were written by another organisation).
	#[codec(index = 16)]
	LacksInformation,
	/// 18: exact duplicate claim or service.
	#[codec(index = 18)]
	Duplicate,
	/// 26: expenses incurred before coverage.
	#[codec(index = 26)]
	BeforeCoverage,
	/// 27: expenses incurred after coverage ended.
	#[codec(index = 27)]
	AfterCoverage,
	/// 29: the time limit for filing has expired.
	#[codec(index = 29)]
	FilingLimit,
	/// 45: charge exceeds the fee schedule or maximum allowable.
	#[codec(index = 45)]
	FeeSchedule,
	/// 96: non-covered charge.
	#[codec(index = 96)]
	NonCovered,
	/// 109: not covered by this payer.
	#[codec(index = 109)]
	WrongPayer,
	/// 119: benefit maximum for this period has been reached.
	#[codec(index = 119)]
	BenefitMaximum,
	/// 197: precertification / authorisation absent.
	#[codec(index = 197)]
	NoAuthorization,
	/// 198: precertification / authorisation exceeded.
	#[codec(index = 198)]
	AuthorizationExceeded,
	/// 204: not covered under the patient's current benefit plan.
	#[codec(index = 204)]
	NotInBenefitPlan,
}

impl Carc {
	/// The CARC number.
	pub fn code(self) -> u8 {
		self.encode().first().copied().unwrap_or_default()
	}

	/// The CARC of a number, if the chain accepts it.
	pub fn from_code(code: u8) -> Option<Self> {
		Self::decode(&mut &[code][..]).ok()
	}
}

/// The remittance advice remark codes (X12 RARC) the chain accepts: a closed list.
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
pub enum Rarc {
	/// M62: missing, incomplete or invalid treatment authorisation code.
	M62,
	/// MA130: the claim is unprocessable: incomplete or invalid information.
	MA130,
	/// N30: patient ineligible for this service.
	N30,
	/// N54: claim information inconsistent with the authorised services.
	N54,
	/// N130: consult plan benefit documents for coverage.
	N130,
	/// N381: consult the contractual agreement for payment information.
	N381,
}

impl Rarc {
	/// Every remark the chain accepts.
	pub const ALL: [Self; 6] =
		[Self::M62, Self::MA130, Self::N30, Self::N54, Self::N130, Self::N381];

	/// The remark of an RARC code, if the chain accepts it.
	pub fn from_code(code: &str) -> Option<Self> {
		Self::ALL.into_iter().find(|item| item.code() == code)
	}

	/// The RARC code.
	pub const fn code(self) -> &'static str {
		match self {
			Self::M62 => "M62",
			Self::MA130 => "MA130",
			Self::N30 => "N30",
			Self::N54 => "N54",
			Self::N130 => "N130",
			Self::N381 => "N381",
		}
	}
}

/// One reason for paying less than billed (an X12 CAS segment without its amount: the amounts
/// are the adjudication's split).
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
pub struct Adjustment {
	/// Who bears it.
	pub group: AdjustmentGroup,
	/// The reason.
	pub reason: Carc,
	/// A remark, if any.
	pub remark: Option<Rarc>,
}

/// The adjustments of one adjudication.
pub type Adjustments = BoundedVec<Adjustment, ConstU32<MAX_ADJUSTMENTS>>;

/// An adjudication: the split of what was billed (FHIR ClaimResponse / ExplanationOfBenefit
/// totals).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Adjudication<Balance> {
	/// The decision.
	pub outcome: Outcome,
	/// What the insurer pays (for a prior authorisation: the amount authorised).
	pub payable: Balance,
	/// What the patient owes the provider.
	pub patient_share: Balance,
	/// Why less than billed is paid.
	pub adjustments: Adjustments,
	/// When it was made (unix ms).
	pub at: Moment,
	/// Whether the Council made it (after an escalation) rather than the insurer.
	pub by_council: bool,
}

/// What a provider's claim asks (the argument of `submit_claim`): the FHIR Claim's
/// non-clinical header, and commitments to the rest.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct ClaimTerms<Balance> {
	/// Payment or prior authorisation.
	pub claim_use: ClaimUse,
	/// Where the service is given.
	pub setting: ServiceSetting,
	/// The day of service (the planned day, for a prior authorisation).
	pub service_date: Day,
	/// What is billed.
	pub amount: Balance,
	/// Salted hash of the FHIR Claim / 837 kept off chain.
	pub claim_hash: Hash32,
	/// Commitment to the record anchors billed for (see [`service_commitment`]).
	pub service_commitment: Hash32,
	/// The duplicate key (see [`duplicate_key`]).
	pub duplicate_key: Hash32,
	/// The approved prior authorisation relied on.
	pub prior_authorisation: Option<ClaimId>,
}

/// A claim (FHIR Claim / X12 837) as the chain keeps it: who, when, how much, and commitments
/// to what.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Claim<AccountId, Balance, Deposit> {
	/// The coverage billed.
	pub coverage: CoverageId,
	/// The coverage's plan (its terms when the claim is answered or appealed).
	pub plan: PlanId,
	/// The coverage's insurer (kept, so that the claim outlives its member's erasure).
	pub insurer: AccountId,
	/// The billing organisation (it holds the deposit and is paid).
	pub organisation: AccountId,
	/// Who submitted it (the organisation or its staff).
	pub submitter: AccountId,
	/// Payment or prior authorisation.
	pub claim_use: ClaimUse,
	/// Where the service is given.
	pub setting: ServiceSetting,
	/// The day of service (for a prior authorisation: the planned day).
	pub service_date: Day,
	/// What is billed.
	pub amount: Balance,
	/// Salted hash of the FHIR Claim / 837 kept off chain.
	pub claim_hash: Hash32,
	/// Commitment to the record anchors the claim bills for:
	/// `blake2_256("carechain/claim/service" ++ hospital pseudonym ++ SCALE(record keys))`,
	/// opened to the insurer off chain.
	pub service_commitment: Hash32,
	/// The duplicate key: `blake2_256("carechain/claim/duplicate" ++ organisation ++
	/// SCALE(service date) ++ service commitment)`, unique across all payers.
	pub duplicate_key: Hash32,
	/// The approved prior authorisation the claim relies on.
	pub prior_authorisation: Option<ClaimId>,
	/// When it was submitted (unix ms).
	pub submitted_at: Moment,
	/// When the insurer's answer is due (unix ms): submission or appeal plus the prompt-pay
	/// days.
	pub answer_due: Moment,
	/// Where it stands.
	pub status: ClaimStatus,
	/// The latest adjudication.
	pub adjudication: Option<Adjudication<Balance>>,
	/// What the insurer has paid on it so far.
	pub paid: Balance,
	/// Whether it was appealed (once only).
	pub appealed: bool,
	/// Whether the member disputes it and the Council has not reviewed the dispute yet.
	pub disputed: bool,
	/// Whether a claim relies on it (a prior authorisation authorises one claim).
	pub authorisation_used: bool,
	/// The claim's storage deposit, held from the organisation until the claim is closed.
	pub deposit: Deposit,
}

/// What a claim bills, was paid and leaves to the patient: the patient's explanation of
/// benefit (FHIR ExplanationOfBenefit totals).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct ExplanationOfBenefit<Balance> {
	/// The claim.
	pub claim: ClaimId,
	/// The coverage.
	pub coverage: CoverageId,
	/// The day of service.
	pub service_date: Day,
	/// Billed.
	pub billed: Balance,
	/// Paid by the insurer.
	pub paid: Balance,
	/// Owed by the patient.
	pub patient_share: Balance,
	/// The claim's status.
	pub status: ClaimStatus,
	/// The decision, once adjudicated.
	pub outcome: Option<Outcome>,
	/// Why less was paid.
	pub adjustments: Adjustments,
}

/// The service commitment of a claim: `blake2_256("carechain/claim/service" ++
/// hospital pseudonym ++ SCALE(record keys))`. A record key is the 32-byte preimage of a record
/// anchor (`record_hash = blake2_256(record key)`): the observer sees only anchors and cannot
/// recompute it; the insurer, handed the pseudonym and the keys, can.
pub fn service_commitment<AccountId: Encode>(
	hospital_pseudonym: &AccountId,
	record_keys: &[Hash32],
) -> Hash32 {
	let mut preimage = b"carechain/claim/service".to_vec();
	hospital_pseudonym.encode_to(&mut preimage);
	record_keys.encode_to(&mut preimage);
	sp_crypto_hashing::blake2_256(&preimage)
}

/// The duplicate key of a claim: `blake2_256("carechain/claim/duplicate" ++ organisation ++
/// SCALE(service date) ++ service commitment)`. The same service billed to two payers gives the
/// same key; it names nobody without the record keys.
pub fn duplicate_key<AccountId: Encode>(
	organisation: &AccountId,
	service_date: Day,
	service_commitment: &Hash32,
) -> Hash32 {
	let mut preimage = b"carechain/claim/duplicate".to_vec();
	organisation.encode_to(&mut preimage);
	service_date.encode_to(&mut preimage);
	preimage.extend_from_slice(service_commitment);
	sp_crypto_hashing::blake2_256(&preimage)
}

/// The anchor hash of a record key: `blake2_256(record key)`.
pub fn anchor_of(record_key: &Hash32) -> Hash32 {
	sp_crypto_hashing::blake2_256(record_key)
}

/// Why an opened service commitment does not hold: the insurer denies the claim with
/// [`ServiceMismatch::carc`].
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub enum ServiceMismatch {
	/// No such claim.
	UnknownClaim,
	/// The pseudonym and record keys do not give the claim's service commitment.
	CommitmentDiffers,
	/// The duplicate key is not the one the opening gives.
	DuplicateKeyDiffers,
	/// A record is not anchored for the pseudonym (its index in the keys).
	NotAnchored(u32),
	/// A record was anchored by another organisation.
	AnchoredByAnotherOrganisation(u32),
	/// A record was anchored after the claim was submitted.
	AnchoredAfterSubmission(u32),
	/// No record keys: a claim bills for documented care.
	NoRecords,
}

impl ServiceMismatch {
	/// The CARC an insurer denies such a claim with.
	pub const fn carc(self) -> Carc {
		Carc::LacksInformation
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn carc_encodes_as_its_number_and_unknown_codes_do_not_decode() {
		assert_eq!(Carc::Duplicate.encode(), vec![18]);
		assert_eq!(Carc::NoAuthorization.code(), 197);
		assert_eq!(Carc::AuthorizationExceeded.code(), 198);
		assert_eq!(Carc::WrongPayer.code(), 109);
		assert_eq!(Carc::FeeSchedule.code(), 45);
		assert_eq!(Carc::decode(&mut &[204u8][..]), Ok(Carc::NotInBenefitPlan));
		for unknown in [0u8, 4, 17, 100, 250] {
			assert!(Carc::decode(&mut &[unknown][..]).is_err(), "CARC {unknown} decoded");
		}
	}

	#[test]
	fn wire_names_and_codes_read_back() {
		for item in ClaimUse::ALL {
			assert_eq!(ClaimUse::from_name(item.name()), Some(item));
		}
		for item in ClaimStatus::ALL {
			assert_eq!(ClaimStatus::from_name(item.name()), Some(item));
		}
		for item in Outcome::ALL {
			assert_eq!(Outcome::from_name(item.name()), Some(item));
		}
		for item in AdjustmentGroup::ALL {
			assert_eq!(AdjustmentGroup::from_code(item.code()), Some(item));
		}
		for item in Rarc::ALL {
			assert_eq!(Rarc::from_code(item.code()), Some(item));
		}
		assert_eq!(Carc::from_code(45), Some(Carc::FeeSchedule));
		assert_eq!(Carc::from_code(17), None);
		assert_eq!(Outcome::from_name("Approved"), None);
		assert_eq!(AdjustmentGroup::from_code("XX"), None);
	}

	#[test]
	fn days_round_trip_and_keys_depend_on_every_part() {
		assert_eq!(day_of(start_of(20_000)), 20_000);
		assert_eq!(day_of(start_of(20_000) + DAY_MS - 1), 20_000);
		let commitment = service_commitment(&7u64, &[[1; 32]]);
		assert_ne!(commitment, service_commitment(&8u64, &[[1; 32]]));
		assert_ne!(commitment, service_commitment(&7u64, &[[2; 32]]));
		let key = duplicate_key(&1u64, 20_000, &commitment);
		assert_ne!(key, duplicate_key(&2u64, 20_000, &commitment));
		assert_ne!(key, duplicate_key(&1u64, 20_001, &commitment));
		assert_eq!(anchor_of(&[1; 32]), sp_crypto_hashing::blake2_256(&[1; 32]));
	}
}
