//! Reading a method's parameters, by position or by name, so that every bad one is refused with
//! a JSON-RPC error naming it (`invalid params: patient: ...`).

use carechain_primitives::{Action, ConsentId, DataCategory, Hash32, PurposeOfUse};
use jsonrpsee::types::{ErrorObjectOwned, Params};
use serde::de::DeserializeOwned;
use serde_json::Value;
use sp_core::crypto::AccountId32;

/// JSON-RPC "invalid params": every refusal of a parameter.
pub const INVALID_PARAMS: i32 = jsonrpsee::types::error::INVALID_PARAMS_CODE;
/// A runtime API call failed (for example the state of the block was pruned).
pub const RUNTIME_ERROR: i32 = -32000;

/// The error for parameter `field`: the message names it, `data.field` carries it for software.
pub fn invalid(field: &str, reason: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(
		INVALID_PARAMS,
		format!("invalid params: {field}: {reason}"),
		Some(serde_json::json!({ "field": field })),
	)
}

/// What a JSON value is, for error messages.
fn kind_of(value: &Value) -> &'static str {
	match value {
		Value::Null => "null",
		Value::Bool(_) => "a boolean",
		Value::Number(_) => "a number",
		Value::String(_) => "a string",
		Value::Array(_) => "an array",
		Value::Object(_) => "an object",
	}
}

/// The parameters of one call, matched against the method's parameter names. Positional
/// (`[patient, accessor, ...]`) and named (`{"patient": ..., ...}`) forms are both accepted;
/// extra positions and unknown names are refused. A missing trailing parameter reads as `null`.
pub struct Args {
	names: &'static [&'static str],
	values: Vec<Value>,
}

