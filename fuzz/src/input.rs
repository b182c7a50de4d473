//! How fuzz bytes become steps of a chain history, and which calls are fuzzed.
//!
//! The format is a concatenation of steps, each `[lapse: u8][caller: u8][call: RuntimeCall]`
//! (the call SCALE-encoded, nested at most [`MAX_CALL_DEPTH`] deep). Decoding stops at the first
//! step that does not decode, or after [`MAX_STEPS`]; steps whose call is not fuzzed are dropped.

use codec::{DecodeLimit, Encode};

use carechain_runtime::{BlockNumber, Moment, RuntimeCall};

use crate::accounts;

/// At most this many steps are taken from one input, so one execution stays short.
pub const MAX_STEPS: usize = 64;
/// How deep calls may nest (Utility batches, guardians' calls, Council proposals).
pub const MAX_CALL_DEPTH: u32 = 8;
/// Lapse bytes up to this build that many consecutive blocks (few: a run of empty blocks
/// costs executions and reaches little that one block after a gap does not).
const MAX_CONSECUTIVE: u8 = 3;
/// A lapse byte at or above this moves on whole days: `byte - DAY_LAPSES + 1` of them.
const DAY_LAPSES: u8 = 240;
/// Milliseconds in an hour.
const HOUR_MS: Moment = 3_600_000;

/// How far the chain moves on before a step's call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lapse {
	/// The call goes into the current block.
	SameBlock,
	/// The current block ends, this many blocks follow one slot apart, and the call goes into
	/// the last of them.
	Blocks(BlockNumber),
	/// The current block ends and the next one comes this many milliseconds later (the chain
	/// stalled, or, in the fuzzer, days pass without anyone acting): the call goes into it.
	Gap(Moment),
}

impl Lapse {
	/// `0`: same block; `1..=3`: that many blocks; `4..=239`: one block after a gap of 1 to
	/// 236 hours; `240..=255`: one block after a gap of 1 to 16 days.
	pub fn from_byte(byte: u8) -> Self {
		match byte {
			0 => Lapse::SameBlock,
			b if b <= MAX_CONSECUTIVE => Lapse::Blocks(BlockNumber::from(b)),
			b if b < DAY_LAPSES => Lapse::Gap(Moment::from(b - MAX_CONSECUTIVE) * HOUR_MS),
			b => Lapse::Gap(Moment::from(b - DAY_LAPSES + 1) * 24 * HOUR_MS),
		}
	}
}

/// Who dispatches a step's call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Caller {
	/// A signed transaction of one of [`accounts::callers`].
	Signed(carechain_runtime::AccountId),
	/// The whole Council, as an approved motion dispatches.
	Council,
}

impl Caller {
	/// The caller a byte chooses: an index into [`accounts::callers`], then the Council.
	pub fn from_byte(byte: u8) -> Self {
		let index = usize::from(byte) % (accounts::CALLERS + 1);
		match accounts::callers().get(index) {
			Some(account) => Caller::Signed(account.clone()),
			None => Caller::Council,
		}
	}
}

/// One step of a fuzzed chain history.
#[derive(Clone, Debug)]
pub struct Step {
	/// How far the chain moves on first.
	pub lapse: Lapse,
	/// Who acts.
	pub caller: Caller,
	/// What they call.
	pub call: RuntimeCall,
}

/// The steps an input decodes to.
pub fn decode(mut data: &[u8]) -> Vec<Step> {
	let mut steps = Vec::new();
	while steps.len() < MAX_STEPS {
		let [lapse, caller, rest @ ..] = data else { break };
		data = rest;
		let Ok(call) = RuntimeCall::decode_with_depth_limit(MAX_CALL_DEPTH, &mut data) else {
			break;
		};
		if is_fuzzed(&call) {
			steps.push(Step {
				lapse: Lapse::from_byte(*lapse),
				caller: Caller::from_byte(*caller),
				call,
			});
		}
	}
	steps
}

/// The bytes of a step, for writing seed inputs.
pub fn encode_step(lapse: u8, caller: u8, call: &RuntimeCall) -> Vec<u8> {
	let mut bytes = vec![lapse, caller];
	call.encode_to(&mut bytes);
	bytes
}

