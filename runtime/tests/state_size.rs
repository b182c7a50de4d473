//! Bytes of state (issue 22): what a consent costs, standard and sealed, and what a patient
//! costs after 5 consents and 100 logged accesses (item by item). Measured by walking every key and value of
//! the runtime's state before and after (the block's events aside), in the dev preset, with the
//! runtime's own types: 32-byte accounts, the real hashers and bounds.
//! `cargo test -p carechain-runtime --test state_size -- --nocapture` prints the figures.

mod common;

use carechain_primitives::{
	sealed::{SealedScope, SEALED_SALT_BOXES, SEALED_SALT_LEN},
	Action, PurposeOfUse, StandardCategory,
};
use carechain_runtime::{
	AccountId, Consent, PatientIdentity, ProviderRegistry, RuntimeOrigin, System,
};
use codec::Encode;
use common::{new_test_ext, start_block_two, TEST_NOW};
use frame_support::assert_ok;
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::Bob;

const DAY: u64 = 86_400_000;

/// Bytes of every key and value in state, the block's events aside (they go with the block).
fn state_bytes() -> usize {
	System::reset_events();
	let mut total = 0;
	let mut key = Vec::new();
	while let Some(next) = sp_io::storage::next_key(&key) {
		total += next.len() + sp_io::storage::get(&next).map_or(0, |value| value.len());
		key = next;
	}
	total
}

/// Bytes of state by storage item (`pallet.item`, or the raw prefix for one not named here),
/// the block's events aside.
fn state_bytes_by_item() -> std::collections::BTreeMap<String, usize> {
	const ITEMS: &[(&str, &[&str])] = &[
		("System", &["Account"]),
		("Balances", &["Holds", "Freezes", "TotalIssuance"]),
		(
			"PatientIdentity",
			&["Patients", "Commitments", "FeelessCalls", "FeelessPool", "NonceFloor", "Onboarded"],
		),
		(
			"Consent",
			&[
				"ConsentsByPair",
				"ConsentParties",
				"ConsentCount",
				"GranteeListings",
				"ExpiryPages",
				"ExpiryPageCount",
				"CleanupCursor",
				"NextConsentId",
				"AccessLogs",
				"SealedSalts",
			],
		),
	];
	let names: std::collections::BTreeMap<Vec<u8>, String> = ITEMS
		.iter()
		.flat_map(|(pallet, items)| {
			items.iter().map(move |item| {
				let prefix =
					frame_support::storage::storage_prefix(pallet.as_bytes(), item.as_bytes());
				(prefix.to_vec(), format!("{pallet}.{item}"))
			})
		})
		.collect();
	System::reset_events();
	let mut by_item = std::collections::BTreeMap::new();
	let mut key = Vec::new();
	while let Some(next) = sp_io::storage::next_key(&key) {
		let size = next.len() + sp_io::storage::get(&next).map_or(0, |value| value.len());
		let name = next
			.get(..32)
			.and_then(|prefix| names.get(prefix).cloned())
			.unwrap_or_else(|| format!("0x{}", hex_of(next.get(..32).unwrap_or(&next))));
		*by_item.entry(name).or_default() += size;
		key = next;
	}
	by_item
}

fn hex_of(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What grew between two [`state_bytes_by_item`] readings, item by item.
fn grown(
	before: &std::collections::BTreeMap<String, usize>,
	after: &std::collections::BTreeMap<String, usize>,
) -> Vec<(String, isize)> {
	after
		.iter()
		.map(|(name, size)| {
			(name.clone(), *size as isize - *before.get(name).unwrap_or(&0) as isize)
		})
		.filter(|(_, grew)| *grew != 0)
		.collect()
}

/// The `n`-th account of a kind: spread over the key space, as real accounts are.
fn account(kind: &str, n: u32) -> AccountId {
	AccountId::new(sp_io::hashing::blake2_256(&(kind, n).encode()))
}

/// `n` patients onboarded by the hospital (Bob), and `m` staff members of it; `batch` tells
/// one call's accounts from another's.
fn patients_and_staff(batch: u32, n: u32, m: u32) -> (Vec<AccountId>, Vec<AccountId>) {
	let patients: Vec<_> = (0..n).map(|i| account("patient", batch * 1_000 + i)).collect();
	for patient in &patients {
		let commitment = sp_io::hashing::blake2_256(&(b"commitment", patient).encode());
		assert_ok!(PatientIdentity::onboard(
			RuntimeOrigin::signed(Bob.to_account_id()),
			patient.clone(),
			commitment,
		));
	}
	let staff: Vec<_> = (0..m).map(|i| account("staff", batch * 1_000 + i)).collect();
	for member in &staff {
		assert_ok!(ProviderRegistry::add_staff(
			RuntimeOrigin::signed(Bob.to_account_id()),
			member.clone()
		));
	}
	(patients, staff)
}

/// `patient` grants `grantee` lab results to read for treatment until `expires_at`.
fn grant(patient: &AccountId, grantee: &AccountId, expires_at: u64) {
	assert_ok!(Consent::grant(
		RuntimeOrigin::signed(patient.clone()),
		grantee.clone(),
		StandardCategory::LabResults.into(),
		Action::Read.into(),
		PurposeOfUse::Treatment.into(),
		expires_at,
	));
}

/// A sealed scope whose tags are `seed`'s own (the runtime checks no more of a scope).
fn sealed_scope(seed: u8) -> SealedScope {
	let tag = |k: u8| [seed.wrapping_mul(8).wrapping_add(k); 16];
	SealedScope {
		tags: [tag(1), tag(2), tag(3), tag(4), tag(5)],
		salts: [[9; SEALED_SALT_LEN]; SEALED_SALT_BOXES],
	}
}

#[test]
fn a_standard_consent_costs_at_most_200_bytes_of_state_indexes_included() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		start_block_two();
		let (patients, staff) = patients_and_staff(0, 50, 8);
		let hospital = Bob.to_account_id();
		// Consents ending in the same hour, as a day's grants for a month do.
		let expires_at = TEST_NOW + 30 * DAY;

		// Eight consents of each patient to the hospital: the pair's index is shared.
		let before = state_bytes();
		for patient in &patients {
			for _ in 0..8 {
				grant(patient, &hospital, expires_at);
			}
		}
		let shared_pair = (state_bytes() - before) / (patients.len() * 8);

		// Eight consents of each patient, each to a staff member of its own: a pair each.
		let before = state_bytes();
		for patient in &patients {
			for member in &staff {
				grant(patient, member, expires_at);
			}
		}
		let own_pair = (state_bytes() - before) / (patients.len() * staff.len());
		println!(
			"bytes of state per standard consent: {shared_pair} when 8 share a (patient, \
			 grantee) pair, {own_pair} each in a pair of its own"
		);
		assert!(shared_pair <= 200, "{shared_pair} bytes per consent");
	});
}

