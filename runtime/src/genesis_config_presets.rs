//! Genesis presets: `development` (one validator, sudo, a three-member council) and
//! `local_testnet` (four validators, a four-member council, no sudo).

use alloc::{vec, vec::Vec};
use frame_support::{build_struct_json_patch, BoundedVec};
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use carechain_primitives::{
	trace::{gs1_check_digit, CompanyPrefix, Day, Gs1Text, Gtin, Sscc},
	Action, Actions, DataCategories, DataCategory, Hash32, Moment, ProviderKind, PurposeOfUse,
	Purposes,
};
use pallet_traceability::{serials, GenesisBatch};
use sp_runtime::traits::{BlakeTwo256, Hash};

use crate::{
	currency::CARE, AccountId, AuraConfig, Balance, BalancesConfig, ConsentConfig,
	CouncilMembershipConfig, DataRewardsConfig, GrandpaConfig, PatientIdentityConfig,
	ProviderRegistryConfig, RuntimeGenesisConfig, SudoConfig, TraceabilityConfig,
};

/// What every endowed development account starts with.
pub const ENDOWMENT: Balance = 1_000_000 * CARE;

/// The well-known development accounts that hold funds at genesis: Alice .. Ferdie, and the
/// stash accounts of Alice, Bob and Charlie (the demo supply chain's organisations).
fn endowed_accounts() -> Vec<AccountId> {
	use Sr25519Keyring::*;
	[Alice, Bob, Charlie, Dave, Eve, Ferdie, AliceStash, BobStash, CharlieStash]
		.iter()
		.map(|k| k.to_account_id())
		.collect()
}

/// A development validator: its Aura (sr25519) and GRANDPA (ed25519) keys, derived from the same
/// well-known seed (`//Alice`, ...).
type Validator = (Sr25519Keyring, Ed25519Keyring);

/// The Aura and GRANDPA authority ids of a development validator.
fn authority_keys((aura, grandpa): Validator) -> (AuraId, GrandpaId) {
	(aura.public().into(), grandpa.public().into())
}

/// A provider registered and active at genesis: account, kind, public name, jurisdiction and
/// licence hash.
type DemoProvider = (AccountId, ProviderKind, alloc::string::String, [u8; 2], Hash32);

/// The development chain's demo providers (organisations, never people). Consortium members
/// are healthcare organisations, so two of them sit on the Council: a hospital (Bob), a
/// laboratory (Charlie); and a research institute (Ferdie). A supply chain: a manufacturer
/// (Alice's stash), a distributor (Bob's stash) and a pharmacy (Charlie's stash).
pub fn demo_providers() -> Vec<DemoProvider> {
	use Sr25519Keyring::*;
	let organisation = |key: Sr25519Keyring, kind, name: &str| -> DemoProvider {
		let licence = [b"licence: ".as_slice(), name.as_bytes()].concat();
		(key.to_account_id(), kind, name.into(), *b"GB", BlakeTwo256::hash(&licence).0)
	};
	vec![
		organisation(Bob, ProviderKind::Hospital, "Riverside General Hospital"),
		organisation(Charlie, ProviderKind::Laboratory, "Northgate Diagnostics Laboratory"),
		organisation(Ferdie, ProviderKind::ResearchInstitute, "Institute for Health Data Research"),
		organisation(AliceStash, ProviderKind::Manufacturer, DEMO_MANUFACTURER),
		organisation(BobStash, ProviderKind::Distributor, DEMO_DISTRIBUTOR),
		organisation(CharlieStash, ProviderKind::Pharmacy, DEMO_PHARMACY),
	]
}

/// The demo manufacturer's public name.
pub const DEMO_MANUFACTURER: &str = "Meridian Pharmaceuticals";
/// The demo distributor's public name.
pub const DEMO_DISTRIBUTOR: &str = "Thames Valley Pharma Wholesale";
/// The demo pharmacy's public name.
pub const DEMO_PHARMACY: &str = "High Street Pharmacy";

/// A patient registered at genesis: account, identity commitment, guardians.
type DemoPatient = pallet_patient_identity::GenesisPatient<crate::Runtime>;

/// The development chain's demo patients: Dave, and Eve, whose guardian is Dave. Their
/// commitments hash a demo salt only: no identifiers of anyone.
pub fn demo_patients() -> Vec<DemoPatient> {
	use Sr25519Keyring::*;
	vec![
		(Dave.to_account_id(), BlakeTwo256::hash(b"demo salt: Dave").0, BoundedVec::new()),
		(
			Eve.to_account_id(),
			BlakeTwo256::hash(b"demo salt: Eve").0,
			BoundedVec::truncate_from(vec![Dave.to_account_id()]),
		),
	]
}

/// A consent granted at genesis: patient, grantee, categories, actions, purposes, expiry.
type DemoConsent = pallet_consent::GenesisConsent<AccountId>;

