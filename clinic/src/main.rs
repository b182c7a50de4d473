//! `carechain-clinic`: what a clinic integrator does against a running node, over its JSON-RPC:
//! the typed client of `carechain-rpc` for CareChain's methods, the chain's metadata for its
//! events. It works against the node's public RPC face as well as the full RPC.
//!
//! Queries pass the operator's words to the node unchanged (`consent_checkAccess`,
//! `consent_listByPatient`, ...), so that the node's own validation answers a bad address or
//! name, and print the node's JSON. Reads of consents are party-signed: `--key` (or
//! `CARECHAIN_KEY`) is the key of the patient, guardian or provider asking. `grant` turns a
//! FHIR R5 `Consent` file into a signed `Consent::grant` of the patient and submits it.
//! `encryption-key` keeps the clinic's X25519 key in a file and publishes its public half in the
//! provider registry; `sealed-tag` opens a consent salt sealed to it into the tag of a sensitive
//! category (`docs/sealed-scopes.md`).

mod encryption;
mod events;
mod grant;
mod submit;

use std::path::PathBuf;

use carechain_rpc::{
	auth::{authorise, Canonical, ReadAuth},
	param::{FromParam, Param},
	ConsentRpcClient,
};
use clap::Parser;
use jsonrpsee::{
	core::client::Error as ClientError,
	ws_client::{WsClient, WsClientBuilder},
};
use serde_json::Value;
use sp_core::{
	crypto::{AccountId32, Pair as _},
	sr25519, H256,
};

/// Clinic commands against a running node.
#[derive(Debug, Parser)]
#[command(name = "carechain-clinic", version, about)]
pub struct ClinicCmd {
	/// WebSocket JSON-RPC endpoint of the node (its public face or its full RPC).
	#[arg(long, global = true, default_value = "ws://127.0.0.1:9944")]
	pub url: String,

	/// What to do.
	#[command(subcommand)]
	pub action: ClinicAction,
}

/// The clinic commands.
#[derive(Debug, clap::Subcommand)]
pub enum ClinicAction {
	/// May `accessor` do `action` on the patient's `category` data for `purpose` now?
	/// Prints the decision (`consent_checkAccess`).
	CheckAccess {
		/// The patient's SS58 address.
		#[arg(long)]
		patient: String,
		/// The provider or staff member's SS58 address.
		#[arg(long)]
		accessor: String,
		/// A standard category's name, e.g. `LabResults`, or a sensitive one's sealed tag (`0x` +
		/// 32 hex digits, from `sealed-tag`): a sensitive name is refused, the node would learn it.
		#[arg(long)]
		category: String,
		/// `read` or `write`.
		#[arg(long, default_value = "read")]
		action: String,
		/// Purpose-of-use code, e.g. `TREAT`.
		#[arg(long, default_value = "TREAT")]
		purpose: String,
	},

	/// List the consents of a patient (`--patient`) or naming a provider (`--grantee`), as
	/// the party whose key signs the read.
	Consents {
		/// The patient's SS58 address.
		#[arg(long, conflicts_with = "grantee", required_unless_present = "grantee")]
		patient: Option<String>,
		/// The provider's SS58 address.
		#[arg(long)]
		grantee: Option<String>,
		/// The reader's key (a dev key such as `//Bob` or a seed phrase); read from
		/// `CARECHAIN_KEY` if not given, to keep it out of shell history.
		#[arg(long)]
		key: Option<String>,
	},

	/// Print consent `id` as a FHIR R5 `Consent` resource (`consent_toFhir`), as the party
	/// whose key signs the read.
	Fhir {
		/// The consent id.
		id: u64,
		/// The reader's key; read from `CARECHAIN_KEY` if not given.
		#[arg(long)]
		key: Option<String>,
	},

