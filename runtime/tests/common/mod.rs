//! Shared set-up of the runtime tests: genesis state built from the runtime's own presets.

use carechain_runtime::{genesis_config_presets, BuildStorage, RuntimeGenesisConfig, System};
use serde_json::Value;
use sp_genesis_builder::PresetId;

/// Merges a genesis patch into a full genesis JSON, the way the node's chain-spec builder does:
/// objects are merged key by key, anything else is replaced.
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// The full `RuntimeGenesisConfig` of a named preset (`development`, `local_testnet`).
pub fn preset_config(name: &str) -> RuntimeGenesisConfig {
	let patch = genesis_config_presets::get_preset(&PresetId::from(name))
		.unwrap_or_else(|| panic!("preset `{name}` exists"));
	let patch: Value = serde_json::from_slice(&patch).expect("a preset is valid JSON");
	let mut config =
		serde_json::to_value(RuntimeGenesisConfig::default()).expect("the default serializes");
	merge(&mut config, patch);
	// Unknown fields are refused here, so a misspelt preset key fails the test.
	serde_json::from_value(config).expect("the preset deserializes into RuntimeGenesisConfig")
}

/// Externalities holding the genesis state of a preset, at block 1 (so events are kept).
pub fn new_test_ext(preset: &str) -> sp_io::TestExternalities {
	let storage = preset_config(preset).build_storage().expect("the preset's genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
