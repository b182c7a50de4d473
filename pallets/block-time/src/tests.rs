//! Genesis choices of the slot duration and what Aura and Timestamp read from it.

use frame_support::traits::{Get, Hooks};

use crate::{mock::*, MinimumPeriodOf, SlotDuration, SlotDurationOf};

#[test]
fn a_genesis_without_a_slot_duration_keeps_the_production_six_seconds() {
	build(None).execute_with(|| {
		assert!(!SlotDuration::<Test>::exists());
		assert_eq!(SlotDurationOf::<Test>::get(), 6_000);
		assert_eq!(MinimumPeriodOf::<Test>::get(), 3_000);
	});
}

#[test]
fn a_genesis_chooses_a_shorter_slot_for_a_test_chain() {
	build(Some(1_000)).execute_with(|| {
		assert_eq!(SlotDuration::<Test>::get(), 1_000);
		assert_eq!(SlotDurationOf::<Test>::get(), 1_000);
		assert_eq!(MinimumPeriodOf::<Test>::get(), 500);
	});
	build(Some(60_000)).execute_with(|| assert_eq!(SlotDurationOf::<Test>::get(), 60_000));
}

#[test]
fn a_slot_outside_the_allowed_range_is_refused_and_the_default_kept() {
	for refused in [0, 1, 999, 60_001, u64::MAX] {
		build(Some(refused)).execute_with(|| {
			assert!(!SlotDuration::<Test>::exists(), "{refused} ms must be refused");
			assert_eq!(SlotDurationOf::<Test>::get(), 6_000);
		});
	}
}

#[test]
fn the_genesis_json_names_the_slot_duration_in_camel_case() {
	let config: crate::GenesisConfig<Test> =
		serde_json::from_str(r#"{ "slotDurationMs": 2000 }"#).expect("valid block-time JSON");
	assert_eq!(config.slot_duration_ms, Some(2_000));
	let absent: crate::GenesisConfig<Test> = serde_json::from_str("{}").expect("empty section");
	assert_eq!(absent.slot_duration_ms, None);
	assert!(serde_json::from_str::<crate::GenesisConfig<Test>>(r#"{ "slotDuration": 1 }"#).is_err());
}

#[test]
fn the_configuration_passes_its_integrity_test() {
	build(None).execute_with(<BlockTime as Hooks<u64>>::integrity_test);
}
