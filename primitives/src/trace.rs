//! Drug traceability (DSCSA, EU FMD, GS1): the identifiers of products, packs and logistic
//! units, and what a verification at the counter answers.
//!
//! A pack's product identifier is its GTIN, serial number, lot and expiry (GS1 application
//! identifiers 01, 21, 10 and 17, as printed in its 2D code). Serial numbers never go on chain:
//! a batch commits to its serials as a Merkle root over salted leaves, and a pack is proven by
//! its leaf and path ([`PackProof`]).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::ConstU32, BoundedVec};
use scale_info::TypeInfo;

use crate::Moment;

/// A day: days since 1970-01-01 (UTC). Expiry dates are days, as GS1 AI (17) prints them.
pub type Day = u32;

/// The day the instant `at` (unix ms) falls in.
pub fn day_of(at: Moment) -> Day {
	u32::try_from(at / crate::DAY_MS).unwrap_or(Day::MAX)
}

/// Days since 1970-01-01 of the ISO date `text` (proleptic Gregorian), if it is one.
// Client-side only (RPC, FHIR); cannot overflow: a four-digit year, inside i64.
#[cfg(feature = "std")]
#[allow(clippy::arithmetic_side_effects)]
pub fn parse_date(text: &str) -> Option<Day> {
	let mut parts = text.splitn(3, '-');
	let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
	if year.len() != 4 || month.len() != 2 || day.len() != 2 {
		return None;
	}
	let (year, month, day): (i64, u32, u32) =
		(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
	let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	let month_days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
	if !(1..=12).contains(&month) || day == 0 || day > *month_days.get(month as usize - 1)? {
		return None;
	}
	// Days from civil (H. Hinnant's algorithm), with March as the first month of the year.
	let y = if month <= 2 { year - 1 } else { year };
	let era = y.div_euclid(400);
	let year_of_era = y.rem_euclid(400);
	let m = i64::from(month);
	let day_of_year = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
	let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
	Day::try_from(era * 146_097 + day_of_era - 719_468).ok()
}

/// The ISO date of day `day` (days since 1970-01-01).
// Client-side only (RPC, FHIR); cannot overflow: a u32 day, inside i64.
#[cfg(feature = "std")]
#[allow(clippy::arithmetic_side_effects)]
pub fn format_date(day: Day) -> alloc::string::String {
	let z = i64::from(day) + 719_468;
	let era = z.div_euclid(146_097);
	let day_of_era = z.rem_euclid(146_097);
	let year_of_era =
		(day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
	let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	let mp = (5 * day_of_year + 2) / 153;
	let d = day_of_year - (153 * mp + 2) / 5 + 1;
	let m = if mp < 10 { mp + 3 } else { mp - 9 };
	let y = year_of_era + era * 400 + i64::from(m <= 2);
	alloc::format!("{y:04}-{m:02}-{d:02}")
}

/// The GS1 mod-10 check digit of `data`, the digits before the check digit: weights 3 and 1
/// alternate from the rightmost data digit, which weighs 3.
pub fn gs1_check_digit(mut data: u64) -> u64 {
	let mut sum = 0u64;
	let mut weight = 3u64;
	while data > 0 {
		sum = sum.saturating_add((data % 10).saturating_mul(weight));
		data /= 10;
		weight = if weight == 3 { 1 } else { 3 };
	}
	10u64.saturating_sub(sum % 10) % 10
}

/// Whether the last digit of `number` is the GS1 check digit of the others.
fn has_valid_check_digit(number: u64) -> bool {
	gs1_check_digit(number / 10) == number % 10
}

/// A GTIN in its 14-digit form (GTIN-8, -12 and -13 padded with leading zeros), with a valid
/// check digit. The first digit is the indicator, then the company prefix.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct Gtin(pub u64);

impl Gtin {
	/// Largest 14-digit number, plus one.
	const BOUND: u64 = 100_000_000_000_000;

	/// Whether this is a 14-digit number with a valid check digit.
	pub fn is_valid(self) -> bool {
		self.0 > 0 && self.0 < Self::BOUND && has_valid_check_digit(self.0)
	}

	/// Whether the GTIN was allocated under `prefix`: its digits after the indicator.
	pub fn has_prefix(self, prefix: CompanyPrefix) -> bool {
		let Some(tail) = 10u64.checked_pow(13u32.saturating_sub(prefix.length.into())) else {
			return false;
		};
		let Some(modulus) = 10u64.checked_pow(prefix.length.into()) else { return false };
		prefix.is_valid()
			&& self.0.checked_div(tail).and_then(|head| head.checked_rem(modulus))
				== Some(prefix.digits)
	}
}

/// A GS1 company prefix: `length` digits (4 to 12), leading zeros included in the length.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct CompanyPrefix {
	/// The prefix as a number.
	pub digits: u64,
	/// How many digits it has.
	pub length: u8,
}

impl CompanyPrefix {
	/// Whether the length is 4 to 12 and the digits fit in it.
	pub fn is_valid(self) -> bool {
		(4..=12).contains(&self.length)
			&& 10u64.checked_pow(self.length.into()).is_some_and(|bound| self.digits < bound)
	}
}

/// An SSCC: the 18-digit serial shipping container code of a case or pallet, with a valid check
/// digit.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct Sscc(pub u64);

impl Sscc {
	/// Largest 18-digit number, plus one.
	const BOUND: u64 = 1_000_000_000_000_000_000;

	/// Whether this is an 18-digit number with a valid check digit.
	pub fn is_valid(self) -> bool {
		self.0 > 0 && self.0 < Self::BOUND && has_valid_check_digit(self.0)
	}
}

/// Most characters of a lot or serial number (GS1 AI 10 and 21).
pub const MAX_GS1_TEXT: u32 = 20;

/// A lot or serial number: 1 to 20 characters of GS1's character set 82.
pub type Gs1Text = BoundedVec<u8, ConstU32<MAX_GS1_TEXT>>;

/// Whether `text` is 1 to 20 characters of GS1's character set 82 (digits, letters and
/// `!"%&'()*+,-./:;<=>?_`).
pub fn is_gs1_text(text: &[u8]) -> bool {
	!text.is_empty()
		&& text.len() <= MAX_GS1_TEXT as usize
		&& text.iter().all(|c| c.is_ascii_alphanumeric() || b"!\"%&'()*+,-./:;<=>?_".contains(c))
}

/// A batch: the product and its lot.
pub type BatchKey = (Gtin, Gs1Text);

/// What a pack's 2D code says: its product identifier.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct PackId {
	/// The product (AI 01).
	pub gtin: Gtin,
	/// The serial number (AI 21).
	pub serial: Gs1Text,
	/// The lot (AI 10).
	pub lot: Gs1Text,
	/// The expiry date (AI 17).
	pub expiry: Day,
}

