//! # CareChain runtime fuzzer
//!
//! Turns arbitrary bytes into a short chain history of the real runtime (native, in memory) and
//! checks it after every block. The same code runs in two ways:
//! - under libFuzzer (`fuzz_targets/runtime.rs`, built by `cargo fuzz` with coverage
//!   instrumentation), hours at a time, in the background (README: "Fuzzing");
//! - as an ordinary test (`tests/corpus_replay.rs`): every input of the committed corpus is
//!   replayed without instrumentation, so CI keeps the corpus passing at no build cost.
//!
//! An input is a sequence of [`input::Step`]s: how far the chain moves on first (same block, some
//! blocks, some days), who acts (one of [`accounts::CALLERS`] or the whole Council), and a SCALE
//! encoded `RuntimeCall` of a CareChain pallet, the Council, its membership, Parameters, TxPause,
//! Balances or Utility. Signed calls go through the runtime's whole transaction-extension pipeline
//! (nonce, mortal era, weight, fees, staff fees, fee-free quota), without signatures; Council
//! decisions are dispatched as an approved motion would be. Blocks are built as a block author
//! builds them: Aura pre-digest, timestamp inherent, `on_idle`, `on_finalize`.
//!
//! After every block, [`invariants::check`] runs `try_state` of every CareChain pallet, checks
//! that the balances add up to the total issuance and that nothing minted, and that the Council
//! and its membership agree. A failed check panics: that is a finding.

pub mod accounts;
pub mod chain;
pub mod input;
pub mod invariants;
pub mod seeds;

pub use chain::{BlockReport, Report};

/// Runs one input from genesis and checks every block; panics on a broken invariant.
pub fn execute(data: &[u8]) -> Report {
	chain::run(&input::decode(data))
}
