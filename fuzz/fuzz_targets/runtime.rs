//! The libFuzzer target: `cargo +nightly fuzz run runtime --features libfuzzer` (README,
//! "Fuzzing"). Every input runs from genesis; a panic is a finding.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
	carechain_fuzz::execute(data);
});
