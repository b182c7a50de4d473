//! `carechain clinic`: what a clinic integrator does against a running node, over its JSON-RPC.
//!
//! Queries pass the operator's words to the node unchanged (`consent_checkAccess`,
//! `consent_listByPatient`, ...), so that the node's own validation answers a bad address or
//! name, and print the node's JSON. Reads of consents are party-signed: `--key` (or
//! `CARECHAIN_KEY`) is the key of the patient, guardian or provider asking. `grant` turns a
//! FHIR R5 `Consent` file into a signed `Consent::grant` of the patient and submits it.

mod grant;

use std::path::PathBuf;

use carechain_rpc::{
	auth::Canonical,
	param::{FromParam, Param},
};
use jsonrpsee::{
	core::{
		client::{ClientT, Error as ClientError},
		params::ArrayParams,
	},
	rpc_params,
	ws_client::{WsClient, WsClientBuilder},
};
use serde_json::Value;
use sp_core::{
	crypto::{AccountId32, Pair as _},
	sr25519,
};

/// Clinic commands against a running node.
#[derive(Debug, clap::Args)]
pub struct ClinicCmd {
	/// WebSocket JSON-RPC endpoint of the node.
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
		/// Data category name, e.g. `LabResults`.
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
}

/// A clinic command's failure, as the operator reads it.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

impl ClinicCmd {
	/// Runs the command on a fresh async runtime.
	pub fn run(&self) -> sc_cli::Result<()> {
		let runtime = sc_cli::build_runtime()?;
		runtime.block_on(self.execute()).map_err(sc_cli::Error::Application)
	}

	async fn execute(&self) -> Result<(), Error> {
		let output = match &self.action {
			ClinicAction::CheckAccess { patient, accessor, category, action, purpose } => {
				let params = rpc_params![patient, accessor, category, action, purpose];
				self.call("consent_checkAccess", params).await?
			},
			ClinicAction::Consents { patient: Some(patient), key, .. } => {
				let account = read_param::<AccountId32>(patient, "patient")?;
				self.signed_call(
					"consent_listByPatient",
					key,
					patient.as_str().into(),
					account.canonical(),
				)
				.await?
			},
			ClinicAction::Consents { grantee, key, .. } => {
				let grantee = grantee.clone().unwrap_or_default();
				let account = read_param::<AccountId32>(&grantee, "grantee")?;
				self.signed_call("consent_listByGrantee", key, grantee.into(), account.canonical())
					.await?
			},
			ClinicAction::Fhir { id, key } => {
				let resource =
					self.signed_call("consent_toFhir", key, (*id).into(), id.canonical()).await?;
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

	/// One RPC call; the node's error message is the command's.
	async fn call(&self, method: &str, params: ArrayParams) -> Result<Value, Error> {
		let client = self.connect().await?;
		request(&client, method, params).await
	}

	/// A party-signed read of `method` with the one parameter `param` (whose canonical form is
	/// `canonical`) and the best block, signed with `key` (else `CARECHAIN_KEY`).
	async fn signed_call(
		&self,
		method: &str,
		key: &Option<String>,
		param: Value,
		canonical: Value,
	) -> Result<Value, Error> {
		let key = match key {
			Some(key) => key.clone(),
			None => std::env::var("CARECHAIN_KEY")
				.map_err(|_| "no reader key: give --key or set CARECHAIN_KEY")?,
		};
		let pair = sr25519::Pair::from_string(&key, None)
			.map_err(|e| format!("the key is not a secret URI or seed phrase: {e:?}"))?;
		let client = self.connect().await?;
		let auth =
			carechain_rpc::auth::authorise(&client, &pair, method, &[canonical, Value::Null])
				.await
				.map_err(|e| format!("{method}: {e}"))?;
		request(&client, method, rpc_params![param, auth]).await
	}
}

/// One RPC call on `client`; the node's error message is the command's.
async fn request(client: &WsClient, method: &str, params: ArrayParams) -> Result<Value, Error> {
	client.request(method, params).await.map_err(|e| match e {
		ClientError::Call(refusal) => format!("{method}: {}", refusal.message()).into(),
		other => format!("{method}: {other}").into(),
	})
}

/// The operator's `text` read as parameter `field`, refused as the node would refuse it.
fn read_param<T: FromParam>(text: &str, field: &str) -> Result<T, Error> {
	Param::<T>::raw(Value::String(text.to_owned()))
		.read(field)
		.map_err(|e| e.message().to_owned().into())
}