	/// Turn a FHIR R5 `Consent` JSON file into the patient's signed `Consent::grant` and submit
	/// it; prints the new consent id and the block it is in.
	Grant {
		/// The FHIR `Consent` JSON file.
		#[arg(long)]
		fhir: PathBuf,
		/// The patient's key: a dev key such as `//Dave` or a seed phrase (optionally with a
		/// derivation path). Read from `CARECHAIN_PATIENT_KEY` if not given, to keep it out of
		/// shell history.
		#[arg(long)]
		key: Option<String>,
		/// Print the grant the file stands for without signing or submitting it.
		#[arg(long)]
		dry_run: bool,
	},
	/// Print the public half of the clinic's X25519 encryption key, whose secret seed
	/// `--secret-file` holds (`--generate` creates the file with a fresh seed if it is missing,
	/// readable by its owner only); with `--publish`, publish it in the provider registry as the
	/// provider `--key` signs for (`ProviderRegistry::set_encryption_key`; again to rotate).
	EncryptionKey {
		/// The file holding the key's secret seed (0x and 64 hex digits).
		#[arg(long)]
		secret_file: PathBuf,
		/// Create the file with a fresh seed if it does not exist.
		#[arg(long)]
		generate: bool,
		/// Publish the public key in the provider registry.
		#[arg(long)]
		publish: bool,
		/// The provider's key (a dev key such as `//Bob` or a seed phrase); read from
		/// `CARECHAIN_KEY` if not given.
		#[arg(long)]
		key: Option<String>,
	},
	/// Open a consent salt sealed to the clinic's key and print the tag that stands for a
	/// sensitive `category` under that consent (`docs/sealed-scopes.md`).
	SealedTag {
		/// The file holding the clinic key's secret seed.
		#[arg(long)]
		secret_file: PathBuf,
		/// The sealed salt: 0x and 160 hex digits (80 bytes).
		#[arg(long)]
		sealed_salt: String,
		/// The sensitive category, e.g. `Hiv`.
		#[arg(long)]
		category: String,
	},
}

/// A clinic command's failure, as the operator reads it.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// Runs the command; on failure prints why and exits with 1.
fn main() {
	let command = ClinicCmd::parse();
	let outcome = tokio::runtime::Builder::new_multi_thread()
		.enable_all()
		.build()
		.map_err(Error::from)
		.and_then(|runtime| runtime.block_on(command.execute()));
	if let Err(error) = outcome {
		eprintln!("Error: {error}");
		std::process::exit(1);
	}
}

