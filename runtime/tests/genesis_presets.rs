//! Both genesis presets build, and hold what SPEC 5 says they hold.

mod common;

use carechain_primitives::deposit::HeldDeposit;
use carechain_runtime::{
	genesis_config_presets::{preset_names, ENDOWMENT},
	AccountId, Aura, Balances, CouncilMembership, Grandpa, Runtime,
};
use common::new_test_ext;
use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::Sr25519Keyring::{self, *};

fn accounts(keys: &[Sr25519Keyring]) -> Vec<AccountId> {
	keys.iter().map(|k| k.to_account_id()).collect()
}

fn council() -> Vec<AccountId> {
	let mut members = pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get();
	members.sort();
	members
}

fn sorted(mut accounts: Vec<AccountId>) -> Vec<AccountId> {
	accounts.sort();
	accounts
}

#[test]
fn presets_are_listed() {
	let names: Vec<String> =
		preset_names().into_iter().map(|p| String::from_utf8(p.into()).unwrap()).collect();
	assert_eq!(names, vec![DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET]);
}

#[test]
fn unknown_preset_is_none() {
	assert!(carechain_runtime::genesis_config_presets::get_preset(&"mainnet".into()).is_none());
}

#[test]
fn development_preset_has_one_validator_sudo_and_a_three_member_council() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1);
		assert_eq!(Grandpa::grandpa_authorities().len(), 1);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(Alice.to_account_id()));
		assert_eq!(council(), sorted(accounts(&[Alice, Bob, Charlie])));
		assert_eq!(
			sorted(CouncilMembership::members().into_inner()),
			sorted(accounts(&[Alice, Bob, Charlie]))
		);
		assert_eq!(Balances::free_balance(Alice.to_account_id()), ENDOWMENT);
	});
}

#[test]
fn local_preset_has_four_validators_four_councillors_and_no_sudo() {
	new_test_ext(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let aura: Vec<_> = pallet_aura::Authorities::<Runtime>::get().into_inner();
		let expected: Vec<sp_consensus_aura::sr25519::AuthorityId> =
			[Alice, Bob, Charlie, Dave].iter().map(|k| k.public().into()).collect();
		assert_eq!(aura, expected);
		let grandpa = Grandpa::grandpa_authorities();
		assert_eq!(grandpa.len(), 4);
		assert!(grandpa.iter().all(|(_, weight)| *weight == 1));
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		assert_eq!(council(), sorted(accounts(&[Alice, Bob, Charlie, Dave])));
	});
}

#[test]
fn slot_duration_is_six_seconds() {
	use frame_support::traits::Get;
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(Aura::slot_duration(), 6_000);
		assert_eq!(<Runtime as pallet_timestamp::Config>::MinimumPeriod::get(), 3_000);
	});
}

#[test]
fn a_test_chain_genesis_chooses_a_shorter_slot_for_aura_and_timestamp() {
	use carechain_runtime::BuildStorage;
	use frame_support::traits::Get;
	let mut config = common::preset_config(DEV_RUNTIME_PRESET);
	config.block_time.slot_duration_ms = Some(2_000);
	let storage = config.build_storage().expect("the genesis builds");
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(Aura::slot_duration(), 2_000);
		assert_eq!(<Runtime as pallet_timestamp::Config>::MinimumPeriod::get(), 1_000);
	});
}

#[test]
fn development_preset_registers_the_demo_providers_as_active() {
	use carechain_primitives::{traits::ProviderRegistry as _, ProviderKind, ProviderStatus};
	use carechain_runtime::ProviderRegistry;
	use frame_support::traits::fungible::{Inspect, InspectHold};
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		let expected = [
			(Bob, ProviderKind::Hospital, "Riverside General Hospital"),
			(Charlie, ProviderKind::Laboratory, "Northgate Diagnostics Laboratory"),
			(Ferdie, ProviderKind::ResearchInstitute, "Institute for Health Data Research"),
			(AliceStash, ProviderKind::Manufacturer, "Meridian Pharmaceuticals"),
			(BobStash, ProviderKind::Distributor, "Thames Valley Pharma Wholesale"),
			(CharlieStash, ProviderKind::Pharmacy, "High Street Pharmacy"),
		];
		for (key, kind, name) in expected {
			let account = key.to_account_id();
			assert_eq!(ProviderRegistry::active_provider(&account), Some((kind, account.clone())));
			let view = ProviderRegistry::provider_view(account.clone()).expect("registered");
			assert_eq!(view.status, ProviderStatus::Active);
			assert_eq!(view.name, name);
			// The deposit is held from the endowment (Ferdie's demo study holds more).
			assert_eq!(
				Balances::balance_on_hold(
					&pallet_provider_registry::HoldReason::ProviderDeposit.into(),
					&account
				),
				view.deposit
			);
			assert_eq!(Balances::total_balance(&account), ENDOWMENT);
		}
		assert_eq!(ProviderRegistry::active_provider(&Alice.to_account_id()), None);
	});
}

