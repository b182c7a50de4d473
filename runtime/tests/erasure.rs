//! Erasure in the runtime: after a pseudonym deregisters, no storage key or value names it. The
//! pseudonym is onboarded by a hospital, appoints a guardian, grants a consent, is accessed (the
//! record anchored), asked for consent, opened by an emergency access the Council reviews, and
//! paid by a study; then it deregisters and every key and value of the whole state is searched
//! for its 32 bytes. What stays is its own account (the reward it was paid is its money).

mod common;

use carechain_primitives::{Action, PurposeOfUse, StandardCategory};
use carechain_runtime::{Consent, DataRewards, PatientIdentity, Runtime, RuntimeOrigin, System};
use codec::Encode;
use common::new_test_ext;
use frame_support::assert_ok;
use sp_core::crypto::AccountId32;
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{self, *};

const NOW: u64 = 1_700_000_000_000;
const DAY: u64 = 86_400_000;
/// The demo study of the dev preset (Ferdie's).
const DEMO_STUDY: u64 = 0;

fn signed(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
}

/// Every key of the state whose key or value holds `needle`, as hex of the key.
fn keys_naming(needle: &[u8]) -> Vec<String> {
	let contains = |haystack: &[u8]| haystack.windows(needle.len()).any(|w| w == needle);
	let mut found = Vec::new();
	let mut key = Vec::new();
	while let Some(next) = sp_io::storage::next_key(&key) {
		let value = sp_io::storage::get(&next).map(|v| v.to_vec()).unwrap_or_default();
		if contains(&next) || contains(&value) {
			found.push(format!("0x{}", hex(&next)));
		}
		key = next;
	}
	found
}

fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn after_deregistration_no_state_names_the_pseudonym() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		pallet_timestamp::Now::<Runtime>::put(NOW);
		let pseudonym = AccountId32::new(sp_io::hashing::blake2_256(b"an erasure test pseudonym"));
		let me = RuntimeOrigin::signed(pseudonym.clone());
		let hospital = Bob.to_account_id();

		assert_ok!(PatientIdentity::onboard(signed(Bob), pseudonym.clone(), [0x5a; 32]));
		assert_ok!(PatientIdentity::add_guardian(me.clone(), Dave.to_account_id(), None));
		assert_ok!(Consent::grant(
			me.clone(),
			hospital.clone(),
			StandardCategory::LabResults.into(),
			carechain_primitives::Actions::from(Action::Read).with(Action::Write).into(),
			PurposeOfUse::Treatment.into(),
			NOW + 30 * DAY,
		));
		assert_ok!(Consent::record_access(
			signed(Bob),
			pseudonym.clone(),
			StandardCategory::LabResults,
			PurposeOfUse::Treatment,
			Action::Write,
			Some([0x7e; 32]),
		));
		assert_ok!(Consent::request_access(
			signed(Bob),
			pseudonym.clone(),
			StandardCategory::Imaging.into(),
			Action::Read.into(),
			PurposeOfUse::Treatment.into(),
			DAY,
			[1; 32],
		));
		assert_ok!(Consent::emergency_access(
			signed(Bob),
			pseudonym.clone(),
			StandardCategory::Allergies.into(),
			[2; 32],
		));
		let emergency = pallet_consent::NextConsentId::<Runtime>::get() - 1;
		assert_ok!(Consent::review_emergency_access(RuntimeOrigin::root(), emergency, true));
		assert_ok!(DataRewards::enroll(me.clone(), DEMO_STUDY));
		assert_ok!(DataRewards::confirm_contribution(
			signed(Ferdie),
			DEMO_STUDY,
			pseudonym.clone(),
			[3; 32],
		));

		// Before: the pseudonym is all over the state.
		let bytes = pseudonym.encode();
		assert!(keys_naming(&bytes).len() > 8, "the set-up names the pseudonym widely");

		assert_ok!(PatientIdentity::deregister(me));
		// Events of this block name it; the next block starts with none.
		System::reset_events();

		let account_key = frame_system::Account::<Runtime>::hashed_key_for(&pseudonym);
		let naming = keys_naming(&bytes);
		assert_eq!(
			naming,
			vec![format!("0x{}", hex(&account_key))],
			"only the pseudonym's own account (holding its reward) may name it; found {naming:?}"
		);
		// The paid place stays used under a tag that names nothing.
		let tag = DataRewards::participant_tag(DEMO_STUDY, &pseudonym);
		assert!(pallet_data_rewards::PaidWithdrawals::<Runtime>::contains_key(DEMO_STUDY, tag));
	});
}