#[test]
fn a_sealed_consent_costs_its_tags_and_boxes_more() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		start_block_two();
		let (patients, _) = patients_and_staff(0, 50, 0);
		let hospital = Bob.to_account_id();
		let expires_at = TEST_NOW + 30 * DAY;
		let before = state_bytes();
		for (n, patient) in patients.iter().enumerate() {
			for k in 0..8u8 {
				assert_ok!(Consent::grant_sealed(
					RuntimeOrigin::signed(patient.clone()),
					hospital.clone(),
					StandardCategory::LabResults.into(),
					sealed_scope((n as u8).wrapping_mul(8).wrapping_add(k)),
					Action::Read.into(),
					PurposeOfUse::Treatment.into(),
					expires_at,
				));
			}
		}
		let sealed = (state_bytes() - before) / (patients.len() * 8);
		println!("bytes of state per sealed consent (8 share a pair): {sealed}");
		// Its five tags (80) and three salt boxes with their key (240 + 48) beyond a standard
		// consent's 200 at most.
		assert!(sealed <= 200 + 80 + 240 + 48, "{sealed} bytes per sealed consent");
	});
}

/// What a patient costs: onboarded by the hospital, with 5 consents granted at one visit (they
/// end together) and 100 accesses logged; to one provider (`providers` = 1) or to as many as
/// five (the hospital and its staff, who exist before). `batch` as in [`patients_and_staff`].
fn patient_cost(batch: u32, providers: usize) -> usize {
	let (_, staff) = patients_and_staff(batch, 0, 4);
	let hospital = Bob.to_account_id();
	let grantees: Vec<_> = core::iter::once(hospital.clone()).chain(staff).collect();
	let before = state_bytes();
	let items_before = state_bytes_by_item();
	let (patients, _) = patients_and_staff(batch, 1, 0);
	let patient = &patients[0];
	for n in 0..5 {
		grant(patient, &grantees[n % providers], TEST_NOW + 365 * DAY);
	}
	let before_accesses = state_bytes();
	for _ in 0..100 {
		assert_ok!(Consent::record_access(
			RuntimeOrigin::signed(hospital.clone()),
			patient.clone(),
			StandardCategory::LabResults,
			PurposeOfUse::Treatment,
			Action::Read,
			None,
		));
	}
	assert_eq!(Consent::access_log_head(patient).count, 100);
	// A hundred accesses cost the log's head in state, whatever their number: its key (32 +
	// 48) and its count and head (8 + 32).
	assert_eq!(state_bytes() - before_accesses, 120);
	println!(
		"by item, {providers} provider(s): {:?}",
		grown(&items_before, &state_bytes_by_item())
	);
	state_bytes() - before
}

/// The issue asks for at most 1 KB; what is measured is printed (and in `docs/capacity.md`):
/// the log's part is its 120-byte head, the consents' indexes are the rest.
#[test]
fn a_patients_hundred_logged_accesses_cost_the_logs_head_only() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		start_block_two();
		let one = patient_cost(1, 1);
		let five = patient_cost(2, 5);
		println!(
			"bytes of state for a patient with 5 consents and 100 logged accesses: {one} (one \
			 provider), {five} (five)"
		);
	});
}
