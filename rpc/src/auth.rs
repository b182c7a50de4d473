//! Party-signed reads: who asks, proven by a signature over the request, fresh and bound to
//! this node.
//!
//! A read of consents, access logs or record anchors carries an `auth` parameter:
//!
//! ```json
//! { "signer": "5Grw...", "timestamp": 1764625000000, "nonce": "0x<32 bytes>", "signature": "0x..." }
//! ```
//!
//! `nonce` is one the node issued by `consent_readNonce` (single use, valid [`WINDOW_MS`]),
//! `timestamp` is the client's clock in unix ms (at most [`WINDOW_MS`] from the node's), and
//! `signature` is the signer's over the bytes of [`message`], wrapped in `<Bytes>`...`</Bytes>`
//! as polkadot.js `signRaw` and wallets do:
//!
//! ```text
//! carechain read v1
//! genesis: 0x<genesis hash>
//! method: consent_listByPatient
//! params: ["0x<patient public key>",null]
//! timestamp: 1764625000000
//! nonce: 0x<nonce>
//! ```
//!
//! `params` is the compact JSON array of the method's parameters other than `auth`, in order,
//! each in its canonical form ([`Canonical`]): accounts as the `0x` hex of their 32 bytes, ids
//! as decimal strings, hashes as lower-case `0x` hex, an absent `at` as `null`. A signature is
//! sr25519 or ed25519 (64 bytes) or ECDSA (65 bytes), or any of them as a SCALE
//! `MultiSignature` (a type byte first).

use std::{
	collections::{HashMap, HashSet, VecDeque},
	time::{SystemTime, UNIX_EPOCH},
};

use codec::Decode;
use jsonrpsee::types::ErrorObjectOwned;
use parking_lot::Mutex;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sp_core::{crypto::AccountId32, ecdsa, ed25519, sr25519, Pair};
use sp_runtime::{traits::Verify, MultiSignature};

use crate::{
	json::{address, hex},
	param::{bytes32, clip, invalid, FromParam},
};

/// How far a request's timestamp may be from the node's clock, and how long an issued nonce
/// stays valid: five minutes, in ms.
pub const WINDOW_MS: u64 = 300_000;
/// Most nonces a node keeps issued and not yet used; the oldest is forgotten beyond it.
pub const MAX_ISSUED_NONCES: usize = 65_536;
/// Most used nonces a node remembers, to tell a replay from an unknown nonce.
pub const MAX_USED_NONCES: usize = 65_536;
/// JSON-RPC error of a read whose `auth` does not prove a party: stale, replayed, not signed by
/// the signer, or signed by someone who is not a party of the read. `data.field` names the
/// part of `auth` at fault and `data.reason` says what, as a stable word.
pub const AUTH_REFUSED: i32 = -32010;
/// First line of every signed read, naming the scheme and its version.
pub const SCHEME: &str = "carechain read v1";

/// The `auth` parameter of a party-signed read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadAuth {
	/// The account that signed (SS58).
	pub signer: String,
	/// The client's time of signing, unix ms.
	pub timestamp: u64,
	/// A nonce from `consent_readNonce` of the node asked (`0x` + 64 hex digits).
	pub nonce: String,
	/// The signature over [`message`] wrapped in `<Bytes>`, `0x` hex.
	pub signature: String,
}

/// [`ReadAuth`] as read and checked for form: the signer's account, the nonce's bytes, the
/// signature's bytes.
#[derive(Clone, Debug)]
pub struct CheckedAuth {
	/// Who signed.
	pub signer: AccountId32,
	/// When, by the client's clock (unix ms).
	pub timestamp: u64,
	/// The node's nonce.
	pub nonce: [u8; 32],
	/// The signature bytes.
	pub signature: Vec<u8>,
}

impl FromParam for ReadAuth {
	fn from_param(value: &Value) -> Result<Self, String> {
		crate::param::object(value, "a read authorisation { signer, timestamp, nonce, signature }")
	}

	fn to_param(&self) -> Value {
		serde_json::to_value(self).unwrap_or(Value::Null)
	}
}

/// Longest signature accepted, in bytes: a SCALE `MultiSignature` of ECDSA.
const MAX_SIGNATURE_LEN: usize = 66;

impl ReadAuth {
	/// The parts, each refused naming it (`auth.signer`, ...) if malformed.
	pub fn check_form(&self) -> Result<CheckedAuth, ErrorObjectOwned> {
		let signer = AccountId32::from_param(&Value::String(self.signer.clone()))
			.map_err(|reason| invalid("auth.signer", reason))?;
		let nonce = bytes32(&Value::String(self.nonce.clone()), "a nonce, 0x and 64 hex digits")
			.map_err(|reason| invalid("auth.nonce", reason))?;
		let signature = self
			.signature
			.strip_prefix("0x")
			.filter(|digits| digits.len() <= 2 * MAX_SIGNATURE_LEN)
			.and_then(|digits| sp_core::bytes::from_hex(digits).ok())
			.filter(|bytes| (64..=MAX_SIGNATURE_LEN).contains(&bytes.len()))
			.ok_or_else(|| {
				invalid(
					"auth.signature",
					format!(
						"expected 0x and the hex of a 64- to {MAX_SIGNATURE_LEN}-byte signature, got `{}`",
						clip(&self.signature)
					),
				)
			})?;
		Ok(CheckedAuth { signer, timestamp: self.timestamp, nonce, signature })
	}
}

