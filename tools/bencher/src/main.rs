//! `carechain-bencher`: runs a runtime's benchmarks from its wasm file, for
//! `scripts/benchmark.sh`. Two commands, with frame-benchmarking-cli's own options:
//!
//! ```text
//! carechain-bencher pallet   --runtime <wasm> --pallet <name> --extrinsic '*' ...
//! carechain-bencher overhead --runtime <wasm> ...
//! ```
//!
//! It does what frame-omni-bencher's `v1 benchmark pallet|overhead` do, with only the standard
//! host functions (a solo chain's runtime needs no parachain or statement-store host functions)
//! and no database backend but the in-memory one the benchmarks use, so building it compiles no
//! RocksDB (and needs no libclang).

use clap::Parser;
use frame_benchmarking_cli::{OpaqueBlock, OverheadCmd, PalletCmd};
use sp_runtime::traits::BlakeTwo256;

/// Benchmarks of a runtime, from its wasm file.
#[derive(Debug, Parser)]
#[command(name = "carechain-bencher", version, about)]
enum Command {
	/// Benchmark a pallet's calls and hooks (frame-benchmarking v2), writing a weights file.
	Pallet(Box<PalletCmd>),
	/// Benchmark the block and extrinsic base weights.
	Overhead(Box<OverheadCmd>),
}

fn main() -> sc_cli::Result<()> {
	// `info` by default (RUST_LOG overrides it), without the wasm compilers' chatter.
	sc_cli::LoggerBuilder::new("info,cranelift_codegen=off,wasm_cranelift=off,wasmtime_cranelift=off")
		.init()
		.map_err(|e| sc_cli::Error::Input(format!("cannot start logging: {e}")))?;
	match Command::parse() {
		Command::Pallet(command) => command.run_with_spec::<BlakeTwo256, ()>(None),
		Command::Overhead(command) => {
			command.run_with_default_builder_and_spec::<OpaqueBlock, ()>(None)
		},
	}
}