/// What proves a pack belongs to its batch: the salt of its leaf, the leaf's index and the
/// Merkle path from the leaf to the batch's root. The manufacturer hands it on with the
/// transaction information; it never goes on chain with the serial.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct PackProof<Path> {
	/// The leaf's salt, so that serials cannot be guessed from leaves.
	pub salt: [u8; 32],
	/// The leaf's position among the batch's packs.
	pub index: u32,
	/// The sibling hashes from the leaf up to the root.
	pub path: Path,
}

/// Where a batch stands.
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
pub enum BatchStatus {
	/// Saleable.
	Active,
	/// A trading partner suspects the product (DSCSA suspect product): quarantined until
	/// cleared.
	Suspect,
	/// Declared illegitimate (counterfeit, diverted, stolen, adulterated): never saleable.
	Illegitimate,
	/// Recalled by its manufacturer or the consortium: never saleable.
	Recalled,
}

/// What happened to one pack: the only per-pack state, kept for exceptions.
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
pub enum PackException {
	/// Dispensed to a patient (decommissioned, EU FMD "supplied").
	Dispensed,
	/// Quarantined by its custodian until cleared.
	Quarantined,
	/// Reported stolen.
	Stolen,
	/// Destroyed.
	Destroyed,
}

/// What a verification answers.
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
pub enum TraceVerdict {
	/// A genuine, saleable pack.
	Verified,
	/// No batch has this pack: unknown product, lot or expiry, or a proof that does not lead to
	/// the batch's root (a forged or cloned code).
	Unknown,
	/// Past its expiry date.
	Expired,
	/// Its batch is recalled.
	Recalled,
	/// The pack is quarantined.
	Quarantined,
	/// Its batch is suspect.
	Suspect,
	/// Its batch is declared illegitimate.
	Illegitimate,
	/// The pack was dispensed already.
	AlreadyDispensed,
	/// The pack is reported stolen.
	Stolen,
	/// The pack is reported destroyed.
	Destroyed,
	/// The verifier holds none of the pack's batch.
	NotCustodian,
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn gs1_check_digits_match_gs1_examples() {
		// GS1 General Specifications examples: GTIN-13 629104150021 -> 3, SSCC 10614141234567890 -> 8.
		assert_eq!(gs1_check_digit(629_104_150_021), 3);
		assert!(Gtin(6_291_041_500_213).is_valid());
		assert!(!Gtin(6_291_041_500_214).is_valid());
		assert!(Sscc(106_141_412_345_678_908).is_valid());
		assert!(!Sscc(106_141_412_345_678_907).is_valid());
		assert!(!Gtin(0).is_valid());
	}

	#[test]
	fn a_gtin_has_the_prefix_it_was_allocated_under() {
		// GTIN-14 1 0614141 12345 ? with prefix 0614141 (7 digits).
		let gtin = Gtin(1_061_414_112_345 * 10 + gs1_check_digit(1_061_414_112_345));
		assert!(gtin.is_valid());
		assert!(gtin.has_prefix(CompanyPrefix { digits: 614_141, length: 7 }));
		assert!(!gtin.has_prefix(CompanyPrefix { digits: 614_141, length: 6 }));
		assert!(!gtin.has_prefix(CompanyPrefix { digits: 614_142, length: 7 }));
		assert!(!gtin.has_prefix(CompanyPrefix { digits: 614_141, length: 13 }));
	}

	#[test]
	fn gs1_text_is_character_set_82() {
		assert!(is_gs1_text(b"LOT-2026/A_1"));
		assert!(!is_gs1_text(b""));
		assert!(!is_gs1_text(b"with space"));
		assert!(!is_gs1_text(b"123456789012345678901"));
	}

	#[test]
	fn days_count_from_the_epoch() {
		assert_eq!(day_of(0), 0);
		assert_eq!(day_of(crate::DAY_MS * 20_000 + 5), 20_000);
	}
}