/// Whether a call, and every call nested in it, belongs to a fuzzed pallet. Left out: System
/// (`set_code` and storage surgery), Sudo (the fuzzed genesis has no sudo key anyway),
/// Timestamp (an inherent the block builder sets), Upgrades (an authorized upgrade would replace
/// the runtime under test), and Utility's Root-only `dispatch_as` / `with_weight`.
pub fn is_fuzzed(call: &RuntimeCall) -> bool {
	use pallet_utility::Call as Utility;
	match call {
		RuntimeCall::PatientIdentity(pallet_patient_identity::Call::as_guardian {
			call, ..
		}) => is_fuzzed(call),
		RuntimeCall::Council(pallet_collective::Call::propose { proposal, .. }) => {
			is_fuzzed(proposal)
		},
		RuntimeCall::Utility(
			Utility::batch { calls }
			| Utility::batch_all { calls }
			| Utility::force_batch { calls },
		) => calls.iter().all(is_fuzzed),
		RuntimeCall::Utility(Utility::as_derivative { call, .. }) => is_fuzzed(call),
		RuntimeCall::Utility(_) => false,
		RuntimeCall::PatientIdentity(_)
		| RuntimeCall::ProviderRegistry(_)
		| RuntimeCall::Consent(_)
		| RuntimeCall::DataRewards(_)
		| RuntimeCall::Council(_)
		| RuntimeCall::CouncilMembership(_)
		| RuntimeCall::Parameters(_)
		| RuntimeCall::TxPause(_)
		| RuntimeCall::Balances(_) => true,
		_ => false,
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn lapse_bytes_cover_blocks_and_days() {
		assert_eq!(Lapse::from_byte(0), Lapse::SameBlock);
		assert_eq!(Lapse::from_byte(1), Lapse::Blocks(1));
		assert_eq!(Lapse::from_byte(3), Lapse::Blocks(3));
		assert_eq!(Lapse::from_byte(4), Lapse::Gap(HOUR_MS));
		assert_eq!(Lapse::from_byte(239), Lapse::Gap(236 * HOUR_MS));
		assert_eq!(Lapse::from_byte(240), Lapse::Gap(24 * HOUR_MS));
		assert_eq!(Lapse::from_byte(255), Lapse::Gap(16 * 24 * HOUR_MS));
	}

	#[test]
	fn the_byte_after_the_last_signer_is_the_council() {
		assert_eq!(Caller::from_byte(accounts::CALLERS as u8), Caller::Council);
		assert_eq!(Caller::from_byte(0), Caller::Signed(accounts::callers()[0].clone()));
		assert_eq!(accounts::callers().len(), accounts::CALLERS);
	}

	#[test]
	fn system_and_sudo_calls_are_dropped_even_when_nested() {
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		let sudo = RuntimeCall::Sudo(pallet_sudo_call(remark.clone()));
		let fuzzed =
			RuntimeCall::PatientIdentity(pallet_patient_identity::Call::set_emergency_access {
				allowed: false,
			});
		let batch = |calls| RuntimeCall::Utility(pallet_utility::Call::batch { calls });
		let mut bytes = encode_step(0, 3, &fuzzed);
		bytes.extend(encode_step(0, 3, &remark));
		bytes.extend(encode_step(0, 3, &batch(vec![fuzzed.clone(), sudo])));
		bytes.extend(encode_step(1, 3, &batch(vec![fuzzed.clone()])));
		let steps = decode(&bytes);
		assert_eq!(steps.len(), 2);
		assert_eq!(steps[1].lapse, Lapse::Blocks(1));
	}

	fn pallet_sudo_call(call: RuntimeCall) -> pallet_sudo::Call<carechain_runtime::Runtime> {
		pallet_sudo::Call::sudo { call: Box::new(call) }
	}

	#[test]
	fn decoding_stops_at_bytes_that_are_no_call() {
		let fuzzed =
			RuntimeCall::PatientIdentity(pallet_patient_identity::Call::set_emergency_access {
				allowed: true,
			});
		let mut bytes = encode_step(0, 0, &fuzzed);
		bytes.extend([0, 0, 0xff, 0xff]);
		bytes.extend(encode_step(0, 0, &fuzzed));
		assert_eq!(decode(&bytes).len(), 1);
	}
}
