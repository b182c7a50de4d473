//! `carechain-fhir-gateway`: a FHIR R5 REST server that a clinic runs next to its EHR. It holds
//! the clinic's key (the provider's or a staff member's), signs the clinic's party reads with it,
//! and talks to any CareChain node's JSON-RPC, so clinic software speaks FHIR and never sees the
//! chain's own interface. What it serves: `GET /fhir/metadata`; see `docs/fhir-gateway.md`.

mod audit;
mod capability;
mod claims;
mod consent;
mod node;
mod outcome;
mod parameters;
mod request;
mod routes;
mod sealing;

use std::{path::PathBuf, sync::Arc};

use clap::Parser;
use sp_core::{crypto::Ss58Codec, sr25519, Pair};

/// A FHIR R5 gateway to a CareChain node.
#[derive(Debug, Parser)]
#[command(name = "carechain-fhir-gateway", version, about)]
struct Cli {
	/// WebSocket JSON-RPC endpoint of the node (its public face or its full RPC).
	#[arg(long, default_value = "ws://127.0.0.1:9944")]
	node: String,
	/// Address to serve HTTP on (port 0: any free port, printed at start).
	#[arg(long, default_value = "127.0.0.1:8080")]
	listen: String,
	/// File holding the clinic's key: a secret URI or seed phrase (e.g. `//Bob` on a dev
	/// chain). Without it, `CARECHAIN_KEY` is read.
	#[arg(long)]
	key_file: Option<PathBuf>,
	/// File holding the seed of the clinic's encryption key (`0x` + 64 hex digits, as
	/// `carechain-clinic encryption-key --generate` writes it), whose public half the clinic
	/// published in the provider registry. With it the gateway opens the consent salts sealed
	/// to the clinic and asks about sensitive categories by tag; without it, it refuses to.
	#[arg(long)]
	encryption_key_file: Option<PathBuf>,
	/// The base URL clients reach the API at, for `fullUrl`s (default: the listening address
	/// with `/fhir/R5`).
	#[arg(long)]
	public_url: Option<String>,
}

/// A start-up failure, as the operator reads it.
type Error = Box<dyn std::error::Error + Send + Sync>;

fn main() {
	let cli = Cli::parse();
	let outcome = tokio::runtime::Builder::new_multi_thread()
		.enable_all()
		.build()
		.map_err(Error::from)
		.and_then(|runtime| runtime.block_on(serve(cli)));
	if let Err(error) = outcome {
		eprintln!("Error: {error}");
		std::process::exit(1);
	}
}

/// The clinic's signing key, from `--key-file` or `CARECHAIN_KEY`.
fn clinic_key(key_file: &Option<PathBuf>) -> Result<sr25519::Pair, Error> {
	let secret = match key_file {
		Some(path) => std::fs::read_to_string(path)
			.map_err(|e| format!("cannot read the key file {}: {e}", path.display()))?,
		None => std::env::var("CARECHAIN_KEY")
			.map_err(|_| "no clinic key: give --key-file or set CARECHAIN_KEY")?,
	};
	sr25519::Pair::from_string(secret.trim(), None)
		.map_err(|e| format!("the clinic key is not a secret URI or seed phrase: {e:?}").into())
}

async fn serve(cli: Cli) -> Result<(), Error> {
	let pair = clinic_key(&cli.key_file)?;
	let encryption = cli.encryption_key_file.as_deref().map(sealing::key_pair).transpose()?;
	let listener = tokio::net::TcpListener::bind(&cli.listen)
		.await
		.map_err(|e| format!("cannot listen on {}: {e}", cli.listen))?;
	let address = listener.local_addr()?;
	let base_url = cli.public_url.unwrap_or_else(|| format!("http://{address}/fhir/R5"));
	let account = pair.public().to_ss58check();
	let sealed = if encryption.is_some() { "opens sealed scopes" } else { "no encryption key" };
	let gateway = Arc::new(routes::Gateway {
		node: node::Node::new(cli.node.clone(), pair),
		base_url,
		encryption,
	});
	println!("carechain-fhir-gateway: FHIR R5 at http://{address}/fhir (pinned: http://{address}/fhir/R5), as {account} ({sealed}), node {}", cli.node);
	axum::serve(listener, routes::router(gateway))
		.with_graceful_shutdown(async {
			let _ = tokio::signal::ctrl_c().await;
		})
		.await?;
	Ok(())
}