/// When the demo consents end: 2030-01-01T00:00:00Z (unix ms). Genesis is the only place a
/// consent may outlast `MaxConsentDuration` from now, so that a demo chain stays demonstrable.
pub const DEMO_CONSENTS_END: Moment = 1_893_456_000_000;

/// The development chain's demo consents: Dave lets Riverside General Hospital (Bob) read and
/// write his core record for treatment, and Northgate Diagnostics Laboratory (Charlie) his lab
/// results; Eve lets the hospital read her standard categories for treatment.
pub fn demo_consents() -> Vec<DemoConsent> {
	use DataCategory::*;
	use Sr25519Keyring::*;
	let treatment = Purposes::from(PurposeOfUse::Treatment);
	let read_write = Actions::from_flags([Action::Read, Action::Write]);
	let core_record =
		DataCategories::from_flags([Demographics, Allergies, Medications, Conditions, LabResults]);
	vec![
		(
			Dave.to_account_id(),
			Bob.to_account_id(),
			core_record,
			read_write,
			treatment,
			DEMO_CONSENTS_END,
		),
		(
			Dave.to_account_id(),
			Charlie.to_account_id(),
			LabResults.into(),
			read_write,
			treatment,
			DEMO_CONSENTS_END,
		),
		(
			Eve.to_account_id(),
			Bob.to_account_id(),
			DataCategories::STANDARD,
			Action::Read.into(),
			treatment,
			DEMO_CONSENTS_END,
		),
	]
}

/// A study open at genesis.
type DemoStudy = pallet_data_rewards::GenesisStudy<AccountId, Balance>;

/// The development chain's demo study: the Institute for Health Data Research (Ferdie) pays
/// 5 CARE to each of up to 100 patients who share lab results and vital signs; enrolment is open
/// until 2029-12-01, data use ends with the demo consents.
pub fn demo_studies() -> Vec<DemoStudy> {
	vec![(
		Sr25519Keyring::Ferdie.to_account_id(),
		DataCategories::from_flags([DataCategory::LabResults, DataCategory::VitalSigns]),
		5 * CARE,
		100,
		DEMO_CONSENTS_END - 31 * 86_400_000,
		DEMO_CONSENTS_END,
		BlakeTwo256::hash(b"protocol: demo cardiovascular risk study").0,
	)]
}

/// The demo manufacturer's GS1 company prefix, 5012345.
pub const DEMO_COMPANY_PREFIX: CompanyPrefix = CompanyPrefix { digits: 5_012_345, length: 7 };

/// A GS1 number: `data` followed by its check digit.
fn with_check_digit(data: u64) -> u64 {
	data.saturating_mul(10).saturating_add(gs1_check_digit(data))
}

/// The demo product: GTIN-14 0 5012345 67890 and its check digit.
pub fn demo_gtin() -> Gtin {
	Gtin(with_check_digit(501_234_567_890))
}

/// The demo case: SSCC 0 5012345 000000001 and its check digit.
pub fn demo_case() -> Sscc {
	Sscc(with_check_digit(5_012_345_000_000_001))
}

/// The demo batch's lot.
pub const DEMO_LOT: &str = "DEMO-LOT-1";

/// The demo batch's expiry: 2029-12-31.
pub const DEMO_EXPIRY: Day = 21_914;

/// How many packs the demo batch has.
pub const DEMO_PACKS: u32 = 12;

/// A GS1 text (lot or serial) the demo data spells correctly; empty if it did not fit.
fn gs1_text(text: &str) -> Gs1Text {
	Gs1Text::truncate_from(text.as_bytes().to_vec())
}

/// The serial of demo pack `index` (0-based): `DEMO000001` ...
pub fn demo_serial(index: u32) -> Gs1Text {
	gs1_text(&alloc::format!("DEMO{:06}", index.saturating_add(1)))
}

/// The salt of the demo pack with `serial`. Demo salts are public (derived from the serial) so
/// that anyone can verify a demo pack; a manufacturer's real salts are random and secret.
pub fn demo_salt(serial: &Gs1Text) -> Hash32 {
	BlakeTwo256::hash(&[b"demo pack salt: ".as_slice(), serial].concat()).0
}

/// The leaves of the demo batch's packs, in serial order.
pub fn demo_leaves() -> Vec<sp_core::H256> {
	let (gtin, lot) = (demo_gtin(), gs1_text(DEMO_LOT));
	(0..DEMO_PACKS)
		.map(|index| {
			let serial = demo_serial(index);
			serials::pack_leaf(&demo_salt(&serial), gtin, &lot, &serial, DEMO_EXPIRY)
		})
		.collect()
}