impl ClinicCmd {
	async fn execute(&self) -> Result<(), Error> {
		let output = match &self.action {
			ClinicAction::CheckAccess { patient, accessor, category, action, purpose } => {
				let client = self.connect().await?;
				let decision = ConsentRpcClient::<H256>::check_access(
					&client,
					words(patient),
					words(accessor),
					words(category),
					words(action),
					words(purpose),
					None,
				)
				.await
				.map_err(|e| refusal("consent_checkAccess", e))?;
				serde_json::to_value(decision)?
			},
			ClinicAction::Consents { patient: Some(patient), key, .. } => {
				let account = read_param::<AccountId32>(patient, "patient")?;
				let method = "consent_listByPatient";
				let (client, auth) = self.authorised(method, key, account.canonical()).await?;
				let auth = Some(Param::of(&auth));
				let consents =
					ConsentRpcClient::<H256>::list_by_patient(&client, words(patient), auth, None)
						.await
						.map_err(|e| refusal(method, e))?;
				serde_json::to_value(consents)?
			},
			ClinicAction::Consents { grantee, key, .. } => {
				let grantee = grantee.clone().unwrap_or_default();
				let account = read_param::<AccountId32>(&grantee, "grantee")?;
				let method = "consent_listByGrantee";
				let (client, auth) = self.authorised(method, key, account.canonical()).await?;
				let auth = Some(Param::of(&auth));
				let consents =
					ConsentRpcClient::<H256>::list_by_grantee(&client, words(&grantee), auth, None)
						.await
						.map_err(|e| refusal(method, e))?;
				serde_json::to_value(consents)?
			},
			ClinicAction::Fhir { id, key } => {
				let method = "consent_toFhir";
				let (client, auth) = self.authorised(method, key, id.canonical()).await?;
				let auth = Some(Param::of(&auth));
				let resource =
					ConsentRpcClient::<H256>::to_fhir(&client, Param::of(id), auth, None)
						.await
						.map_err(|e| refusal(method, e))?;
				let resource = serde_json::to_value(resource)?;
				if resource.is_null() {
					return Err(format!("no consent {id} on chain").into());
				}
				resource
			},
			ClinicAction::Grant { fhir, key, dry_run } => {
				let grant = grant::read_fhir(fhir)?;
				if *dry_run {
					serde_json::to_value(carechain_rpc::json::GrantJson::from(&grant))?
				} else {
					let key = match key {
						Some(key) => key.clone(),
						None => std::env::var("CARECHAIN_PATIENT_KEY").map_err(|_| {
							"no patient key: give --key or set CARECHAIN_PATIENT_KEY"
						})?,
					};
					grant::submit(&self.connect().await?, &grant, &key).await?
				}
			},
			ClinicAction::EncryptionKey { secret_file, generate, publish, key } => {
				let pair = encryption::key_pair(secret_file, *generate)?;
				let public_key = sp_core::bytes::to_hex(&pair.public_key(), false);
				if *publish {
					let key = match key {
						Some(key) => key.clone(),
						None => std::env::var("CARECHAIN_KEY")
							.map_err(|_| "no provider key: give --key or set CARECHAIN_KEY")?,
					};
					let published =
						encryption::publish(&self.connect().await?, &pair, &key).await?;
					serde_json::json!({ "publicKey": public_key, "published": published })
				} else {
					serde_json::json!({ "publicKey": public_key })
				}
			},
			ClinicAction::SealedTag { secret_file, sealed_salt, category } => {
				encryption::tag(&encryption::key_pair(secret_file, false)?, sealed_salt, category)?
			},
		};
		println!("{}", serde_json::to_string_pretty(&output)?);
		Ok(())
	}

	async fn connect(&self) -> Result<WsClient, Error> {
		WsClientBuilder::default()
			.build(&self.url)
			.await
			.map_err(|e| format!("cannot connect to {}: {e}", self.url).into())
	}

	/// A connection and the `auth` of a party-signed read of `method` with the one parameter
	/// whose canonical form is `canonical`, at the best block, signed with `key` (else
	/// `CARECHAIN_KEY`).
	async fn authorised(
		&self,
		method: &str,
		key: &Option<String>,
		canonical: Value,
	) -> Result<(WsClient, ReadAuth), Error> {
		let key = match key {
			Some(key) => key.clone(),
			None => std::env::var("CARECHAIN_KEY")
				.map_err(|_| "no reader key: give --key or set CARECHAIN_KEY")?,
		};
		let pair = sr25519::Pair::from_string(&key, None)
			.map_err(|e| format!("the key is not a secret URI or seed phrase: {e:?}"))?;
		let client = self.connect().await?;
		let auth = authorise(&client, &pair, method, &[canonical, Value::Null])
			.await
			.map_err(|e| refusal(method, e))?;
		Ok((client, auth))
	}
}

/// The operator's words as a parameter, unchanged: the node's own validation answers them.
fn words<T>(text: &str) -> Param<T> {
	Param::raw(Value::String(text.to_owned()))
}

/// A failed call of `method`; the node's error message is the command's.
fn refusal(method: &str, error: ClientError) -> Error {
	match error {
		ClientError::Call(refusal) => format!("{method}: {}", refusal.message()).into(),
		other => format!("{method}: {other}").into(),
	}
}

/// The operator's `text` read as parameter `field`, refused as the node would refuse it.
fn read_param<T: FromParam>(text: &str, field: &str) -> Result<T, Error> {
	Param::<T>::raw(Value::String(text.to_owned()))
		.read(field)
		.map_err(|e| e.message().to_owned().into())
}
