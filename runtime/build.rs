//! Builds the runtime's wasm blob (exposed as `WASM_BINARY`) when compiling for `std`.

#[cfg(feature = "std")]
fn main() {
	use substrate_wasm_builder::WasmBuilder;

	// The end-to-end upgrade test needs the runtime with `spec_version` raised, and
	// `scripts/benchmark.sh` builds it with `runtime-benchmarks`; each of these wasm blobs gets
	// its own file name so that the wasm the node embeds is never overwritten.
	if std::env::var_os("CARGO_FEATURE_UPGRADE_TEST").is_some() {
		WasmBuilder::init_with_defaults().set_file_name("wasm_binary_upgrade_test.rs").build();
	} else if std::env::var_os("CARGO_FEATURE_RUNTIME_BENCHMARKS").is_some() {
		WasmBuilder::init_with_defaults().set_file_name("wasm_binary_benchmarks.rs").build();
	} else {
		WasmBuilder::init_with_defaults().build();
		// With `CARECHAIN_UPGRADE_TEST_WASM` set (`scripts/test.sh` sets it), the upgrade-test
		// blob is built here too, after the first and from the same wasm dependencies: only the
		// runtime crate is compiled again for wasm, where `cargo build -p carechain-runtime
		// --features upgrade-test` resolves a second native feature graph (15 minutes cold).
		println!("cargo:rerun-if-env-changed=CARECHAIN_UPGRADE_TEST_WASM");
		if std::env::var_os("CARECHAIN_UPGRADE_TEST_WASM").is_some() {
			WasmBuilder::init_with_defaults()
				.enable_feature("upgrade-test")
				.set_file_name("wasm_binary_upgrade_test.rs")
				.build();
		}
	}
}

/// Nothing to build when this crate is itself compiled to wasm.
#[cfg(not(feature = "std"))]
fn main() {}
