//! Builds the runtime's wasm blob (exposed as `WASM_BINARY`) when compiling for `std`.

#[cfg(feature = "std")]
fn main() {
	let builder = substrate_wasm_builder::WasmBuilder::init_with_defaults();
	// The end-to-end upgrade test builds the runtime with `spec_version` raised, and
	// `scripts/benchmark.sh` builds it with `runtime-benchmarks`; each of these wasm blobs gets
	// its own file name so that the wasm the node embeds is never overwritten.
	if std::env::var_os("CARGO_FEATURE_UPGRADE_TEST").is_some() {
		builder.set_file_name("wasm_binary_upgrade_test.rs").build();
	} else if std::env::var_os("CARGO_FEATURE_RUNTIME_BENCHMARKS").is_some() {
		builder.set_file_name("wasm_binary_benchmarks.rs").build();
	} else {
		builder.build();
	}
}

/// Nothing to build when this crate is itself compiled to wasm.
#[cfg(not(feature = "std"))]
fn main() {}
