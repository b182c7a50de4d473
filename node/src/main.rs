//! `carechain`: the CareChain node.
//!
//! A Substrate node with Aura block production, GRANDPA finality and ParityDB storage that runs
//! the CareChain runtime and serves the standard Substrate JSON-RPC plus CareChain's own methods.

#![deny(missing_docs)]
// sc-cli and sc-service return their (large) error types by value; the node's commands follow
// their signatures.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod native_check;
mod public_rpc;
mod rpc;
mod service;

fn main() {
	if let Err(error) = command::run() {
		// Display, not Debug: the operator reads this, e.g. which chain spec was refused and why.
		eprintln!("Error: {error}");
		std::process::exit(1);
	}
}