/// The error of a refused authorisation: `field` of `auth` at fault, `reason` a stable word.
pub fn refused(field: &str, reason: &str, message: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(
		AUTH_REFUSED,
		format!("read refused: {field}: {message}"),
		Some(serde_json::json!({ "field": field, "reason": reason })),
	)
}

/// A parameter in the canonical form it takes in the signed [`message`].
pub trait Canonical {
	/// The canonical JSON value.
	fn canonical(&self) -> Value;
}

impl Canonical for AccountId32 {
	fn canonical(&self) -> Value {
		Value::String(hex(self.as_ref()))
	}
}

impl Canonical for u64 {
	fn canonical(&self) -> Value {
		Value::String(self.to_string())
	}
}

impl Canonical for [u8; 32] {
	fn canonical(&self) -> Value {
		Value::String(hex(self))
	}
}

impl Canonical for sp_core::H256 {
	fn canonical(&self) -> Value {
		Value::String(hex(self.as_bytes()))
	}
}

impl<T: Canonical> Canonical for Option<T> {
	fn canonical(&self) -> Value {
		self.as_ref().map_or(Value::Null, Canonical::canonical)
	}
}

/// The text a party signs for a read of `method` with `params` (canonical forms, in order).
pub fn message(
	genesis: &[u8],
	method: &str,
	params: &[Value],
	timestamp: u64,
	nonce: &[u8; 32],
) -> String {
	let params = Value::Array(params.to_vec());
	format!(
		"{SCHEME}\ngenesis: {}\nmethod: {method}\nparams: {params}\ntimestamp: {timestamp}\nnonce: {}",
		hex(genesis),
		hex(nonce)
	)
}

/// `message` as signed: wrapped in `<Bytes>`...`</Bytes>`, as `signRaw` does.
pub fn wrapped(message: &str) -> Vec<u8> {
	[b"<Bytes>".as_slice(), message.as_bytes(), b"</Bytes>"].concat()
}

/// Whether `signature` is `signer`'s over `payload`.
pub fn verifies(signature: &[u8], payload: &[u8], signer: &AccountId32) -> bool {
	let candidates: Vec<MultiSignature> = match signature.len() {
		64 => {
			let mut raw = [0u8; 64];
			raw.copy_from_slice(signature);
			vec![
				MultiSignature::Sr25519(sr25519::Signature::from_raw(raw)),
				MultiSignature::Ed25519(ed25519::Signature::from_raw(raw)),
			]
		},
		_ => {
			let mut candidates = Vec::new();
			if let Ok(typed) = MultiSignature::decode(&mut &signature[..]) {
				candidates.push(typed);
			}
			if let Ok(raw) = <[u8; 65]>::try_from(signature) {
				candidates.push(MultiSignature::Ecdsa(ecdsa::Signature::from_raw(raw)));
			}
			candidates
		},
	};
	candidates.iter().any(|candidate| candidate.verify(payload, signer))
}

/// Unix time now, in ms.
pub fn now_ms() -> u64 {
	SystemTime::now()
		.duration_since(UNIX_EPOCH)
		.map(|since| u64::try_from(since.as_millis()).unwrap_or(u64::MAX))
		.unwrap_or_default()
}

/// The nonces a node issued for reads: each is used once, within [`WINDOW_MS`] of issue.
/// Both books are bounded; forgetting an issued nonce early only makes a client ask again.
#[derive(Default)]
pub struct NonceBook {
	inner: Mutex<Books>,
}

#[derive(Default)]
struct Books {
	/// Issued and not yet used: nonce -> time of issue (unix ms).
	issued: HashMap<[u8; 32], u64>,
	/// Issue order, for forgetting the oldest.
	issue_order: VecDeque<[u8; 32]>,
	/// Used, to tell a replay from an unknown nonce.
	used: HashSet<[u8; 32]>,
	/// Use order, for forgetting the oldest.
	use_order: VecDeque<[u8; 32]>,
}

/// Why a nonce cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NonceRefusal {
	/// The node did not issue it (or forgot it).
	Unknown,
	/// It was used before.
	Replayed,
	/// It was issued more than [`WINDOW_MS`] ago.
	Expired,
}

impl NonceBook {
	/// A new nonce, valid for [`WINDOW_MS`] from `now` (unix ms).
	pub fn issue(&self, now: u64) -> [u8; 32] {
		let nonce: [u8; 32] = rand::random();
		let mut books = self.inner.lock();
		books.issued.insert(nonce, now);
		books.issue_order.push_back(nonce);
		while books.issue_order.len() > MAX_ISSUED_NONCES {
			if let Some(oldest) = books.issue_order.pop_front() {
				books.issued.remove(&oldest);
			}
		}
		nonce
	}

