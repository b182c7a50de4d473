//! Seed inputs: short, valid histories through each pallet's main paths, from which the fuzzer
//! mutates. `cargo run -p carechain-fuzz --bin write-seeds -- fuzz/corpus/runtime` writes them
//! as corpus files; the replay test checks that every transaction in them is valid.

use carechain_primitives::{
	Action, ActionList, DataCategories, ProviderKind, PurposeList, PurposeOfUse, StandardCategory,
	StandardCategoryList, SuspensionReason,
};
use carechain_runtime::{currency::CARE, dynamic_params::patients, RuntimeCall, RuntimeParameters};

use crate::{accounts::plain, chain::START, input::encode_step};

/// Caller bytes of [`crate::accounts::callers`] (and the Council, after them).
mod by {
	pub const BOB: u8 = 1;
	pub const CHARLIE: u8 = 2;
	pub const DAVE: u8 = 3;
	pub const FERDIE: u8 = 5;
	pub const PLAIN_1: u8 = 6;
	pub const PLAIN_2: u8 = 7;
	pub const PLAIN_5: u8 = 10;
	pub const PLAIN_6: u8 = 11;
	pub const COUNCIL: u8 = crate::accounts::CALLERS as u8;
}

/// A lapse byte of one day.
const ONE_DAY: u8 = 240;
/// Milliseconds in a day.
const DAY_MS: u64 = 86_400_000;

fn key(name: &str) -> carechain_runtime::AccountId {
	use sp_keyring::Sr25519Keyring::*;
	match name {
		"bob" => Bob.to_account_id(),
		"charlie" => Charlie.to_account_id(),
		"dave" => Dave.to_account_id(),
		_ => Eve.to_account_id(),
	}
}

fn identity(call: pallet_patient_identity::Call<carechain_runtime::Runtime>) -> RuntimeCall {
	RuntimeCall::PatientIdentity(call)
}
fn consent(call: pallet_consent::Call<carechain_runtime::Runtime>) -> RuntimeCall {
	RuntimeCall::Consent(call)
}
fn providers(call: pallet_provider_registry::Call<carechain_runtime::Runtime>) -> RuntimeCall {
	RuntimeCall::ProviderRegistry(call)
}
fn rewards(call: pallet_data_rewards::Call<carechain_runtime::Runtime>) -> RuntimeCall {
	RuntimeCall::DataRewards(call)
}

/// A provider's logged read of `patient`'s `category` for treatment (no record anchored).
fn read_for_treatment(
	patient: carechain_runtime::AccountId,
	category: StandardCategory,
) -> RuntimeCall {
	consent(pallet_consent::Call::record_access {
		patient,
		category,
		purpose: PurposeOfUse::Treatment,
		action: Action::Read,
		record_hash: None,
	})
}

fn seed(steps: &[(u8, u8, RuntimeCall)]) -> Vec<u8> {
	steps.iter().flat_map(|(lapse, caller, call)| encode_step(*lapse, *caller, call)).collect()
}