#[test]
fn development_preset_has_a_demo_batch_in_transit_to_the_distributor() {
	use carechain_primitives::trace::{PackId, PackProof, TraceVerdict};
	use carechain_runtime::{genesis_config_presets as demo, RuntimeOrigin, Traceability};
	use pallet_traceability::serials;
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		let manufacturer = AliceStash.to_account_id();
		assert_eq!(
			pallet_traceability::CompanyPrefixes::<Runtime>::get(demo::DEMO_COMPANY_PREFIX),
			Some(manufacturer.clone())
		);
		let gtin = demo::demo_gtin();
		assert!(gtin.is_valid() && demo::demo_case().is_valid());
		assert_eq!(
			pallet_traceability::Products::<Runtime>::get(gtin).map(|p| p.manufacturer),
			Some(manufacturer)
		);
		let lot = carechain_primitives::trace::Gs1Text::truncate_from(b"DEMO-LOT-1".to_vec());
		let batch = pallet_traceability::Batches::<Runtime>::get((gtin, lot.clone()))
			.expect("the demo batch is commissioned");
		assert_eq!(batch.packs, demo::DEMO_PACKS);
		// Every demo pack verifies with its public salt and path; in transit, nobody holds it.
		let leaves = demo::demo_leaves();
		let proof = |index: u32| {
			let salt = demo::demo_salt(&demo::demo_serial(index));
			PackProof { salt, index, path: serials::path(leaves.clone(), index) }
		};
		let pack = |index: u32| PackId {
			gtin,
			serial: demo::demo_serial(index),
			lot: lot.clone(),
			expiry: demo::DEMO_EXPIRY,
		};
		let distributor = BobStash.to_account_id();
		for index in 0..demo::DEMO_PACKS {
			assert_eq!(
				Traceability::verify(&pack(index), &proof(index), None),
				TraceVerdict::Verified
			);
		}
		assert_eq!(
			Traceability::verify(&pack(0), &proof(0), Some(&distributor)),
			TraceVerdict::NotCustodian
		);
		// A pack the demo batch does not have.
		assert_eq!(
			Traceability::verify(&pack(demo::DEMO_PACKS), &proof(0), None),
			TraceVerdict::Unknown
		);
		// The distributor receives the case, and then holds every pack.
		frame_support::assert_ok!(Traceability::receive(
			RuntimeOrigin::signed(distributor.clone()),
			demo::demo_case()
		));
		assert_eq!(
			Traceability::verify(&pack(11), &proof(11), Some(&distributor)),
			TraceVerdict::Verified
		);
	});
}

#[test]
fn local_preset_has_no_supply_chain() {
	new_test_ext(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(pallet_traceability::CompanyPrefixes::<Runtime>::iter().count(), 0);
		assert_eq!(pallet_traceability::Batches::<Runtime>::iter().count(), 0);
	});
}

#[test]
fn local_preset_registers_no_providers() {
	new_test_ext(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(pallet_provider_registry::Providers::<Runtime>::iter().count(), 0);
	});
}

#[test]
fn development_preset_registers_two_demo_patients_one_with_a_guardian() {
	use carechain_primitives::traits::PatientRegistry as _;
	use carechain_runtime::PatientIdentity;
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		assert!(PatientIdentity::is_patient(&Dave.to_account_id()));
		assert!(PatientIdentity::is_patient(&Eve.to_account_id()));
		assert!(!PatientIdentity::is_patient(&Alice.to_account_id()));
		let eve = pallet_patient_identity::Patients::<Runtime>::get(Eve.to_account_id()).unwrap();
		let guardians: Vec<AccountId> = eve.guardians.iter().map(|g| g.account.clone()).collect();
		assert_eq!(guardians, vec![Dave.to_account_id()]);
		assert!(eve.emergency_access);
		assert_eq!(Balances::free_balance(Eve.to_account_id()) + eve.deposit.held(), ENDOWMENT);
	});
}

#[test]
fn local_preset_registers_no_patients() {
	new_test_ext(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(pallet_patient_identity::Patients::<Runtime>::iter().count(), 0);
	});
}
