//! Jurisdictions: ISO 3166-1 alpha-2 country codes, where a provider is licensed.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Every officially assigned ISO 3166-1 alpha-2 code, concatenated, in alphabetical order.
const ASSIGNED: &[u8] = b"ADAEAFAGAIALAMAOAQARASATAUAWAXAZ\
BABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZ\
CACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZ\
DEDJDKDMDODZ\
ECEEEGEHERESET\
FIFJFKFMFOFR\
GAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGY\
HKHMHNHRHTHU\
IDIEILIMINIOIQIRISIT\
JEJMJOJP\
KEKGKHKIKMKNKPKRKWKYKZ\
LALBLCLILKLRLSLTLULVLY\
MAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZ\
NANCNENFNGNINLNONPNRNUNZ\
OM\
PAPEPFPGPHPKPLPMPNPRPSPTPWPY\
QA\
RERORSRURW\
SASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZ\
TCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZ\
UAUGUMUSUYUZ\
VAVCVEVGVIVNVU\
WFWS\
YEYT\
ZAZMZW";

/// An ISO 3166-1 alpha-2 code (`GB`, `DE`, `US`): two upper-case ASCII letters that the standard
/// assigns to a country. Construct it with [`Jurisdiction::new`], which refuses anything else.
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
pub struct Jurisdiction([u8; 2]);

impl Jurisdiction {
	/// The jurisdiction with this code, if the code is assigned (upper case only).
	pub fn new(code: [u8; 2]) -> Option<Self> {
		ASSIGNED.chunks_exact(2).any(|assigned| assigned == code).then_some(Self(code))
	}

	/// The two letters of the code.
	pub fn code(&self) -> [u8; 2] {
		self.0
	}

	/// The code as text.
	pub fn as_str(&self) -> &str {
		// Only assigned codes, all ASCII, are ever constructed.
		core::str::from_utf8(&self.0).unwrap_or("??")
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_table_holds_all_249_assigned_codes_in_order() {
		assert_eq!(ASSIGNED.len(), 2 * 249);
		let codes: Vec<&[u8]> = ASSIGNED.chunks_exact(2).collect();
		assert!(codes.windows(2).all(|pair| pair[0] < pair[1]));
		assert!(ASSIGNED.iter().all(u8::is_ascii_uppercase));
	}

	#[test]
	fn assigned_codes_are_accepted() {
		for code in [*b"GB", *b"DE", *b"US", *b"CH", *b"ZW", *b"AD"] {
			assert_eq!(Jurisdiction::new(code).map(|j| j.code()), Some(code));
		}
		assert_eq!(Jurisdiction::new(*b"FR").as_ref().map(Jurisdiction::as_str), Some("FR"));
	}

	#[test]
	fn anything_else_is_refused() {
		for code in [*b"gb", *b"ZZ", *b"UK", *b"XX", *b"G1", [0, 0], *b"  "] {
			assert_eq!(Jurisdiction::new(code), None, "{code:?}");
		}
	}
}
