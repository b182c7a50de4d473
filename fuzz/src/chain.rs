//! Builds the blocks of a fuzzed chain history, as a block author would, and runs the steps.

use std::{sync::OnceLock, time::Instant};

use codec::Encode;
use frame_support::{
	dispatch::{GetDispatchInfo, PostDispatchInfo},
	storage::{with_transaction, TransactionOutcome},
	traits::Get,
	weights::Weight,
};
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_runtime::{
	generic::{CheckedExtrinsic, ExtrinsicFormat},
	traits::{Applyable, Dispatchable, Header as _},
	transaction_validity::InvalidTransaction,
	Digest, DigestItem, Storage,
};

use carechain_runtime::{
	configs::CouncilCollective, AccountId, BlockNumber, BuildStorage, Executive, Header, Moment,
	Runtime, RuntimeCall, RuntimeOrigin, System, UncheckedExtrinsic,
};

use crate::{
	accounts,
	input::{Caller, Lapse, Step},
	invariants,
};

/// When the fuzzed chain's first block is made: 2026-01-01 (unix ms).
pub const START: Moment = 1_767_225_600_000;

/// What one block of a run took and weighed.
#[derive(Clone, Debug)]
pub struct BlockReport {
	/// Its number.
	pub number: BlockNumber,
	/// Steps dispatched in it (signed transactions, valid or not, and Council decisions).
	pub steps: usize,
	/// The weight the runtime accounted for it (all classes, Council decisions included).
	pub weight: Weight,
	/// The real time from `initialize_block` to `finalize_block`, in nanoseconds (the invariant
	/// checks excluded).
	pub nanos: u128,
}

/// What a run did.
#[derive(Clone, Debug, Default)]
pub struct Report {
	/// Every block, in order.
	pub blocks: Vec<BlockReport>,
	/// Signed transactions that were valid (included, whatever their dispatch result).
	pub included: usize,
	/// Why included transactions' calls and Council decisions failed, in order.
	pub failed: Vec<sp_runtime::DispatchError>,
	/// Signed transactions the extensions refused (a pool would drop them), and why.
	pub refused: Vec<sp_runtime::transaction_validity::TransactionValidityError>,
	/// Council decisions dispatched.
	pub council: usize,
}

/// The development genesis, changed for fuzzing: no sudo key (Root would make every invariant
/// breakable) and the funded plain accounts. Built once per process.
fn genesis() -> &'static Storage {
	static GENESIS: OnceLock<Storage> = OnceLock::new();
	GENESIS.get_or_init(|| {
		let mut config = carechain_runtime::genesis_config_presets::full_config(
			&sp_genesis_builder::DEV_RUNTIME_PRESET.into(),
		)
		.expect("the development preset builds");
		config.sudo.key = None;
		config.balances.balances.extend(
			accounts::FUNDED_PLAIN.iter().map(|b| (accounts::plain(*b), accounts::FUZZ_ENDOWMENT)),
		);
		config.build_storage().expect("the fuzzing genesis builds")
	})
}

/// The block being built and the time it carries.
struct Chain {
	number: BlockNumber,
	now: Moment,
	parent_hash: carechain_runtime::Hash,
	started: Instant,
	steps: usize,
	genesis_issuance: carechain_runtime::Balance,
	report: Report,
}

