//! One method parameter as it arrived, read by the method so that a bad one is refused with a
//! JSON-RPC error naming it (`invalid params: patient: ...`, `data.field` = `patient`).
//!
//! jsonrpsee's macros decode parameters by position or by name before a method runs, and a
//! type that fails to decode yields an error that does not say which parameter it was. So the
//! methods of [`crate::api`] take every parameter as a [`Param`], which accepts any JSON value,
//! and read it with [`Param::read`], which names the parameter when the value is wrong. Clients
//! build a `Param` from the typed value ([`Param::of`]).

use std::marker::PhantomData;

use carechain_primitives::{
	AccessedCategory, Action, DataCategory, Hash32, PurposeOfUse, StandardCategory,
};
use jsonrpsee::types::ErrorObjectOwned;
use serde::{de::DeserializeOwned, Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use sp_core::{crypto::AccountId32, H256};

use crate::json::{address, hex};

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

/// A parameter of type `T` as the client sent it: any JSON value, read by [`Param::read`].
pub struct Param<T> {
	value: Value,
	_type: PhantomData<fn() -> T>,
}

impl<T> Clone for Param<T> {
	fn clone(&self) -> Self {
		Self { value: self.value.clone(), _type: PhantomData }
	}
}

impl<T> std::fmt::Debug for Param<T> {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		self.value.fmt(f)
	}
}

impl<T> Serialize for Param<T> {
	fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		self.value.serialize(serializer)
	}
}

impl<'de, T> Deserialize<'de> for Param<T> {
	fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		Value::deserialize(deserializer).map(Self::raw)
	}
}

impl<T> Param<T> {
	/// A parameter carrying `value` as given (tests send wrong values this way).
	pub fn raw(value: Value) -> Self {
		Self { value, _type: PhantomData }
	}

	/// The JSON value as given.
	pub fn value(&self) -> &Value {
		&self.value
	}
}

impl<T: FromParam> Param<T> {
	/// The parameter of a client's typed value, in the form the server reads.
	pub fn of(typed: &T) -> Self {
		Self::raw(typed.to_param())
	}

	/// The value, or the error naming `field` that says what is wrong with it.
	pub fn read(&self, field: &str) -> Result<T, ErrorObjectOwned> {
		T::from_param(&self.value).map_err(|reason| invalid(field, reason))
	}
}

/// The optional block hash `at`: `None` when absent or `null`.
pub fn read_at<Hash: FromParam>(
	at: &Option<Param<Hash>>,
) -> Result<Option<Hash>, ErrorObjectOwned> {
	match at {
		Some(param) if !param.value().is_null() => param.read("at").map(Some),
		_ => Ok(None),
	}
}

/// A type a parameter can carry: how it is written in JSON, and how it is read back.
pub trait FromParam: Sized {
	/// The value read from `value`, or why it is not one (without the parameter's name).
	fn from_param(value: &Value) -> Result<Self, String>;

	/// The JSON form of the value that [`FromParam::from_param`] reads.
	fn to_param(&self) -> Value;
}

/// What a JSON value is, for error messages.
pub fn kind_of(value: &Value) -> &'static str {
	match value {
		Value::Null => "null",
		Value::Bool(_) => "a boolean",
		Value::Number(_) => "a number",
		Value::String(_) => "a string",
		Value::Array(_) => "an array",
		Value::Object(_) => "an object",
	}
}

/// The string in `value`; `what` describes the expected value in errors.
pub(crate) fn string<'a>(value: &'a Value, what: &str) -> Result<&'a str, String> {
	match value {
		Value::String(text) => Ok(text),
		Value::Null => Err(format!("required: {what}")),
		other => Err(format!("expected {what}, got {}", kind_of(other))),
	}
}

/// At most 80 characters of a client's string, so that a hostile megabyte is not echoed back.
pub fn clip(text: &str) -> String {
	match text.char_indices().nth(80) {
		Some((end, _)) => format!("{}...", text.get(..end).unwrap_or_default()),
		None => text.to_owned(),
	}
}

/// Names, comma separated, for error messages.
fn list(names: impl Iterator<Item = &'static str>) -> String {
	names.collect::<Vec<_>>().join(", ")
}

/// Exactly 32 bytes from `0x` + 64 hex digits; `what` describes them in errors.
pub fn bytes32(value: &Value, what: &str) -> Result<[u8; 32], String> {
	fixed_bytes(value, what)
}

/// Exactly `N` bytes from `0x` + `2N` hex digits; `what` describes them in errors.
pub fn fixed_bytes<const N: usize>(value: &Value, what: &str) -> Result<[u8; N], String> {
	let text = string(value, what)?;
	let digits = text
		.strip_prefix("0x")
		.filter(|d| d.len() == 2 * N)
		.ok_or_else(|| format!("expected {what}, got `{}`", clip(text)))?;
	let mut bytes = [0u8; N];
	for (byte, pair) in bytes.iter_mut().zip(digits.as_bytes().chunks(2)) {
		*byte = std::str::from_utf8(pair)
			.ok()
			.and_then(|pair| u8::from_str_radix(pair, 16).ok())
			.ok_or_else(|| format!("`{}` is not hexadecimal", clip(text)))?;
	}
	Ok(bytes)
}

/// An account, given as an SS58 address.
impl FromParam for AccountId32 {
	fn from_param(value: &Value) -> Result<Self, String> {
		carechain_fhir::ss58_account(string(value, "an SS58 address")?)
	}

