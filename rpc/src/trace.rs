//! `trace_verify`: a drug pack verified at a pharmacy's counter (or a distributor's returns
//! desk) from what its 2D code says and the proof its supplier handed on.
//!
//! The pack identifier is given as GS1 writes it: `gtin` as 8, 12, 13 or 14 digits with a
//! valid check digit, `serial` and `lot` as GS1 text, `expiry` as an ISO date (`2027-12-31`).
//! `proof` is `{ "salt": "0x…32 bytes", "index": n, "path": ["0x…32 bytes", …] }` (at most 32
//! hashes). A bad part is refused naming it, e.g. `proof.path[3]`.

pub use carechain_primitives::trace::{format_date, parse_date};
use carechain_primitives::{
	trace::{is_gs1_text, Day, Gs1Text, Gtin, PackProof, TraceVerdict},
	Hash32,
};
use jsonrpsee::types::ErrorObjectOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{
	json::hex,
	param::{bytes32, clip, invalid, kind_of, string, FromParam},
};

/// Most hashes a proof's path may have (the pallet's `MAX_PATH`).
pub const MAX_PATH: usize = 32;

/// A GTIN, as 8, 12, 13 or 14 digits (GTIN-8, UPC-A, EAN-13, GTIN-14), check digit included.
impl FromParam for Gtin {
	fn from_param(value: &Value) -> Result<Self, String> {
		let text = string(value, "a GTIN (8, 12, 13 or 14 digits)")?;
		if !matches!(text.len(), 8 | 12 | 13 | 14) || !text.bytes().all(|c| c.is_ascii_digit()) {
			return Err(format!("`{}` is not a GTIN: 8, 12, 13 or 14 digits", clip(text)));
		}
		let gtin = Gtin(text.parse().map_err(|_| format!("`{}` is not a GTIN", clip(text)))?);
		if !gtin.is_valid() {
			return Err(format!("`{text}` has a wrong check digit"));
		}
		Ok(gtin)
	}

	fn to_param(&self) -> Value {
		Value::String(format!("{:014}", self.0))
	}
}

/// A serial or lot number: 1 to 20 characters of GS1's character set 82.
impl FromParam for Gs1Text {
	fn from_param(value: &Value) -> Result<Self, String> {
		let text = string(value, "1 to 20 characters of GS1 character set 82")?;
		if !is_gs1_text(text.as_bytes()) {
			return Err(format!(
				"`{}` is not 1 to 20 characters of GS1 character set 82 (digits, letters, \
				 !\"%&'()*+,-./:;<=>?_)",
				clip(text)
			));
		}
		text.as_bytes().to_vec().try_into().map_err(|_| "longer than 20 characters".into())
	}

	fn to_param(&self) -> Value {
		Value::String(String::from_utf8_lossy(self).into_owned())
	}
}

/// An expiry date, as an ISO 8601 calendar date (`2027-12-31`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExpiryDate(pub Day);

impl FromParam for ExpiryDate {
	fn from_param(value: &Value) -> Result<Self, String> {
		let text = string(value, "an ISO date (YYYY-MM-DD)")?;
		parse_date(text)
			.map(ExpiryDate)
			.ok_or_else(|| format!("`{}` is not a date (YYYY-MM-DD) from 1970 on", clip(text)))
	}

	fn to_param(&self) -> Value {
		Value::String(format_date(self.0))
	}
}

/// A pack's proof: its leaf's salt, index and Merkle path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProofParam(pub PackProof<Vec<Hash32>>);

impl ProofParam {
	/// The proof in `value`, or the part at fault (`salt`, `index`, `path`, `path[3]`) and why.
	pub fn read(value: &Value) -> Result<Self, (String, String)> {
		let whole = |reason: String| (String::new(), reason);
		let Value::Object(fields) = value else {
			return Err(whole(match value {
				Value::Null => "required: { salt, index, path }".into(),
				other => {
					format!("expected an object {{ salt, index, path }}, got {}", kind_of(other))
				},
			}));
		};
		if let Some(unknown) =
			fields.keys().find(|k| !matches!(k.as_str(), "salt" | "index" | "path"))
		{
			return Err((clip(unknown), "unknown field; a proof has salt, index and path".into()));
		}
		let field = |name: &str| fields.get(name).unwrap_or(&Value::Null);
		let salt = bytes32(field("salt"), "a 32-byte salt, 0x and 64 hex digits")
			.map_err(|reason| ("salt".to_owned(), reason))?;
		let index =
			field("index").as_u64().and_then(|index| u32::try_from(index).ok()).ok_or_else(
				|| ("index".to_owned(), "expected the leaf's index, 0 to 2^32 - 1".to_owned()),
			)?;
		let Value::Array(hashes) = field("path") else {
			return Err(("path".into(), "expected an array of 32-byte hashes".into()));
		};
		if hashes.len() > MAX_PATH {
			return Err(("path".into(), format!("{} hashes; at most {MAX_PATH}", hashes.len())));
		}
		let path = hashes
			.iter()
			.enumerate()
			.map(|(i, hash)| {
				bytes32(hash, "a 32-byte hash, 0x and 64 hex digits")
					.map_err(|reason| (format!("path[{i}]"), reason))
			})
			.collect::<Result<Vec<_>, _>>()?;
		Ok(Self(PackProof { salt, index, path }))
	}

	/// The error naming the part of parameter `field` at fault.
	pub fn error(field: &str, (part, reason): (String, String)) -> ErrorObjectOwned {
		if part.is_empty() {
			invalid(field, reason)
		} else {
			invalid(&format!("{field}.{part}"), reason)
		}
	}
}

impl FromParam for ProofParam {
	fn from_param(value: &Value) -> Result<Self, String> {
		Self::read(value).map_err(|(part, reason)| format!("{part}: {reason}"))
	}

	fn to_param(&self) -> Value {
		serde_json::json!({
			"salt": hex(&self.0.salt),
			"index": self.0.index,
			"path": self.0.path.iter().map(|hash| hex(hash)).collect::<Vec<_>>(),
		})
	}
}

/// The answer of `trace_verify`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerdictJson {
	/// `Verified`, `Unknown`, `Expired`, `Recalled`, `Quarantined`, `Suspect`, `Illegitimate`,
	/// `AlreadyDispensed`, `Stolen`, `Destroyed` or `NotCustodian`.
	pub verdict: String,
	/// Whether the pack may be dispensed or sold (`Verified` only).
	pub saleable: bool,
	/// The chain's today (ISO date), against which expiry was checked.
	pub today: String,
}

impl VerdictJson {
	/// The answer for `verdict` on day `today`.
	pub fn new(verdict: TraceVerdict, today: Day) -> Self {
		Self {
			verdict: format!("{verdict:?}"),
			saleable: verdict == TraceVerdict::Verified,
			today: format_date(today),
		}
	}
}