impl Args {
	/// Reads `params` for a method whose parameters are `names`, in order.
	pub fn new(params: &Params, names: &'static [&'static str]) -> Result<Self, ErrorObjectOwned> {
		let raw = params.as_str().unwrap_or("[]");
		let given: Value = serde_json::from_str(raw).map_err(|e| invalid("params", e))?;
		let mut values = vec![Value::Null; names.len()];
		match given {
			Value::Array(list) => {
				if list.len() > names.len() {
					return Err(invalid(
						"params",
						format!(
							"{} given, at most {} expected ({})",
							list.len(),
							names.len(),
							names.join(", ")
						),
					));
				}
				for (slot, value) in values.iter_mut().zip(list) {
					*slot = value;
				}
			},
			Value::Object(map) => {
				for (name, value) in map {
					let Some(index) = names.iter().position(|n| *n == name) else {
						return Err(invalid(
							&name,
							format!("unknown parameter; expected {}", names.join(", ")),
						));
					};
					if let Some(slot) = values.get_mut(index) {
						*slot = value;
					}
				}
			},
			other => {
				return Err(invalid(
					"params",
					format!("must be an array or an object, not {}", kind_of(&other)),
				))
			},
		}
		Ok(Self { names, values })
	}

	/// The value of parameter `name` (`null` if not given).
	fn value(&self, name: &'static str) -> &Value {
		self.names
			.iter()
			.position(|n| *n == name)
			.and_then(|index| self.values.get(index))
			.unwrap_or(&Value::Null)
	}

	/// The string parameter `name`; `what` describes it in errors.
	fn string(&self, name: &'static str, what: &str) -> Result<&str, ErrorObjectOwned> {
		match self.value(name) {
			Value::String(text) => Ok(text),
			Value::Null => Err(invalid(name, format!("required: {what}"))),
			other => Err(invalid(name, format!("expected {what}, got {}", kind_of(other)))),
		}
	}

	/// An account given as an SS58 address.
	pub fn account(&self, name: &'static str) -> Result<AccountId32, ErrorObjectOwned> {
		let text = self.string(name, "an SS58 address")?;
		carechain_fhir::ss58_account(text).map_err(|reason| invalid(name, reason))
	}

	/// A data category by name (`LabResults`).
	pub fn category(&self, name: &'static str) -> Result<DataCategory, ErrorObjectOwned> {
		let text = self.string(name, "a data category name")?;
		DataCategory::from_name(text).ok_or_else(|| {
			invalid(
				name,
				format!(
					"unknown category `{}`; one of {}",
					clip(text),
					list(DataCategory::ALL.iter().map(|c| c.name()))
				),
			)
		})
	}

	/// An action by name (`read`, `write`).
	pub fn action(&self, name: &'static str) -> Result<Action, ErrorObjectOwned> {
		let text = self.string(name, "`read` or `write`")?;
		Action::from_name(text).ok_or_else(|| {
			invalid(name, format!("unknown action `{}`; `read` or `write`", clip(text)))
		})
	}

	/// A purpose of use by its v3-ActReason code (`TREAT`).
	pub fn purpose(&self, name: &'static str) -> Result<PurposeOfUse, ErrorObjectOwned> {
		let text = self.string(name, "a purpose-of-use code")?;
		PurposeOfUse::from_name(text).ok_or_else(|| {
			invalid(
				name,
				format!(
					"unknown purpose `{}`; one of {}",
					clip(text),
					list(PurposeOfUse::ALL.iter().map(|p| p.name()))
				),
			)
		})
	}

	/// A consent id: a non-negative integer, or a decimal string (for JavaScript clients
	/// holding ids beyond 2^53).
	pub fn consent_id(&self, name: &'static str) -> Result<ConsentId, ErrorObjectOwned> {
		let what = "a consent id (non-negative integer)";
		match self.value(name) {
			Value::Number(number) => number
				.as_u64()
				.ok_or_else(|| invalid(name, format!("expected {what}, got {number}"))),
			Value::String(text) => text
				.parse()
				.map_err(|_| invalid(name, format!("expected {what}, got `{}`", clip(text)))),
			Value::Null => Err(invalid(name, format!("required: {what}"))),
			other => Err(invalid(name, format!("expected {what}, got {}", kind_of(other)))),
		}
	}

	/// A 32-byte hash as `0x` + 64 hex digits.
	pub fn hash32(&self, name: &'static str) -> Result<Hash32, ErrorObjectOwned> {
		let what = "a 32-byte hash, 0x and 64 hex digits";
		let text = self.string(name, what)?;
		let digits = text
			.strip_prefix("0x")
			.filter(|d| d.len() == 64)
			.ok_or_else(|| invalid(name, format!("expected {what}, got `{}`", clip(text))))?;
		let mut hash = [0u8; 32];
		for (byte, pair) in hash.iter_mut().zip(digits.as_bytes().chunks(2)) {
			*byte = std::str::from_utf8(pair)
				.ok()
				.and_then(|pair| u8::from_str_radix(pair, 16).ok())
				.ok_or_else(|| invalid(name, format!("`{}` is not hexadecimal", clip(text))))?;
		}
		Ok(hash)
	}

	/// A JSON object parameter read as `T` (for example a FHIR resource).
	pub fn object<T: DeserializeOwned>(
		&self,
		name: &'static str,
		what: &str,
	) -> Result<T, ErrorObjectOwned> {
		match self.value(name) {
			Value::Object(_) => serde_json::from_value(self.value(name).clone())
				.map_err(|e| invalid(name, format!("not {what}: {e}"))),
			Value::Null => Err(invalid(name, format!("required: {what}"))),
			other => Err(invalid(name, format!("expected {what}, got {}", kind_of(other)))),
		}
	}

	/// The optional block hash `at` (a hash of the chain's `Hash` type, `0x`-prefixed hex).
	pub fn at<Hash: DeserializeOwned>(&self) -> Result<Option<Hash>, ErrorObjectOwned> {
		match self.value("at") {
			Value::Null => Ok(None),
			value @ Value::String(text) => {
				serde_json::from_value(value.clone()).map(Some).map_err(|_| {
					invalid(
						"at",
						format!("`{}` is not a block hash (0x and 64 hex digits)", clip(text)),
					)
				})
			},
			other => Err(invalid("at", format!("expected a block hash, got {}", kind_of(other)))),
		}
	}
}

/// At most 80 characters of a client's string, so that a hostile megabyte is not echoed back.
fn clip(text: &str) -> String {
	match text.char_indices().nth(80) {
		Some((end, _)) => format!("{}...", text.get(..end).unwrap_or_default()),
		None => text.to_owned(),
	}
}

/// Names, comma separated, for error messages.
fn list(names: impl Iterator<Item = &'static str>) -> String {
	names.collect::<Vec<_>>().join(", ")
}