	fn to_param(&self) -> Value {
		Value::String(address(self))
	}
}

/// A data category, by name (`LabResults`).
impl FromParam for DataCategory {
	fn from_param(value: &Value) -> Result<Self, String> {
		let text = string(value, "a data category name")?;
		DataCategory::from_name(text).ok_or_else(|| {
			format!(
				"unknown category `{}`; one of {}",
				clip(text),
				list(DataCategory::ALL.iter().map(|c| c.name()))
			)
		})
	}

	fn to_param(&self) -> Value {
		Value::String(self.name().into())
	}
}

/// What an access question asks about: a standard category by name (`LabResults`), or a
/// sensitive one by its tag under the salt of one of the accessor's consents (`0x` + 32 hex
/// digits). A sensitive category's name is refused: asked in clear, it would tell the node.
impl FromParam for AccessedCategory {
	fn from_param(value: &Value) -> Result<Self, String> {
		const WHAT: &str = "a standard category name or a sealed tag (0x + 32 hex digits)";
		let text = string(value, WHAT)?;
		if text.starts_with("0x") {
			return fixed_bytes::<16>(value, "a sealed tag (0x + 32 hex digits)")
				.map(AccessedCategory::Sealed);
		}
		match DataCategory::from_name(text) {
			Some(category) if category.is_sensitive() => Err(format!(
				"`{}` is a sensitive category: ask by the consent's sealed tag (0x + 32 hex \
				 digits), never by name",
				category.name()
			)),
			Some(category) => Ok(AccessedCategory::Clear(category)),
			None => Err(format!(
				"unknown category `{}`; one of {}, or a sealed tag (0x + 32 hex digits)",
				clip(text),
				list(StandardCategory::ALL.iter().map(|c| c.name()))
			)),
		}
	}

	fn to_param(&self) -> Value {
		match self {
			AccessedCategory::Clear(category) => Value::String(category.name().into()),
			AccessedCategory::Sealed(tag) => Value::String(crate::json::hex(tag)),
		}
	}
}

/// An action, by name (`read`, `write`).
impl FromParam for Action {
	fn from_param(value: &Value) -> Result<Self, String> {
		let text = string(value, "`read` or `write`")?;
		Action::from_name(text)
			.ok_or_else(|| format!("unknown action `{}`; `read` or `write`", clip(text)))
	}

	fn to_param(&self) -> Value {
		Value::String(self.name().into())
	}
}

/// A purpose of use, by its v3-ActReason code (`TREAT`).
impl FromParam for PurposeOfUse {
	fn from_param(value: &Value) -> Result<Self, String> {
		let text = string(value, "a purpose-of-use code")?;
		PurposeOfUse::from_name(text).ok_or_else(|| {
			format!(
				"unknown purpose `{}`; one of {}",
				clip(text),
				list(PurposeOfUse::ALL.iter().map(|p| p.name()))
			)
		})
	}

	fn to_param(&self) -> Value {
		Value::String(self.name().into())
	}
}

/// A consent id: a non-negative integer, or a decimal string (for JavaScript clients holding
/// ids beyond 2^53).
impl FromParam for u64 {
	fn from_param(value: &Value) -> Result<Self, String> {
		let what = "an id (non-negative integer)";
		match value {
			Value::Number(number) => {
				number.as_u64().ok_or_else(|| format!("expected {what}, got {number}"))
			},
			Value::String(text) => {
				text.parse().map_err(|_| format!("expected {what}, got `{}`", clip(text)))
			},
			Value::Null => Err(format!("required: {what}")),
			other => Err(format!("expected {what}, got {}", kind_of(other))),
		}
	}

	fn to_param(&self) -> Value {
		Value::from(*self)
	}
}

/// A 32-byte hash (a record's), as `0x` + 64 hex digits.
impl FromParam for Hash32 {
	fn from_param(value: &Value) -> Result<Self, String> {
		bytes32(value, "a 32-byte hash, 0x and 64 hex digits")
	}

	fn to_param(&self) -> Value {
		Value::String(hex(self))
	}
}

/// A block hash, as `0x` + 64 hex digits.
impl FromParam for H256 {
	fn from_param(value: &Value) -> Result<Self, String> {
		match value {
			Value::String(text) => bytes32(value, "a block hash").map(H256).map_err(|_| {
				format!("`{}` is not a block hash (0x and 64 hex digits)", clip(text))
			}),
			other => Err(format!("expected a block hash, got {}", kind_of(other))),
		}
	}

	fn to_param(&self) -> Value {
		Value::String(hex(self.as_bytes()))
	}
}

/// A JSON object parameter read as a FHIR R5 `Consent`.
impl FromParam for carechain_fhir::Consent {
	fn from_param(value: &Value) -> Result<Self, String> {
		object(value, "a FHIR R5 Consent")
	}

	fn to_param(&self) -> Value {
		serde_json::to_value(self).unwrap_or(Value::Null)
	}
}

/// A JSON object read as `T`; `what` describes it in errors.
pub fn object<T: DeserializeOwned>(value: &Value, what: &str) -> Result<T, String> {
	match value {
		Value::Object(_) => {
			serde_json::from_value(value.clone()).map_err(|e| format!("not {what}: {e}"))
		},
		Value::Null => Err(format!("required: {what}")),
		other => Err(format!("expected {what}, got {}", kind_of(other))),
	}
}