	/// Uses `nonce` at `now`: from then on it is refused as replayed.
	pub fn take(&self, nonce: &[u8; 32], now: u64) -> Result<(), NonceRefusal> {
		let mut books = self.inner.lock();
		if books.used.contains(nonce) {
			return Err(NonceRefusal::Replayed);
		}
		let issued_at = books.issued.remove(nonce).ok_or(NonceRefusal::Unknown)?;
		books.issue_order.retain(|issued| issued != nonce);
		books.used.insert(*nonce);
		books.use_order.push_back(*nonce);
		while books.use_order.len() > MAX_USED_NONCES {
			if let Some(oldest) = books.use_order.pop_front() {
				books.used.remove(&oldest);
			}
		}
		if now.saturating_sub(issued_at) > WINDOW_MS {
			return Err(NonceRefusal::Expired);
		}
		Ok(())
	}
}

/// Checks that `auth` is fresh, uses a nonce of `book`, and is signed by its signer over the
/// read of `method` with `params` on the chain of `genesis`; the signer, if so.
pub fn authenticate(
	book: &NonceBook,
	genesis: &[u8],
	method: &str,
	params: &[Value],
	auth: &ReadAuth,
	now: u64,
) -> Result<AccountId32, ErrorObjectOwned> {
	let auth = auth.check_form()?;
	if auth.timestamp > now.saturating_add(WINDOW_MS) {
		return Err(refused(
			"auth.timestamp",
			"future",
			format!(
				"{} is more than {} s ahead of the node's clock ({now})",
				auth.timestamp,
				WINDOW_MS / 1000
			),
		));
	}
	if auth.timestamp < now.saturating_sub(WINDOW_MS) {
		return Err(refused(
			"auth.timestamp",
			"stale",
			format!(
				"{} is more than {} s behind the node's clock ({now})",
				auth.timestamp,
				WINDOW_MS / 1000
			),
		));
	}
	let payload = wrapped(&message(genesis, method, params, auth.timestamp, &auth.nonce));
	if !verifies(&auth.signature, &payload, &auth.signer) {
		return Err(refused(
			"auth.signature",
			"badSignature",
			format!(
				"not a signature of {} over this read ({method} with these parameters, on this chain)",
				address(&auth.signer)
			),
		));
	}
	book.take(&auth.nonce, now).map_err(|refusal| match refusal {
		NonceRefusal::Unknown => refused(
			"auth.nonce",
			"unknownNonce",
			"not a nonce this node issued (ask consent_readNonce of the node you send the read to)",
		),
		NonceRefusal::Replayed => refused("auth.nonce", "replayed", "this nonce was used already"),
		NonceRefusal::Expired => refused(
			"auth.nonce",
			"expiredNonce",
			format!("issued more than {} s ago", WINDOW_MS / 1000),
		),
	})?;
	Ok(auth.signer)
}

/// The `auth` a client sends: `pair`'s signature over the read of `method` with `params`
/// (canonical forms) at `timestamp`, with the node's `nonce`.
pub fn sign<P: Pair>(
	pair: &P,
	genesis: &[u8],
	method: &str,
	params: &[Value],
	timestamp: u64,
	nonce: &[u8; 32],
) -> ReadAuth
where
	P::Public: Into<AccountId32>,
	P::Signature: AsRef<[u8]>,
{
	let payload = wrapped(&message(genesis, method, params, timestamp, nonce));
	let signature = pair.sign(&payload);
	ReadAuth {
		signer: address(&pair.public().into()),
		timestamp,
		nonce: hex(nonce),
		signature: hex(signature.as_ref()),
	}
}

/// The error of a read by someone who is not a party of it.
pub fn not_a_party(signer: &AccountId32, of_what: &str) -> ErrorObjectOwned {
	refused("auth.signer", "notAParty", format!("{} is not {of_what}", address(signer)))
}

/// A client's authorisation of one read: asks `client`'s node for a nonce and signs the read of
/// `method` with `params` (canonical forms) with `pair`, at the client's clock.
pub async fn authorise<C, P>(
	client: &C,
	pair: &P,
	method: &str,
	params: &[Value],
) -> Result<ReadAuth, jsonrpsee::core::ClientError>
where
	C: crate::api::ConsentRpcClient<sp_core::H256> + jsonrpsee::core::client::ClientT + Sync,
	P: Pair,
	P::Public: Into<AccountId32>,
	P::Signature: AsRef<[u8]>,
{
	let genesis: sp_core::H256 =
		client.request("chain_getBlockHash", jsonrpsee::rpc_params![0]).await?;
	let nonce = client.read_nonce().await?;
	let nonce = bytes32(&Value::String(nonce.nonce), "a nonce")
		.map_err(|e| jsonrpsee::core::ClientError::Custom(format!("the node's nonce: {e}")))?;
	Ok(sign(pair, genesis.as_bytes(), method, params, now_ms(), &nonce))
}
