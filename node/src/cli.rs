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
}

/// Maintenance subcommands.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Clinic integration against a running node: check access, list consents, print a consent
	/// as FHIR, grant from a FHIR Consent file.
	Clinic(crate::clinic::ClinicCmd),

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