/// The development chain's demo supply chain: Meridian Pharmaceuticals (Alice's stash) holds
/// prefix 5012345 and one product; its batch `DEMO-LOT-1` of twelve packs, in one case, is in
/// transit to Thames Valley Pharma Wholesale (Bob's stash).
pub fn demo_traceability() -> TraceabilityConfig {
	use Sr25519Keyring::*;
	let leaves = demo_leaves();
	TraceabilityConfig {
		company_prefixes: vec![(DEMO_COMPANY_PREFIX, AliceStash.to_account_id())],
		products: vec![(demo_gtin(), DEMO_COMPANY_PREFIX)],
		batches: vec![GenesisBatch {
			gtin: demo_gtin(),
			lot: gs1_text(DEMO_LOT),
			expiry: DEMO_EXPIRY,
			packs: DEMO_PACKS,
			root: serials::root(leaves.clone()).0,
			case: demo_case(),
			manifest: BlakeTwo256::hash_of(&leaves).0,
			shipped_to: Some((
				BobStash.to_account_id(),
				BlakeTwo256::hash(b"transaction information: demo shipment 1").0,
			)),
		}],
	}
}

/// The demo data of a preset.
struct Demo {
	providers: Vec<DemoProvider>,
	patients: Vec<DemoPatient>,
	consents: Vec<DemoConsent>,
	studies: Vec<DemoStudy>,
	supply_chain: TraceabilityConfig,
}

/// The genesis state shared by all presets.
fn genesis(
	validators: &[Validator],
	council: &[Sr25519Keyring],
	sudo: Option<Sr25519Keyring>,
	demo: Demo,
) -> Value {
	let authorities: Vec<(AuraId, GrandpaId)> =
		validators.iter().map(|v| authority_keys(*v)).collect();
	let council: Vec<AccountId> = council.iter().map(|m| m.to_account_id()).collect();
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts().into_iter().map(|a| (a, ENDOWMENT)).collect::<Vec<_>>(),
		},
		aura: AuraConfig {
			authorities: authorities.iter().map(|a| a.0.clone()).collect::<Vec<_>>()
		},
		grandpa: GrandpaConfig {
			authorities: authorities.iter().map(|a| (a.1.clone(), 1)).collect::<Vec<_>>(),
		},
		// The council is small (at most `COUNCIL_MAX_MEMBERS`), so nothing is truncated.
		council_membership: CouncilMembershipConfig { members: BoundedVec::truncate_from(council) },
		sudo: SudoConfig { key: sudo.map(|s| s.to_account_id()) },
		provider_registry: ProviderRegistryConfig { providers: demo.providers },
		patient_identity: PatientIdentityConfig { patients: demo.patients },
		consent: ConsentConfig { consents: demo.consents },
		data_rewards: DataRewardsConfig { studies: demo.studies },
		traceability: demo.supply_chain,
	})
}

/// `--dev`: Alice validates alone and holds sudo; Alice, Bob and Charlie form the council, so a
/// motion needs a second vote.
pub fn development_genesis() -> Value {
	use Sr25519Keyring::*;
	genesis(
		&[(Alice, Ed25519Keyring::Alice)],
		&[Alice, Bob, Charlie],
		Some(Alice),
		Demo {
			providers: demo_providers(),
			patients: demo_patients(),
			consents: demo_consents(),
			studies: demo_studies(),
			supply_chain: demo_traceability(),
		},
	)
}

/// `--chain local`: Alice, Bob, Charlie and Dave validate and form the council; no sudo key.
pub fn local_testnet_genesis() -> Value {
	use Sr25519Keyring::*;
	let validators = [
		(Alice, Ed25519Keyring::Alice),
		(Bob, Ed25519Keyring::Bob),
		(Charlie, Ed25519Keyring::Charlie),
		(Dave, Ed25519Keyring::Dave),
	];
	genesis(
		&validators,
		&[Alice, Bob, Charlie, Dave],
		None,
		Demo {
			providers: Vec::new(),
			patients: Vec::new(),
			consents: Vec::new(),
			studies: Vec::new(),
			supply_chain: TraceabilityConfig::default(),
		},
	)
}

/// The JSON patch of a named preset, or `None` for an unknown name.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEV_RUNTIME_PRESET => development_genesis(),
		LOCAL_TESTNET_RUNTIME_PRESET => local_testnet_genesis(),
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// The names of all presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![PresetId::from(DEV_RUNTIME_PRESET), PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET)]
}

/// Merges a genesis patch into a full genesis JSON, the way the node's chain-spec builder does:
/// objects are merged key by key, anything else is replaced.
#[cfg(feature = "std")]
fn merge_patch(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge_patch(base.entry(key).or_insert(Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// The full `RuntimeGenesisConfig` of a named preset: its patch merged into the default config,
/// as the node builds it. For tests and tools that start from a preset's state; unknown fields
/// are refused, so a misspelt preset key is an error here.
#[cfg(feature = "std")]
pub fn full_config(id: &PresetId) -> Result<RuntimeGenesisConfig, alloc::string::String> {
	let patch = get_preset(id).ok_or_else(|| format!("no preset named {:?}", id))?;
	let patch: Value = serde_json::from_slice(&patch).map_err(|e| e.to_string())?;
	let mut config =
		serde_json::to_value(RuntimeGenesisConfig::default()).map_err(|e| e.to_string())?;
	merge_patch(&mut config, patch);
	serde_json::from_value(config).map_err(|e| e.to_string())
}
