//! Chain specifications: the built-in `dev` and `local` chains, and chain-spec files.

use std::path::Path;

use serde_json::Value;
use sp_core::{crypto::Ss58Codec, ed25519, sr25519};

use carechain_runtime::{currency, SS58_PREFIX, WASM_BINARY};
use sc_service::{ChainType, Properties};
use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};

/// A CareChain chain specification (no chain-spec extensions).
pub type ChainSpec = sc_service::GenericChainSpec;

/// Token properties wallets read: `CARE`, 12 decimals, SS58 prefix 42.
pub fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), currency::TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), currency::DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

/// A chain spec built from one of the runtime's genesis presets; `block_time` (milliseconds)
/// replaces the runtime's default slot duration in its genesis.
fn from_preset(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
	block_time: Option<u64>,
) -> Result<ChainSpec, String> {
	let wasm = WASM_BINARY.ok_or_else(|| {
		"the runtime's wasm binary is not available: build without SKIP_WASM_BUILD".to_string()
	})?;
	let builder = ChainSpec::builder(wasm, None)
		.with_name(name)
		.with_id(id)
		.with_chain_type(chain_type)
		.with_properties(properties());
	let builder = match block_time {
		None => builder.with_genesis_config_preset_name(preset),
		Some(millis) => builder.with_genesis_config_patch(with_block_time(preset, millis)?),
	};
	Ok(builder.build())
}

/// The genesis patch of `preset` with its slot duration set to `millis`.
fn with_block_time(preset: &str, millis: u64) -> Result<Value, String> {
	let bytes = carechain_runtime::genesis_config_presets::get_preset(&preset.into())
		.ok_or_else(|| format!("the runtime has no genesis preset `{preset}`"))?;
	let mut patch: Value = serde_json::from_slice(&bytes)
		.map_err(|e| format!("genesis preset `{preset}` is not JSON: {e}"))?;
	let Value::Object(sections) = &mut patch else {
		return Err(format!("genesis preset `{preset}` is not a JSON object"));
	};
	sections.insert("blockTime".into(), serde_json::json!({ "slotDurationMs": millis }));
	Ok(patch)
}

/// `--dev`: a single validator (Alice) with sudo, a council of Alice, Bob and Charlie.
pub fn development(block_time: Option<u64>) -> Result<ChainSpec, String> {
	from_preset(
		"CareChain Development",
		"carechain_dev",
		ChainType::Development,
		DEV_RUNTIME_PRESET,
		block_time,
	)
}

/// `--chain local`: four validators (Alice, Bob, Charlie, Dave), the same four on the council,
/// no sudo.
pub fn local_testnet(block_time: Option<u64>) -> Result<ChainSpec, String> {
	from_preset(
		"CareChain Local Testnet",
		"carechain_local",
		ChainType::Local,
		LOCAL_TESTNET_RUNTIME_PRESET,
		block_time,
	)
}

/// Loads the chain named by `--chain`: `dev`, `local`, or the path of a chain-spec JSON file;
/// `block_time` is `--dev-block-time`, for the built-in chains only.
/// An unknown name, a file that is missing or malformed, a genesis whose validator keys are
/// missing or malformed, or a block time given for a file is refused with a message saying which.
pub fn load(id: &str, block_time: Option<u64>) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	Ok(match id {
		"dev" => Box::new(development(block_time)?),
		"" | "local" => Box::new(local_testnet(block_time)?),
		path => {
			if block_time.is_some() {
				return Err(format!(
					"--dev-block-time applies to the built-in `dev` and `local` chains; the \
					 chain-spec file `{path}` sets its own (`blockTime.slotDurationMs` in its genesis)"
				));
			}
			let file = Path::new(path);
			if !file.is_file() {
				return Err(format!(
					"unknown chain `{path}`: expected `dev`, `local` or the path of a chain-spec JSON file"
				));
			}
			// Read once: parsed as a chain spec, and as JSON for the authority checks.
			let bytes = std::fs::read(file)
				.map_err(|e| format!("invalid chain spec `{path}`: cannot read it: {e}"))?;
			let json: Value = serde_json::from_slice(&bytes)
				.map_err(|e| format!("invalid chain spec `{path}`: {e}"))?;
			let spec = ChainSpec::from_json_bytes(bytes)
				.map_err(|e| format!("invalid chain spec `{path}`: {e}"))?;
			check_authorities(&json).map_err(|e| format!("invalid chain spec `{path}`: {e}"))?;
			Box::new(spec)
		},
	})
}

/// Checks the validator keys of a chain spec's genesis, when it is given as JSON (a `patch` or
/// full `config`; a raw spec holds storage only and is left to the runtime): there must be Aura
/// and GRANDPA authorities, one of each per validator, each a valid SS58 public key.
fn check_authorities(spec: &Value) -> Result<(), String> {
	let genesis = &spec["genesis"]["runtimeGenesis"];
	let Some(config) = genesis.get("patch").or_else(|| genesis.get("config")) else {
		return Ok(());
	};
	let aura = config["aura"]["authorities"]
		.as_array()
		.filter(|keys| !keys.is_empty())
		.ok_or("genesis has no Aura authorities (`aura.authorities` is missing or empty)")?;
	let grandpa = config["grandpa"]["authorities"]
		.as_array()
		.filter(|keys| !keys.is_empty())
		.ok_or("genesis has no GRANDPA authorities (`grandpa.authorities` is missing or empty)")?;
	for (index, key) in aura.iter().enumerate() {
		let text = key.as_str().unwrap_or_default();
		sr25519::Public::from_ss58check(text).map_err(|e| {
			format!("`aura.authorities[{index}]` = {key} is not an SS58 sr25519 public key ({e:?})")
		})?;
	}
	for (index, entry) in grandpa.iter().enumerate() {
		let key = &entry[0];
		let text = key.as_str().unwrap_or_default();
		ed25519::Public::from_ss58check(text).map_err(|e| {
			format!(
				"`grandpa.authorities[{index}][0]` = {key} is not an SS58 ed25519 public key ({e:?})"
			)
		})?;
		entry[1].as_u64().filter(|weight| *weight > 0).ok_or_else(|| {
			format!("`grandpa.authorities[{index}][1]` must be a positive voting weight")
		})?;
	}
	if aura.len() != grandpa.len() {
		return Err(format!(
			"every validator needs an Aura and a GRANDPA key, but `aura.authorities` has {} and \
			 `grandpa.authorities` has {}",
			aura.len(),
			grandpa.len()
		));
	}
	Ok(())
}