/// Every seed, by name.
pub fn seeds() -> Vec<(&'static str, Vec<u8>)> {
	use pallet_consent::Call as C;
	use pallet_data_rewards::Call as R;
	use pallet_patient_identity::Call as P;
	use pallet_provider_registry::Call as G;
	let treatment = PurposeList::from(PurposeOfUse::Treatment);
	let read = ActionList::from(Action::Read);
	let labs = StandardCategoryList::from(StandardCategory::LabResults);
	vec![
		(
			"consent-grant-log-revoke",
			seed(&[
				(
					0,
					by::DAVE,
					consent(C::grant {
						grantee: key("charlie"),
						categories: labs.clone(),
						actions: read.clone(),
						purposes: treatment.clone(),
						expires_at: START + 30 * DAY_MS,
					}),
				),
				(1, by::CHARLIE, read_for_treatment(key("dave"), StandardCategory::LabResults)),
				(1, by::DAVE, consent(C::revoke { consent_id: 3 })),
			]),
		),
		(
			"patient-register-guardian",
			seed(&[
				(0, by::PLAIN_1, identity(P::register { identity_commitment: [7; 32] })),
				(0, by::PLAIN_1, identity(P::add_guardian { guardian: plain(2), until: None })),
				(
					1,
					by::PLAIN_2,
					identity(P::as_guardian {
						patient: plain(1),
						call: Box::new(consent(C::grant {
							grantee: key("bob"),
							categories: labs.clone(),
							actions: read.clone(),
							purposes: treatment.clone(),
							expires_at: START + 10 * DAY_MS,
						})),
					}),
				),
				(ONE_DAY, by::PLAIN_1, identity(P::deregister {})),
			]),
		),
		(
			"provider-onboards-token-less-patient",
			seed(&[
				(
					0,
					by::PLAIN_2,
					providers(G::apply {
						kind: ProviderKind::Clinic,
						name: "Fuzz Clinic".into(),
						jurisdiction: *b"GB",
						license_hash: [9; 32],
					}),
				),
				(1, by::COUNCIL, providers(G::approve { provider: plain(2) })),
				(0, by::PLAIN_2, providers(G::add_staff { member: plain(5) })),
				(
					1,
					by::PLAIN_5,
					identity(P::onboard { patient: plain(6), identity_commitment: [8; 32] }),
				),
				(
					1,
					by::PLAIN_6,
					consent(C::grant {
						grantee: plain(2),
						categories: DataCategories::STANDARD.to_standard_list(),
						actions: read.clone(),
						purposes: treatment.clone(),
						expires_at: START + 60 * DAY_MS,
					}),
				),
				(0, by::PLAIN_5, read_for_treatment(plain(6), StandardCategory::Allergies)),
				(1, by::PLAIN_6, identity(P::set_emergency_access { allowed: false })),
			]),
		),
		(
			"emergency-access-reviewed",
			seed(&[
				(
					0,
					by::BOB,
					consent(C::emergency_access {
						patient: key("eve"),
						categories: DataCategories::STANDARD.to_standard_list(),
						justification_hash: [3; 32],
					}),
				),
				(
					2,
					by::COUNCIL,
					consent(C::review_emergency_access { consent_id: 3, justified: false }),
				),
				(
					1,
					by::COUNCIL,
					providers(G::suspend {
						provider: key("bob"),
						reason: SuspensionReason::MisuseOfAccess,
					}),
				),
				(ONE_DAY, by::COUNCIL, providers(G::reinstate { provider: key("bob") })),
			]),
		),
		(
			"access-request-approved",
			seed(&[
				(
					0,
					by::CHARLIE,
					consent(C::request_access {
						patient: key("dave"),
						categories: StandardCategory::Imaging.into(),
						actions: read.clone(),
						purposes: treatment.clone(),
						duration_ms: 7 * DAY_MS,
						justification_hash: [4; 32],
					}),
				),
				(1, by::DAVE, consent(C::approve_request { request_id: 0 })),
				(
					ONE_DAY,
					by::DAVE,
					consent(C::renew { consent_id: 3, expires_at: START + 40 * DAY_MS }),
				),
			]),
		),
		(
			"study-enrol-confirm-settle",
			seed(&[
				(
					0,
					by::FERDIE,
					rewards(R::create_study {
						categories: labs.clone(),
						reward_per_participant: 2 * CARE,
						max_participants: 2,
						enrollment_ends_at: START + 2 * DAY_MS,
						data_use_ends_at: START + 20 * DAY_MS,
						protocol_hash: [5; 32],
					}),
				),
				(1, by::DAVE, rewards(R::enroll { study_id: 1 })),
				(
					1,
					by::FERDIE,
					rewards(R::confirm_contribution {
						study_id: 1,
						patient: key("dave"),
						dataset_hash: [6; 32],
					}),
				),
				(255, by::COUNCIL, rewards(R::settle_study { study_id: 1 })),
			]),
		),
		(
			"council-parameter-and-pause",
			seed(&[
				(
					0,
					by::COUNCIL,
					RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
						key_value: RuntimeParameters::Patients(
							patients::Parameters::FeelessCallsPerDay(
								patients::FeelessCallsPerDay,
								Some(3),
							),
						),
					}),
				),
				(
					1,
					by::COUNCIL,
					RuntimeCall::TxPause(pallet_tx_pause::Call::pause {
						full_name: pause_name(b"Consent", b"record_access"),
					}),
				),
				(1, by::CHARLIE, read_for_treatment(key("dave"), StandardCategory::LabResults)),
				(
					1,
					by::COUNCIL,
					RuntimeCall::TxPause(pallet_tx_pause::Call::unpause {
						ident: pause_name(b"Consent", b"record_access"),
					}),
				),
			]),
		),
		(
			"consents-expire-and-are-cleaned",
			seed(&[
				(
					0,
					by::DAVE,
					consent(C::grant {
						grantee: key("bob"),
						categories: StandardCategory::Imaging.into(),
						actions: read.clone(),
						purposes: treatment.clone(),
						expires_at: START + DAY_MS,
					}),
				),
				(
					0,
					by::DAVE,
					RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
						dest: plain(7).into(),
						value: CARE,
					}),
				),
				(255, by::DAVE, identity(P::set_emergency_access { allowed: false })),
			]),
		),
	]
}

/// A call's name as pallet-tx-pause takes it.
fn pause_name(
	pallet: &[u8],
	call: &[u8],
) -> pallet_tx_pause::RuntimeCallNameOf<carechain_runtime::Runtime> {
	(pallet.to_vec().try_into().unwrap_or_default(), call.to_vec().try_into().unwrap_or_default())
}
