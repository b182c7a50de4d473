//! Shared set-up of the runtime tests: genesis state built from the runtime's own presets.

use carechain_runtime::{
	configs::CouncilCollective, genesis_config_presets, BuildStorage, Council, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeGenesisConfig, RuntimeOrigin, System,
};
use codec::Encode;
use frame_support::{assert_ok, weights::Weight};
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::Hash as _;

/// The full `RuntimeGenesisConfig` of a named preset (`development`, `local_testnet`).
pub fn preset_config(name: &str) -> RuntimeGenesisConfig {
	genesis_config_presets::full_config(&PresetId::from(name))
		.unwrap_or_else(|error| panic!("preset `{name}` builds a full config: {error}"))
}

/// Externalities holding the genesis state of a preset, at block 1 (so events are kept).
pub fn new_test_ext(preset: &str) -> sp_io::TestExternalities {
	let storage = preset_config(preset).build_storage().expect("the preset's genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Alice proposes `call` with `threshold`, `ayes` vote for and `nays` against, Alice closes it.
/// Returns the Council's last event (`Executed`, `Disapproved`, ...).
#[allow(dead_code)] // not every test file runs motions
pub fn run_motion(
	call: RuntimeCall,
	threshold: u32,
	ayes: &[Sr25519Keyring],
	nays: &[Sr25519Keyring],
) -> pallet_collective::Event<Runtime, CouncilCollective> {
	let proposer = RuntimeOrigin::signed(Sr25519Keyring::Alice.to_account_id());
	let length = call.encoded_size() as u32;
	let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
	let index = pallet_collective::ProposalCount::<Runtime, CouncilCollective>::get();
	assert_ok!(Council::propose(proposer.clone(), threshold, Box::new(call), length));
	for (voters, approve) in [(ayes, true), (nays, false)] {
		for voter in voters {
			let origin = RuntimeOrigin::signed(voter.to_account_id());
			assert_ok!(Council::vote(origin, hash, index, approve));
		}
	}
	assert_ok!(Council::close(proposer, hash, index, Weight::MAX / 4, length));
	last_council_event()
}

/// The last event the Council emitted.
#[allow(dead_code)] // not every test file runs motions
pub fn last_council_event() -> pallet_collective::Event<Runtime, CouncilCollective> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Council(event) => Some(event),
			_ => None,
		})
		.expect("the motion emitted a Council event")
}

/// A transaction signed by `signer` the way wallets sign: the account's next nonce, a mortal
/// era born in the parent block, no tip, no metadata hash.
#[allow(dead_code)] // not every test file signs transactions
pub fn signed_tx(
	signer: Sr25519Keyring,
	call: RuntimeCall,
) -> carechain_runtime::UncheckedExtrinsic {
	let nonce = System::account_nonce(signer.to_account_id());
	let birth = System::block_number().saturating_sub(1);
	let extensions = carechain_runtime::wallet_tx_extension(nonce, birth);
	let payload = carechain_runtime::SignedPayload::new(call.clone(), extensions.clone())
		.expect("the birth block is known");
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	carechain_runtime::UncheckedExtrinsic::new_signed(
		call,
		signer.to_account_id().into(),
		signature.into(),
		extensions,
	)
}

/// Applies a transaction of `signer` through the runtime's whole extension pipeline.
#[allow(dead_code)]
pub fn apply_signed(signer: Sr25519Keyring, call: RuntimeCall) -> sp_runtime::ApplyExtrinsicResult {
	carechain_runtime::Executive::apply_extrinsic(signed_tx(signer, call))
}

/// The time the signed-transaction tests start at (unix ms).
#[allow(dead_code)]
pub const TEST_NOW: u64 = 1_700_000_000_000;

/// Starts block 2 (genesis externalities are at block 1) at [`TEST_NOW`], as a block author
/// would, so that signed transactions can be applied.
#[allow(dead_code)]
pub fn start_block_two() {
	use sp_runtime::traits::Header as _;
	carechain_runtime::Executive::initialize_block(&carechain_runtime::Header::new(
		2,
		Default::default(),
		Default::default(),
		Default::default(),
		Default::default(),
	));
	pallet_timestamp::Now::<Runtime>::put(TEST_NOW);
}

/// [`start_block_two`], with a quota of `quota` fee-free patient calls a day.
#[allow(dead_code)]
pub fn start_with_feeless_quota(quota: u32) {
	use carechain_runtime::dynamic_params::patients;
	start_block_two();
	assert_ok!(carechain_runtime::Parameters::set_parameter(
		RuntimeOrigin::root(),
		carechain_runtime::RuntimeParameters::Patients(patients::Parameters::FeelessCallsPerDay(
			patients::FeelessCallsPerDay,
			Some(quota),
		)),
	));
}

/// A patient's `set_emergency_access(allowed)`: the cheapest fee-free call.
#[allow(dead_code)]
pub fn set_emergency_access(allowed: bool) -> RuntimeCall {
	RuntimeCall::PatientIdentity(pallet_patient_identity::Call::set_emergency_access { allowed })
}

/// The hospital (Bob) onboards `patient`, an account that holds no tokens.
#[allow(dead_code)]
pub fn onboard_by_the_hospital(patient: Sr25519Keyring, commitment: [u8; 32]) {
	assert_ok!(carechain_runtime::PatientIdentity::onboard(
		RuntimeOrigin::signed(Sr25519Keyring::Bob.to_account_id()),
		patient.to_account_id(),
		commitment,
	));
}

/// A patient's grant of their lab results to `grantee`, to read for treatment, until
/// `expires_at`.
#[allow(dead_code)]
pub fn lab_results_grant(grantee: Sr25519Keyring, expires_at: u64) -> RuntimeCall {
	use carechain_primitives::{Action, PurposeOfUse, StandardCategory};
	RuntimeCall::Consent(pallet_consent::Call::grant {
		grantee: grantee.to_account_id(),
		categories: StandardCategory::LabResults.into(),
		actions: Action::Read.into(),
		purposes: PurposeOfUse::Treatment.into(),
		expires_at,
	})
}
