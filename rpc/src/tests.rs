//! Tests of parameter reading and of the JSON answers. The methods themselves are exercised on a
//! real node by `scripts/e2e/test/clinic.test.js` and `rpc-robustness.test.js`.

use carechain_primitives::{
	AccessDecision, AccessEntry, AccessLogView, Action, Actions, Consent, ConsentKind,
	ConsentStatus, DataCategories, DataCategory, DenyReason, PurposeOfUse, Purposes,
};
use jsonrpsee::types::{ErrorObjectOwned, Params};
use serde_json::{json, Value};
use sp_core::{crypto::Ss58Codec, H256};

use super::*;

const ALICE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
const CHECK: &[&str] = &["patient", "accessor", "category", "action", "purpose", "at"];

fn params(value: Value) -> String {
	value.to_string()
}

fn args(value: Value) -> Result<Args, ErrorObjectOwned> {
	let raw = params(value);
	Args::new(&Params::new(Some(&raw)), CHECK)
}

/// The field an error names, asserting it is an "invalid params" error that says so.
fn field_of(error: ErrorObjectOwned) -> String {
	assert_eq!(error.code(), params::INVALID_PARAMS, "{error:?}");
	let field = error.data().and_then(|d| serde_json::from_str::<Value>(d.get()).ok());
	let field = field.and_then(|d| d["field"].as_str().map(String::from)).expect("data.field");
	assert!(error.message().contains(&format!("{field}:")), "message names it: {error:?}");
	field
}

fn check_args(value: Value) -> Result<(), ErrorObjectOwned> {
	let args = args(value)?;
	args.account("patient")?;
	args.account("accessor")?;
	args.category("category")?;
	args.action("action")?;
	args.purpose("purpose")?;
	args.at::<H256>()?;
	Ok(())
}

#[test]
fn positional_and_named_params_read_the_same() {
	let by_position = args(json!([ALICE, ALICE, "LabResults", "read", "TREAT"])).unwrap();
	let by_name = args(json!({
		"purpose": "TREAT", "patient": ALICE, "accessor": ALICE, "category": "LabResults",
		"action": "read"
	}))
	.unwrap();
	for args in [by_position, by_name] {
		assert_eq!(args.account("patient").unwrap().to_ss58check(), ALICE);
		assert_eq!(args.category("category").unwrap(), DataCategory::LabResults);
		assert_eq!(args.action("action").unwrap(), Action::Read);
		assert_eq!(args.purpose("purpose").unwrap(), PurposeOfUse::Treatment);
		assert_eq!(args.at::<H256>().unwrap(), None);
	}
	let at = format!("0x{}", "ab".repeat(32));
	let with_at = args(json!([ALICE, ALICE, "Hiv", "write", "HRESCH", at])).unwrap();
	assert_eq!(with_at.at::<H256>().unwrap(), Some(H256::repeat_byte(0xab)));
}

#[test]
fn every_bad_param_is_refused_naming_it() {
	let good = || json!([ALICE, ALICE, "LabResults", "read", "TREAT"]);
	assert!(check_args(good()).is_ok());
	let cases: Vec<(usize, Value, &str)> = vec![
		(0, json!("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ"), "patient"),
		(0, json!(""), "patient"),
		(0, json!(42), "patient"),
		(0, Value::Null, "patient"),
		// Refused on its length, not decoded: base-58 decoding a megabyte would take minutes.
		(0, json!("x".repeat(1_000_000)), "patient"),
		(1, json!(["an", "array"]), "accessor"),
		(1, json!("0x0101"), "accessor"),
		(2, json!("labresults"), "category"),
		(2, json!("Astrology"), "category"),
		(2, json!(5), "category"),
		(3, json!("delete"), "action"),
		(3, json!({ "read": true }), "action"),
		(4, json!("ETREATMENT"), "purpose"),
		(4, json!(true), "purpose"),
	];
	for (index, value, field) in cases {
		let mut list = good();
		list[index] = value.clone();
		let error = check_args(list).expect_err(field);
		assert_eq!(field_of(error), field, "{value}");
	}
	for at in
		[json!("0x1234"), json!("not a hash"), json!(7), json!(format!("0x{}", "g".repeat(64)))]
	{
		let mut list = good();
		list.as_array_mut().unwrap().push(at);
		assert_eq!(field_of(check_args(list).unwrap_err()), "at");
	}
	// Too many positions, an unknown name, a scalar for params: all refused by name.
	let mut list = good();
	list.as_array_mut().unwrap().extend([Value::Null, json!("extra")]);
	assert_eq!(field_of(check_args(list).unwrap_err()), "params");
	assert_eq!(field_of(check_args(json!({ "patients": ALICE })).unwrap_err()), "patients");
	assert_eq!(field_of(check_args(json!("TREAT")).unwrap_err()), "params");
	// A hostile string is not echoed back whole.
	let mut list = good();
	list[2] = json!("x".repeat(100_000));
	assert!(check_args(list).unwrap_err().message().len() < 400);
}

