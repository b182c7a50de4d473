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

/// A chain spec built from one of the runtime's genesis presets.
fn from_preset(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	let wasm = WASM_BINARY.ok_or_else(|| {
		"the runtime's wasm binary is not available: build without SKIP_WASM_BUILD".to_string()
	})?;
	Ok(ChainSpec::builder(wasm, None)
		.with_name(name)
		.with_id(id)
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.build())
}

/// `--dev`: a single validator (Alice) with sudo, a council of Alice, Bob and Charlie.
pub fn development() -> Result<ChainSpec, String> {
	from_preset(
		"CareChain Development",
		"carechain_dev",
		ChainType::Development,
		DEV_RUNTIME_PRESET,
	)
}

/// `--chain local`: four validators (Alice, Bob, Charlie, Dave), the same four on the council,
/// no sudo.
pub fn local_testnet() -> Result<ChainSpec, String> {
	from_preset(
		"CareChain Local Testnet",
		"carechain_local",
		ChainType::Local,
		LOCAL_TESTNET_RUNTIME_PRESET,
	)
}

/// Loads the chain named by `--chain`: `dev`, `local`, or the path of a chain-spec JSON file.
/// An unknown name, a file that is missing or malformed, or a genesis whose validator keys are
/// missing or malformed is refused with a message saying which.
pub fn load(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	Ok(match id {
		"dev" => Box::new(development()?),
		"" | "local" => Box::new(local_testnet()?),
		path => {
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
