//! Chain specifications: the built-in `dev` and `local` chains, and chain-spec files.

use std::path::Path;

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
/// An unknown name or a file that is missing or malformed is refused with a message saying which.
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
			Box::new(
				ChainSpec::from_json_file(file.to_path_buf())
					.map_err(|e| format!("invalid chain spec `{path}`: {e}"))?,
			)
		},
	})
}
