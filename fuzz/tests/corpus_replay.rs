//! The corpus replay CI runs: every committed fuzz input, without instrumentation, with every
//! invariant checked after every block; and the seeds, which must be valid histories.

use std::path::PathBuf;

use carechain_fuzz::{chain, execute, input, invariants, seeds};

fn corpus_dir() -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/runtime")
}

#[test]
fn every_corpus_input_replays_with_every_invariant_holding() {
	let mut replayed = 0;
	let mut blocks = 0;
	for entry in std::fs::read_dir(corpus_dir()).expect("the corpus is committed") {
		let path = entry.expect("a readable corpus entry").path();
		let data = std::fs::read(&path).expect("a readable corpus file");
		// `execute` panics, naming the invariant, if one breaks.
		let report = execute(&data);
		assert!(!report.blocks.is_empty(), "{} built no block", path.display());
		replayed += 1;
		blocks += report.blocks.len();
	}
	assert!(replayed >= seeds::seeds().len(), "the corpus holds at least the seeds");
	println!("replayed {replayed} inputs, {blocks} blocks");
}

#[test]
fn the_committed_seeds_are_the_generated_ones() {
	for (name, bytes) in seeds::seeds() {
		let committed = std::fs::read(corpus_dir().join(format!("seed-{name}")))
			.unwrap_or_else(|_| panic!("seed-{name} is committed (bin write-seeds)"));
		assert!(committed == bytes, "seed-{name} is out of date: run write-seeds");
	}
}

/// (seed, transactions the extensions accept, Council decisions).
const EXPECTED: [(&str, usize, usize); 8] = [
	("consent-grant-log-revoke", 3, 0),
	("patient-register-guardian", 4, 0),
	("provider-onboards-token-less-patient", 6, 1),
	("emergency-access-reviewed", 1, 3),
	("access-request-approved", 3, 0),
	("study-enrol-confirm-settle", 3, 1),
	("council-parameter-and-pause", 1, 3),
	("consents-expire-and-are-cleaned", 3, 0),
];

/// The one call of the seeds that fails: `record_access` while the Council has paused it.
fn expected_failures(seed: &str) -> Vec<sp_runtime::DispatchError> {
	match seed {
		"council-parameter-and-pause" => {
			vec![frame_system::Error::<carechain_runtime::Runtime>::CallFiltered.into()]
		},
		_ => vec![],
	}
}

#[test]
fn every_seed_is_a_valid_history() {
	let seeds = seeds::seeds();
	assert_eq!(seeds.len(), EXPECTED.len());
	for ((name, bytes), (expected_name, included, council)) in seeds.iter().zip(EXPECTED) {
		assert_eq!(*name, expected_name);
		let steps = input::decode(bytes);
		assert_eq!(steps.len(), included + council, "{name}: every step decodes and is fuzzed");
		let report = execute(bytes);
		assert_eq!(report.refused, vec![], "{name}: no transaction refused");
		assert_eq!(report.included, included, "{name}: transactions included");
		assert_eq!(report.failed, expected_failures(name), "{name}: calls that fail");
		assert_eq!(report.council, council, "{name}: Council decisions");
	}
}

#[test]
fn an_input_of_random_bytes_runs_one_block() {
	let report = execute(&[0xde, 0xad, 0xbe, 0xef]);
	assert_eq!(report.blocks.len(), 1);
	assert_eq!(report.included + report.refused.len() + report.council, 0);
}

#[test]
#[should_panic(expected = "something minted")]
fn the_checks_catch_minted_tokens() {
	use frame_support::traits::Currency;
	chain::in_genesis(|| {
		let issuance = pallet_balances::TotalIssuance::<carechain_runtime::Runtime>::get();
		let _ = pallet_balances::Pallet::<carechain_runtime::Runtime>::deposit_creating(
			&carechain_fuzz::accounts::plain(1),
			1,
		);
		invariants::check(issuance);
	});
}

#[test]
#[should_panic(expected = "do not add up")]
fn the_checks_catch_balances_that_do_not_add_up() {
	chain::in_genesis(|| {
		let issuance = pallet_balances::TotalIssuance::<carechain_runtime::Runtime>::get();
		frame_system::Account::<carechain_runtime::Runtime>::mutate(
			carechain_fuzz::accounts::plain(1),
			|account| account.data.free += 1,
		);
		invariants::check(issuance);
	});
}

#[test]
#[should_panic(expected = "Consent::try_state failed")]
fn the_checks_run_the_pallets_try_state() {
	chain::in_genesis(|| {
		let issuance = pallet_balances::TotalIssuance::<carechain_runtime::Runtime>::get();
		pallet_consent::ConsentCount::<carechain_runtime::Runtime>::insert(
			carechain_fuzz::accounts::plain(1),
			5,
		);
		invariants::check(issuance);
	});
}
