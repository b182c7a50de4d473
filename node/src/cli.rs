//! Command-line interface of `carechain`.

use sc_cli::RunCmd;

/// The `carechain` command line: run a node, or one of the maintenance subcommands.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	/// A maintenance subcommand; without one, the node runs.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Options of the node itself (`--dev`, `--chain`, `--rpc-port`, ...).
	#[clap(flatten)]
	pub run: RunCmd,

	/// Block time of the built-in `dev` and `local` chains, in milliseconds (1000 to 60000;
	/// default 6000), written into their genesis as `blockTime.slotDurationMs`. For tests and
	/// demos: it changes the genesis hash, so all nodes of one chain must be given the same value.
	/// A chain-spec file carries its own block time and refuses this option.
	#[arg(long, value_name = "MS", global = true, value_parser = parse_block_time)]
	pub dev_block_time: Option<u64>,

	/// Also serve the public JSON-RPC face on this address (e.g. `0.0.0.0:9955`): what wallets
	/// and clinics need (submit and watch extrinsics, heads, metadata, party-signed consent
	/// reads) and no raw state. The full RPC of `--rpc-port` stays on loopback for the node's own
	/// organisation.
	#[arg(long, value_name = "ADDR")]
	pub public_rpc_addr: Option<std::net::SocketAddr>,

	/// Runs the chain's clock this many days ahead of the wall clock, on the built-in `dev` and
	/// `local` chains only (1 to 3650). For tests and demos of deadlines (a prompt-pay deadline,
	/// an expiry): restart a node on its own `--base-path` with a larger offset and its next
	/// block is that much later. Every node of one chain must be given the same offset.
	#[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=3650))]
	pub dev_clock_offset_days: Option<u32>,
}

/// Reads `--dev-block-time`: a whole number of milliseconds the runtime accepts as a slot.
fn parse_block_time(text: &str) -> Result<u64, String> {
	use carechain_runtime::configs::consensus::{MaxSlotDuration, MinSlotDuration};
	use sp_core::Get;
	let (min, max) = (MinSlotDuration::get(), MaxSlotDuration::get());
	let millis: u64 =
		text.parse().map_err(|_| format!("`{text}` is not a whole number of milliseconds"))?;
	if !(min..=max).contains(&millis) {
		return Err(format!("{millis} ms is outside the runtime's {min}..={max} ms"));
	}
	Ok(millis)
}

/// Maintenance subcommands.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management (generate, inspect, insert session keys).
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Print a chain specification (`--raw` for the storage form validators share).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export a chain specification without starting networking.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate a block.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks to a file.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a block into a chain specification.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks from a file.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain database.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to an earlier block.
	Revert(sc_cli::RevertCmd),

	/// Print information about the database.
	ChainInfo(sc_cli::ChainInfoCmd),
}