impl Chain {
	/// Starts block `number` at time `now`: Aura pre-digest for the slot, then the timestamp
	/// inherent.
	fn start_block(&mut self) {
		self.started = Instant::now();
		self.steps = 0;
		let slot = Slot::from(self.now / pallet_block_time::SlotDurationOf::<Runtime>::get());
		let digest = Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, slot.encode())] };
		let header = Header::new(
			self.number,
			Default::default(),
			Default::default(),
			self.parent_hash,
			digest,
		);
		Executive::initialize_block(&header);
		let timestamp = RuntimeCall::Timestamp(pallet_timestamp::Call::set { now: self.now });
		Executive::apply_extrinsic(UncheckedExtrinsic::new_bare(timestamp))
			.expect("the timestamp inherent is valid")
			.expect("the timestamp inherent succeeds");
	}

	/// Ends the block (`on_idle`, `on_finalize`) and records it; checks every invariant after
	/// a block with steps, or when `last`.
	fn end_block(&mut self, last: bool) {
		let header = Executive::finalize_block();
		let nanos = self.started.elapsed().as_nanos();
		self.parent_hash = header.hash();
		let weight = System::block_weight().total();
		self.report.blocks.push(BlockReport {
			number: self.number,
			steps: self.steps,
			weight,
			nanos,
		});
		if self.steps > 0 || last {
			invariants::check(self.genesis_issuance);
		}
	}

	/// Ends the current block and starts the next one `gap` milliseconds later.
	fn next_block(&mut self, gap: Moment) {
		self.end_block(false);
		self.number = self.number.saturating_add(1);
		self.now = self.now.saturating_add(gap);
		self.start_block();
	}

	/// Moves on as `lapse` says.
	fn lapse(&mut self, lapse: Lapse) {
		let slot = pallet_block_time::SlotDurationOf::<Runtime>::get();
		match lapse {
			Lapse::SameBlock => {},
			Lapse::Blocks(blocks) => {
				for _ in 0..blocks {
					self.next_block(slot);
				}
			},
			Lapse::Gap(gap) => self.next_block(gap.max(slot)),
		}
	}

	fn step(&mut self, step: &Step) {
		self.lapse(step.lapse);
		self.steps += 1;
		match &step.caller {
			Caller::Signed(who) => self.apply_signed(who.clone(), step.call.clone()),
			Caller::Council => self.dispatch_as_council(step.call.clone()),
		}
	}

	/// Applies `call` as a transaction of `who` through every transaction extension, the way
	/// `Executive::apply_extrinsic` does once the signature is checked (no signature here: the
	/// fuzzer may act for any account). A transaction the extensions refuse leaves no trace, as
	/// in a block builder.
	fn apply_signed(&mut self, who: AccountId, call: RuntimeCall) {
		let nonce = System::account_nonce(&who);
		// Born in the parent block, as a wallet signs against the best block.
		let extensions =
			carechain_runtime::wallet_tx_extension(nonce, self.number.saturating_sub(1));
		// The length fees are charged for: the call inside a signed extrinsic of this shape.
		let length = call.encoded_size() + 110;
		let info = call.get_dispatch_info();
		let checked = CheckedExtrinsic::<AccountId, RuntimeCall, carechain_runtime::TxExtension> {
			format: ExtrinsicFormat::Signed(who, extensions),
			function: call,
		};
		let included = with_transaction(|| {
			if !System::inherents_applied() {
				Executive::inherents_applied();
			}
			match checked.apply::<Runtime>(&info, length) {
				Ok(result) => {
					System::note_applied_extrinsic(&result, info);
					TransactionOutcome::Commit(Ok(Ok(result.err().map(|e| e.error))))
				},
				Err(error) => {
					TransactionOutcome::Rollback(Ok::<_, sp_runtime::DispatchError>(Err(error)))
				},
			}
		})
		.unwrap_or(Err(InvalidTransaction::Call.into()));
		match included {
			Ok(failure) => {
				self.report.included += 1;
				self.report.failed.extend(failure);
			},
			Err(error) => self.report.refused.push(error),
		}
	}

	/// Dispatches `call` with the origin of a motion the whole Council approved (through the
	/// call filter, as `close` does), and accounts for its weight in the block.
	fn dispatch_as_council(&mut self, call: RuntimeCall) {
		let members = pallet_collective::Members::<Runtime, CouncilCollective>::get();
		let Ok(size) = u32::try_from(members.len()) else { return };
		if size == 0 {
			return;
		}
		let origin: RuntimeOrigin =
			pallet_collective::RawOrigin::<AccountId, CouncilCollective>::Members(size, size)
				.into();
		let weight = call.get_dispatch_info().call_weight;
		let mut failed = Vec::new();
		let used = with_transaction(|| {
			let result = call.dispatch(origin);
			let post: PostDispatchInfo = match result {
				Ok(post) => post,
				Err(error) => {
					failed.push(error.error);
					error.post_info
				},
			};
			let outcome = if result.is_ok() {
				TransactionOutcome::Commit
			} else {
				TransactionOutcome::Rollback
			};
			outcome(Ok::<_, sp_runtime::DispatchError>(post.calc_actual_weight(&call_info(weight))))
		})
		.unwrap_or(weight);
		System::register_extra_weight_unchecked(
			used,
			frame_support::dispatch::DispatchClass::Normal,
		);
		self.report.council += 1;
		self.report.failed.extend(failed);
	}
}

/// A dispatch info that carries `weight`, for turning a post-dispatch info into actual weight.
fn call_info(weight: Weight) -> frame_support::dispatch::DispatchInfo {
	frame_support::dispatch::DispatchInfo { call_weight: weight, ..Default::default() }
}

/// Runs `steps` from the fuzzing genesis, checking the invariants after every block.
pub fn run(steps: &[Step]) -> Report {
	in_genesis(|| {
		let mut chain = Chain {
			number: 1,
			now: START,
			parent_hash: System::block_hash(0),
			started: Instant::now(),
			steps: 0,
			genesis_issuance: pallet_balances::TotalIssuance::<Runtime>::get(),
			report: Report::default(),
		};
		chain.start_block();
		for step in steps {
			chain.step(step);
		}
		chain.end_block(true);
		chain.report
	})
}

/// Runs `f` in the fuzzing genesis state (block 0, nothing built yet). Plain externalities
/// (state in a map, the root computed from it when a block ends) rather than a trie backend:
/// the same runtime behaviour, about twice the executions per second.
pub fn in_genesis<R>(f: impl FnOnce() -> R) -> R {
	sp_state_machine::BasicExternalities::new(genesis().clone()).execute_with(f)
}