#[test]
fn ids_and_hashes_are_read_strictly() {
	let read = |value: Value| {
		let raw = params(json!([value]));
		Args::new(&Params::new(Some(&raw)), &["id"]).and_then(|a| a.consent_id("id"))
	};
	assert_eq!(read(json!(7)).unwrap(), 7);
	assert_eq!(read(json!("18446744073709551615")).unwrap(), u64::MAX);
	for bad in [json!(-1), json!(1.5), json!("seven"), json!([1]), Value::Null] {
		assert_eq!(field_of(read(bad).unwrap_err()), "id");
	}
	let hash = |value: Value| {
		let raw = params(json!({ "recordHash": value }));
		Args::new(&Params::new(Some(&raw)), &["recordHash"]).and_then(|a| a.hash32("recordHash"))
	};
	assert_eq!(hash(json!(format!("0x{}", "0f".repeat(32)))).unwrap(), [0x0f; 32]);
	for bad in [json!("0x0f"), json!("0f".repeat(32)), json!(format!("0x{}", "zz".repeat(32)))] {
		assert_eq!(field_of(hash(bad).unwrap_err()), "recordHash");
	}
}

fn consent() -> Consent<AccountId32> {
	Consent {
		patient: AccountId32::new([1; 32]),
		grantee: AccountId32::new([2; 32]),
		categories: DataCategories::from_flags([DataCategory::LabResults, DataCategory::Hiv]),
		actions: Actions::from(Action::Read),
		purposes: Purposes::from_flags([PurposeOfUse::Treatment, PurposeOfUse::PublicHealth]),
		created_at: 1_000,
		expires_at: 2_000,
		status: ConsentStatus::Revoked,
		kind: ConsentKind::Research(4),
		by_guardian: false,
	}
}

#[test]
fn consents_and_decisions_have_the_spec_shape() {
	let json = serde_json::to_value(ConsentJson::new(9, &consent())).unwrap();
	assert_eq!(
		json,
		json!({
			"id": 9,
			"patient": AccountId32::new([1; 32]).to_ss58check(),
			"grantee": AccountId32::new([2; 32]).to_ss58check(),
			"categories": ["LabResults", "Hiv"],
			"actions": ["read"],
			"purposes": ["TREAT", "PUBHLTH"],
			"createdAt": 1_000,
			"expiresAt": 2_000,
			"status": "revoked",
			"kind": "research",
			"studyId": 4,
			"byGuardian": false,
		})
	);
	let permit = AccessDecision::Permit { consent_id: 3, expires_at: 5 };
	assert_eq!(
		serde_json::to_value(DecisionJson::from(permit)).unwrap(),
		json!({ "decision": "permit", "consentId": 3, "expiresAt": 5, "reason": null })
	);
	assert_eq!(
		serde_json::to_value(DecisionJson::from(AccessDecision::Deny(DenyReason::Revoked)))
			.unwrap(),
		json!({ "decision": "deny", "consentId": null, "expiresAt": null, "reason": "Revoked" })
	);
}

#[test]
fn access_log_entries_carry_their_position_in_the_whole_log() {
	let entry = |time| AccessEntry {
		accessor: AccountId32::new([3; 32]),
		organisation: AccountId32::new([2; 32]),
		category: DataCategory::LabResults,
		purpose: PurposeOfUse::Treatment,
		action: Action::Write,
		consent_id: 1,
		time,
		record_hash: Some([0xaa; 32]),
	};
	let log = AccessLogView { count: 40, head: [7; 32], recent: (0..32).map(entry).collect() };
	let json = AccessLogJson::from(log);
	assert_eq!(json.head, format!("0x{}", "07".repeat(32)));
	assert_eq!(json.recent.first().map(|e| (e.index, e.time)), Some((8, 0)));
	assert_eq!(json.recent.last().map(|e| (e.index, e.time)), Some((39, 31)));
	assert_eq!(json.recent[0].record_hash.as_deref(), Some(&*format!("0x{}", "aa".repeat(32))));
	assert_eq!(json.recent[0].action, "write");
}

#[test]
fn a_fhir_consent_becomes_grant_arguments_or_an_error_naming_the_element() {
	let mut active = consent();
	active.status = ConsentStatus::Active;
	active.kind = ConsentKind::Standard;
	active.expires_at = 4_000_000_000_000;
	let resource = serde_json::to_value(carechain_fhir::to_fhir(9, &active)).unwrap();
	let raw = params(json!([resource.clone()]));
	let grant = from_fhir(&Params::new(Some(&raw))).unwrap();
	assert_eq!(grant.patient, active.patient.to_ss58check());
	assert_eq!(grant.grantee, active.grantee.to_ss58check());
	assert_eq!(grant.categories, ["LabResults", "Hiv"]);
	assert_eq!(grant.actions, ["read"]);
	assert_eq!(grant.purposes, ["TREAT", "PUBHLTH"]);
	assert_eq!(grant.expires_at, active.expires_at);

	let mut unknown_purpose = resource.clone();
	unknown_purpose["provision"][0]["purpose"][0]["code"] = json!("MARKETING");
	let raw = params(json!({ "resource": unknown_purpose }));
	let error = from_fhir(&Params::new(Some(&raw))).unwrap_err();
	assert_eq!(field_of(error), "resource.provision[0].purpose[0]");

	let mut past = resource.clone();
	past["period"]["end"] = json!("2001-01-01T00:00:00Z");
	let raw = params(json!([past]));
	assert_eq!(field_of(from_fhir(&Params::new(Some(&raw))).unwrap_err()), "resource.period.end");

	let mut unknown_element = resource;
	unknown_element["extension"] = json!([]);
	let raw = params(json!([unknown_element]));
	assert_eq!(field_of(from_fhir(&Params::new(Some(&raw))).unwrap_err()), "resource");
	let raw = params(json!(["Consent"]));
	assert_eq!(field_of(from_fhir(&Params::new(Some(&raw))).unwrap_err()), "resource");
}
