//! Tests of parameter reading, of the signed-read scheme and of the JSON answers. The methods
//! themselves are exercised on a real node by `scripts/e2e/test/clinic.test.js`,
//! `signed-reads.test.js` and `rpc-robustness.test.js`.

use carechain_primitives::{
	sealed::{SealedScope, SEALED_SALT_BOXES, SEALED_SALT_LEN},
	AccessDecision, AccessEntry, AccessLogView, Actions, ConsentKind, ConsentStatus,
	DataCategories, DataCategory, DenyReason, Purposes, StandardCategory,
};
use serde_json::json;
use sp_core::{crypto::Ss58Codec, ed25519, sr25519, Pair, H256};

use super::*;
use crate::auth::{message, sign, wrapped, AUTH_REFUSED, SCHEME};

const ALICE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

/// The field an error names, asserting it is an "invalid params" error that says so.
fn field_of(error: ErrorObjectOwned) -> String {
	assert_eq!(error.code(), param::INVALID_PARAMS, "{error:?}");
	let field = error.data().and_then(|d| serde_json::from_str::<Value>(d.get()).ok());
	let field = field.and_then(|d| d["field"].as_str().map(String::from)).expect("data.field");
	assert!(error.message().contains(&format!("{field}:")), "message names it: {error:?}");
	field
}

/// The `(field, reason)` of a refused authorisation.
fn refusal_of(error: ErrorObjectOwned) -> (String, String) {
	assert_eq!(error.code(), AUTH_REFUSED, "{error:?}");
	let data: Value = serde_json::from_str(error.data().expect("data").get()).unwrap();
	let field = data["field"].as_str().unwrap().to_owned();
	assert!(error.message().contains(&format!("{field}:")), "message names it: {error:?}");
	(field, data["reason"].as_str().unwrap().to_owned())
}

/// Reads `value` as a parameter `field` of type `T`.
fn read<T: FromParam>(value: Value, field: &str) -> Result<T, ErrorObjectOwned> {
	Param::<T>::raw(value).read(field)
}

#[test]
fn typed_values_round_trip_through_their_parameter_form() {
	let alice = AccountId32::from_ss58check(ALICE).unwrap();
	assert_eq!(Param::of(&alice).value(), &json!(ALICE));
	assert_eq!(Param::of(&alice).read("patient").unwrap(), alice);
	for category in DataCategory::ALL {
		assert_eq!(Param::of(category).read("category").unwrap(), *category);
	}
	for standard in StandardCategory::ALL.iter().copied() {
		let asked = AccessedCategory::from(standard);
		assert_eq!(Param::of(&asked).read("category").unwrap(), asked);
	}
	let sealed = AccessedCategory::Sealed([0x5e; 16]);
	assert_eq!(Param::of(&sealed).value(), &json!(format!("0x{}", "5e".repeat(16))));
	assert_eq!(Param::of(&sealed).read("category").unwrap(), sealed);
	for purpose in PurposeOfUse::ALL {
		assert_eq!(Param::of(purpose).read("purpose").unwrap(), *purpose);
	}
	assert_eq!(Param::of(&Action::Write).value(), &json!("write"));
	assert_eq!(Param::of(&u64::MAX).read("id").unwrap(), u64::MAX);
	assert_eq!(Param::of(&[0xab; 32]).value(), &json!(format!("0x{}", "ab".repeat(32))));
	let block = H256::repeat_byte(0xcd);
	assert_eq!(read_at(&Some(Param::of(&block))).unwrap(), Some(block));
	assert_eq!(read_at::<H256>(&None).unwrap(), None);
	assert_eq!(read_at::<H256>(&Some(Param::raw(Value::Null))).unwrap(), None);
}

#[test]
fn every_bad_param_is_refused_naming_it() {
	let account_cases = [
		json!("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ"),
		json!(""),
		json!(42),
		Value::Null,
		// Refused on its length, not decoded: base-58 decoding a megabyte would take minutes.
		json!("x".repeat(1_000_000)),
		json!(["an", "array"]),
		json!("0x0101"),
	];
	for value in account_cases {
		assert_eq!(field_of(read::<AccountId32>(value.clone(), "patient").unwrap_err()), "patient");
	}
	for value in [json!("labresults"), json!("Astrology"), json!(5), Value::Null] {
		assert_eq!(field_of(read::<DataCategory>(value, "category").unwrap_err()), "category");
	}
	// What an access question names: a sensitive category only by tag, a tag of 16 bytes.
	for value in [
		json!("Hiv"),
		json!("MentalHealth"),
		json!("labresults"),
		json!(format!("0x{}", "5e".repeat(15))),
		json!(format!("0x{}", "5e".repeat(17))),
		json!(format!("0x{}", "zz".repeat(16))),
		json!(16),
		Value::Null,
	] {
		let error = read::<AccessedCategory>(value.clone(), "category").unwrap_err();
		assert_eq!(field_of(error), "category", "{value}");
	}
	let error = read::<AccessedCategory>(json!("Hiv"), "category").unwrap_err();
	assert!(error.message().contains("sealed tag"), "{}", error.message());
	for value in [json!("delete"), json!({ "read": true }), json!("Read")] {
		assert_eq!(field_of(read::<Action>(value, "action").unwrap_err()), "action");
	}
	for value in [json!("ETREATMENT"), json!(true), json!("treat")] {
		assert_eq!(field_of(read::<PurposeOfUse>(value, "purpose").unwrap_err()), "purpose");
	}
	for at in
		[json!("0x1234"), json!("not a hash"), json!(7), json!(format!("0x{}", "g".repeat(64)))]
	{
		assert_eq!(field_of(read_at::<H256>(&Some(Param::raw(at))).unwrap_err()), "at");
	}
	// A hostile string is not echoed back whole.
	let error = read::<DataCategory>(json!("x".repeat(100_000)), "category").unwrap_err();
	assert!(error.message().len() < 400);
}

#[test]
fn ids_and_hashes_are_read_strictly() {
	assert_eq!(read::<u64>(json!(7), "id").unwrap(), 7);
	assert_eq!(read::<u64>(json!("18446744073709551615"), "id").unwrap(), u64::MAX);
	for bad in [json!(-1), json!(1.5), json!("seven"), json!([1]), Value::Null] {
		assert_eq!(field_of(read::<u64>(bad, "id").unwrap_err()), "id");
	}
	let good = json!(format!("0x{}", "0f".repeat(32)));
	assert_eq!(read::<Hash32>(good, "recordHash").unwrap(), [0x0f; 32]);
	for bad in [json!("0x0f"), json!("0f".repeat(32)), json!(format!("0x{}", "zz".repeat(32)))] {
		assert_eq!(field_of(read::<Hash32>(bad, "recordHash").unwrap_err()), "recordHash");
	}
}

#[test]
fn claim_parameters_are_read_strictly() {
	use crate::claims::{RecordKeys, MAX_RECORD_KEYS};
	use carechain_primitives::claim::Day;
	assert_eq!(read::<Day>(json!(20_000), "day").unwrap(), 20_000);
	for bad in [json!(-1), json!(1.5), json!("20000"), json!(u64::from(u32::MAX) + 1), Value::Null]
	{
		assert_eq!(field_of(read::<Day>(bad, "day").unwrap_err()), "day");
	}
	let key = format!("0x{}", "ab".repeat(32));
	let keys = read::<RecordKeys>(json!([key, key]), "recordKeys").unwrap();
	assert_eq!(keys, RecordKeys(vec![[0xab; 32]; 2]));
	assert_eq!(keys.to_param(), json!([key, key]));
	let too_many = vec![key.clone(); MAX_RECORD_KEYS + 1];
	for bad in [json!([]), json!(too_many), json!([key, "0x12"]), json!(key), Value::Null] {
		let error = read::<RecordKeys>(bad, "recordKeys").unwrap_err();
		assert_eq!(field_of(error), "recordKeys");
	}
	let error = read::<RecordKeys>(json!([key, "0x12"]), "recordKeys").unwrap_err();
	assert!(error.message().contains("key 1"), "{error:?}");
}

const GENESIS: [u8; 32] = [0x11; 32];
const NOW: u64 = 1_764_625_000_000;

/// A read of `consent_listByPatient` of `patient` signed by `pair` with a nonce of `book`.
fn signed_read<P: Pair>(
	book: &NonceBook,
	pair: &P,
	patient: &AccountId32,
	timestamp: u64,
) -> (Vec<Value>, ReadAuth)
where
	P::Public: Into<AccountId32>,
	P::Signature: AsRef<[u8]>,
{
	let params = vec![patient.canonical(), None::<H256>.canonical()];
	let nonce = book.issue(NOW);
	let auth = sign(pair, &GENESIS, "consent_listByPatient", &params, timestamp, &nonce);
	(params, auth)
}

fn check(
	book: &NonceBook,
	params: &[Value],
	auth: &ReadAuth,
) -> Result<AccountId32, ErrorObjectOwned> {
	authenticate(book, &GENESIS, "consent_listByPatient", params, auth, NOW)
}

#[test]
fn the_signed_message_is_the_documented_text() {
	let patient = AccountId32::new([0xd4; 32]);
	let text = message(
		&GENESIS,
		"consent_listByPatient",
		&[patient.canonical(), None::<H256>.canonical()],
		NOW,
		&[0x22; 32],
	);
	let expected = format!(
		"{SCHEME}\ngenesis: 0x{}\nmethod: consent_listByPatient\nparams: [\"0x{}\",null]\ntimestamp: {NOW}\nnonce: 0x{}",
		"11".repeat(32),
		"d4".repeat(32),
		"22".repeat(32)
	);
	assert_eq!(text, expected);
	assert_eq!(wrapped("x"), b"<Bytes>x</Bytes>".to_vec());
	assert_eq!(7u64.canonical(), json!("7"));
}

#[test]
fn a_fresh_read_signed_by_sr25519_or_ed25519_names_its_signer() {
	let book = NonceBook::default();
	let patient = sr25519::Pair::from_string("//Dave", None).unwrap();
	let account: AccountId32 = patient.public().into();
	let (params, auth) = signed_read(&book, &patient, &account, NOW - 1_000);
	assert_eq!(check(&book, &params, &auth).unwrap(), account);

	let ed = ed25519::Pair::from_string("//Eve", None).unwrap();
	let (params, auth) = signed_read(&book, &ed, &account, NOW + 1_000);
	assert_eq!(check(&book, &params, &auth).unwrap(), AccountId32::from(ed.public()));

	// The same signature with its SCALE type byte (as `signature.toHex()` of a MultiSignature).
	let (params, mut auth) = signed_read(&book, &patient, &account, NOW);
	auth.signature = format!("0x01{}", auth.signature.trim_start_matches("0x"));
	assert_eq!(check(&book, &params, &auth).unwrap(), account);
}

#[test]
fn every_bad_authorisation_is_refused_naming_its_part() {
	let book = NonceBook::default();
	let patient = sr25519::Pair::from_string("//Dave", None).unwrap();
	let account: AccountId32 = patient.public().into();

	// Replayed: the same request twice.
	let (params, auth) = signed_read(&book, &patient, &account, NOW);
	check(&book, &params, &auth).unwrap();
	assert_eq!(
		refusal_of(check(&book, &params, &auth).unwrap_err()),
		("auth.nonce".into(), "replayed".into())
	);

	// Stale and future timestamps.
	let (params, auth) = signed_read(&book, &patient, &account, NOW - WINDOW_MS - 1);
	assert_eq!(
		refusal_of(check(&book, &params, &auth).unwrap_err()),
		("auth.timestamp".into(), "stale".into())
	);
	let (params, auth) = signed_read(&book, &patient, &account, NOW + WINDOW_MS + 1);
	assert_eq!(
		refusal_of(check(&book, &params, &auth).unwrap_err()),
		("auth.timestamp".into(), "future".into())
	);

	// A signature over other parameters, by someone else, or of another method or chain.
	let (_, auth) = signed_read(&book, &patient, &account, NOW);
	let other = [AccountId32::new([9; 32]).canonical(), Value::Null];
	assert_eq!(
		refusal_of(check(&book, &other, &auth).unwrap_err()),
		("auth.signature".into(), "badSignature".into())
	);
	let (params, mut auth) = signed_read(&book, &patient, &account, NOW);
	auth.signer = AccountId32::new([9; 32]).to_ss58check();
	assert_eq!(
		refusal_of(check(&book, &params, &auth).unwrap_err()),
		("auth.signature".into(), "badSignature".into())
	);
	let (params, auth) = signed_read(&book, &patient, &account, NOW);
	let error =
		authenticate(&book, &GENESIS, "consent_accessLog", &params, &auth, NOW).unwrap_err();
	assert_eq!(refusal_of(error).1, "badSignature");
	let error =
		authenticate(&book, &[0x12; 32], "consent_listByPatient", &params, &auth, NOW).unwrap_err();
	assert_eq!(refusal_of(error).1, "badSignature");
	// ... and the nonce of a refused signature is still good for the real request.
	assert_eq!(check(&book, &params, &auth).unwrap(), account);

	// A nonce this node never issued, and one issued too long ago.
	let (params, mut auth) = signed_read(&book, &patient, &account, NOW);
	let foreign = [0x33; 32];
	auth = sign(&patient, &GENESIS, "consent_listByPatient", &params, auth.timestamp, &foreign);
	assert_eq!(
		refusal_of(check(&book, &params, &auth).unwrap_err()),
		("auth.nonce".into(), "unknownNonce".into())
	);
	let old = book.issue(NOW - WINDOW_MS - 1);
	let auth = sign(&patient, &GENESIS, "consent_listByPatient", &params, NOW, &old);
	assert_eq!(
		refusal_of(check(&book, &params, &auth).unwrap_err()),
		("auth.nonce".into(), "expiredNonce".into())
	);

	// Malformed parts are invalid params naming them.
	let (params, good) = signed_read(&book, &patient, &account, NOW);
	for (field, broken) in [
		("auth.signer", ReadAuth { signer: "alice".into(), ..good.clone() }),
		("auth.nonce", ReadAuth { nonce: "0x1234".into(), ..good.clone() }),
		("auth.signature", ReadAuth { signature: "0x00".into(), ..good.clone() }),
		("auth.signature", ReadAuth { signature: "signature".into(), ..good.clone() }),
		(
			"auth.signature",
			ReadAuth { signature: format!("0x{}", "ab".repeat(4096)), ..good.clone() },
		),
	] {
		assert_eq!(field_of(check(&book, &params, &broken).unwrap_err()), field);
	}
	for bad in [json!("auth"), json!({ "signer": ALICE }), Value::Null, json!(7)] {
		assert_eq!(field_of(read::<ReadAuth>(bad, "auth").unwrap_err()), "auth");
	}
}

#[test]
fn the_nonce_books_stay_bounded() {
	let book = NonceBook::default();
	let first = book.issue(NOW);
	for _ in 0..auth::MAX_ISSUED_NONCES {
		book.issue(NOW);
	}
	// The oldest issued nonce was forgotten to keep the bound.
	assert_eq!(book.take(&first, NOW), Err(auth::NonceRefusal::Unknown));
}

fn consent() -> Consent<AccountId32> {
	Consent {
		patient: AccountId32::new([1; 32]),
		grantee: AccountId32::new([2; 32]),
		categories: DataCategories::from_flags([DataCategory::LabResults]),
		sealed: Some(SealedScope {
			tags: [[1; 16], [2; 16], [3; 16], [4; 16], [5; 16]],
			salts: [[9; SEALED_SALT_LEN]; SEALED_SALT_BOXES],
		}),
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
			"categories": ["LabResults"],
			"sealed": {
				"tags": (1..=5).map(|b: u8| format!("0x{}", format!("{b:02x}").repeat(16))).collect::<Vec<_>>(),
				"salts": vec![format!("0x{}", "09".repeat(80)); 3],
			},
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
		category: if time == 31 {
			AccessedCategory::Sealed([0x5e; 16])
		} else {
			DataCategory::LabResults.into()
		},
		purpose: PurposeOfUse::Treatment,
		action: Action::Write,
		consent_id: 1,
		time,
		record_hash: Some([0xaa; 32]),
	};
	let log = AccessLogView {
		count: 40,
		head: [7; 32],
		since: Some([6; 32]),
		recent: (0..32).map(entry).collect(),
	};
	let json = AccessLogJson::from(log);
	assert_eq!(json.scope, "patient");
	assert_eq!(json.head, Some(format!("0x{}", "07".repeat(32))));
	assert_eq!(json.since, Some(format!("0x{}", "06".repeat(32))));
	assert_eq!(json.recent.first().map(|e| (e.index, e.time)), Some((Some(8), 0)));
	assert_eq!(json.recent.last().map(|e| (e.index, e.time)), Some((Some(39), 31)));
	assert_eq!(json.recent[0].record_hash.as_deref(), Some(&*format!("0x{}", "aa".repeat(32))));
	assert_eq!(json.recent[0].action, "write");
	assert_eq!(
		(json.recent[0].category.as_str(), json.recent[0].sealed_tag.as_deref()),
		("LabResults", None)
	);
	let last = json.recent.last().unwrap();
	assert_eq!(last.category, "sealed");
	assert_eq!(last.sealed_tag.as_deref(), Some(&*format!("0x{}", "5e".repeat(16))));

	// An accessor's view: its own entries only, without positions or the head.
	let mine = json.of_accessor(|entry| entry.time % 2 == 0);
	assert_eq!(
		(mine.scope.as_str(), mine.count, mine.head, mine.since),
		("accessor", 16, None, None)
	);
	assert!(mine.recent.iter().all(|entry| entry.index.is_none() && entry.time % 2 == 0));
}

#[test]
fn a_fhir_consent_becomes_grant_arguments_or_an_error_naming_the_element() {
	let mut active = consent();
	active.status = ConsentStatus::Active;
	active.kind = ConsentKind::Standard;
	active.expires_at = 4_000_000_000_000;
	let resource = serde_json::to_value(carechain_fhir::to_fhir(9, &active)).unwrap();
	let fhir = |value: Value| read::<FhirConsent>(value, "resource").and_then(|r| from_fhir(&r));
	let grant = fhir(resource.clone()).unwrap();
	assert_eq!(grant.patient, active.patient.to_ss58check());
	assert_eq!(grant.grantee, active.grantee.to_ss58check());
	assert_eq!(grant.categories, ["LabResults"]);
	assert_eq!(grant.actions, ["read"]);
	assert_eq!(grant.purposes, ["TREAT", "PUBHLTH"]);
	assert_eq!(grant.expires_at, active.expires_at);

	let mut unknown_purpose = resource.clone();
	unknown_purpose["provision"][0]["purpose"][0]["code"] = json!("MARKETING");
	let error = fhir(unknown_purpose).unwrap_err();
	assert_eq!(field_of(error), "resource.provision[0].purpose[0]");

	let mut past = resource.clone();
	past["period"]["end"] = json!("2001-01-01T00:00:00Z");
	assert_eq!(field_of(fhir(past).unwrap_err()), "resource.period.end");

	let mut unknown_element = resource;
	unknown_element["policyRule"] = json!({});
	assert_eq!(field_of(fhir(unknown_element).unwrap_err()), "resource");
	assert_eq!(field_of(fhir(json!("Consent")).unwrap_err()), "resource");
}

#[test]
fn a_patient_reads_their_fee_free_calls_left_and_nothing_when_not_onboarded() {
	let alice = AccountId32::from_ss58check(ALICE).unwrap();
	let view = |onboarded: bool, pool_open: bool| carechain_primitives::PatientView {
		onboarded,
		emergency_access: true,
		guardians: vec![(alice.clone(), Some(7)), (alice.clone(), None)],
		feeless_calls_today: 3,
		feeless_calls_per_day: if onboarded { 20 } else { 0 },
		pool_open,
	};
	let enrolled = carechain_primitives::Enrollment { consent_id: 9, paid: true };
	let json =
		serde_json::to_value(PatientJson::new(&alice, view(true, true), vec![(4, enrolled)]))
			.unwrap();
	assert_eq!(
		json,
		json!({
			"account": ALICE,
			"onboarded": true,
			"emergencyAccess": true,
			"guardians": [{ "account": ALICE, "until": 7 }, { "account": ALICE }],
			"feeless": { "perDay": 20, "usedToday": 3, "leftToday": 17 },
			"enrolments": [{ "studyId": 4, "consentId": 9, "paid": true }],
		})
	);
	// The organisation's shared pool is spent: no call is fee-free, whatever the own quota.
	let spent = PatientJson::new(&alice, view(true, false), vec![]);
	assert_eq!(spent.feeless.map(|f| f.left_today), Some(0));
	// A patient who registered with their own funds pays fees: no fee-free figures at all.
	let paying =
		serde_json::to_value(PatientJson::new(&alice, view(false, false), vec![])).unwrap();
	assert!(paying.get("feeless").is_none(), "{paying}");
}

#[test]
fn pack_identifiers_are_read_as_gs1_writes_them() {
	use carechain_primitives::trace::{Gs1Text, Gtin};
	use trace::{format_date, parse_date, ExpiryDate, ProofParam};
	// EAN-13 6291041500213 (GS1's example) and its GTIN-14 form are one GTIN.
	let gtin: Gtin = read(json!("6291041500213"), "gtin").unwrap();
	assert_eq!(gtin, read::<Gtin>(json!("06291041500213"), "gtin").unwrap());
	assert_eq!(Param::of(&gtin).value(), &json!("06291041500213"));
	for bad in [
		json!("6291041500214"),
		json!("62910415002"),
		json!("62910415002x3"),
		json!(6291041500213u64),
	] {
		assert_eq!(field_of(read::<Gtin>(bad, "gtin").unwrap_err()), "gtin");
	}
	assert!(read::<Gs1Text>(json!("SN-0001/A"), "serial").is_ok());
	for bad in [json!(""), json!("with space"), json!("x".repeat(21))] {
		assert_eq!(field_of(read::<Gs1Text>(bad, "serial").unwrap_err()), "serial");
	}
	// Dates: the epoch, a leap day, and what is not a date.
	assert_eq!(parse_date("1970-01-01"), Some(0));
	assert_eq!(parse_date("2024-02-29"), Some(19_782));
	assert_eq!(format_date(19_782), "2024-02-29");
	for day in [0, 365, 10_957, 19_782, 20_000, 40_000] {
		assert_eq!(parse_date(&format_date(day)), Some(day));
	}
	for bad in ["2023-02-29", "2027-13-01", "2027-1-01", "1969-12-31", "27-12-31"] {
		assert_eq!(parse_date(bad), None, "{bad}");
	}
	assert_eq!(field_of(read::<ExpiryDate>(json!("2027-02-30"), "expiry").unwrap_err()), "expiry");
	// A proof: each part at fault is named.
	let hash = format!("0x{}", "ab".repeat(32));
	let good = json!({ "salt": hash, "index": 3, "path": [hash, hash] });
	assert_eq!(ProofParam::read(&good).unwrap().0.path.len(), 2);
	let part = |value: Value| {
		let fault = ProofParam::read(&value).unwrap_err();
		field_of(ProofParam::error("proof", fault))
	};
	assert_eq!(part(json!({ "salt": "0x12", "index": 3, "path": [] })), "proof.salt");
	assert_eq!(part(json!({ "salt": hash, "index": -1, "path": [] })), "proof.index");
	assert_eq!(part(json!({ "salt": hash, "index": 0, "path": [hash, "0xzz"] })), "proof.path[1]");
	assert_eq!(
		part(json!({ "salt": hash, "index": 0, "path": vec![hash.clone(); 33] })),
		"proof.path"
	);
	assert_eq!(
		part(json!({ "salt": hash, "index": 0, "path": [], "serial": "x" })),
		"proof.serial"
	);
	assert_eq!(part(json!("a proof")), "proof");
}

/// An off-chain index in memory, written as the runtime writes the access log.
#[derive(Default)]
struct MemoryIndex(std::sync::Mutex<std::collections::HashMap<Vec<u8>, Vec<u8>>>);

impl crate::OffchainIndex for MemoryIndex {
	fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
		self.0.lock().unwrap().get(key).cloned()
	}
}

impl MemoryIndex {
	/// Appends `n` entries to `patient`'s log as `record_access` does; returns the head.
	fn log(&self, patient: &AccountId32, n: u64) -> carechain_primitives::AccessLogHead {
		use codec::Encode;
		let mut head = [0u8; 32];
		for index in 0..n {
			let entry = AccessEntry {
				accessor: AccountId32::new([1; 32]),
				organisation: AccountId32::new([1; 32]),
				category: DataCategory::LabResults.into(),
				purpose: PurposeOfUse::Treatment,
				action: Action::Read,
				consent_id: 0,
				time: index,
				record_hash: None,
			};
			let indexed = carechain_primitives::IndexedAccessEntry {
				previous: Some(head),
				entry: entry.clone(),
			};
			self.0.lock().unwrap().insert(
				carechain_primitives::access_log_entry_key(patient, index),
				indexed.encode(),
			);
			head = crate::access_log::fold(head, &[entry]);
		}
		carechain_primitives::AccessLogHead { count: n, head }
	}
}

#[test]
fn the_access_log_is_read_from_the_off_chain_index_and_checked_against_the_head() {
	use crate::access_log::{read, RECENT_ENTRIES};
	let patient = AccountId32::new([9; 32]);
	let index = MemoryIndex::default();
	assert_eq!(read(&index, &patient, Default::default()).unwrap().recent, vec![]);

	let head = index.log(&patient, 40);
	let log = read(&index, &patient, head).unwrap();
	assert_eq!(log.recent.len() as u64, RECENT_ENTRIES);
	assert_eq!(log.recent.first().map(|e| e.time), Some(8));
	let since = log.since.expect("the link before entry 8");
	assert_eq!(crate::access_log::fold(since, &log.recent), head.head);

	// A head the entries do not fold into (another fork's, or a forged entry) is refused.
	let other = carechain_primitives::AccessLogHead { count: 40, head: [1; 32] };
	let error = read(&index, &patient, other).unwrap_err();
	assert!(error.message().contains("do not fold"), "{}", error.message());
	// So is a log this node never indexed in full.
	let longer = carechain_primitives::AccessLogHead { count: 41, head: head.head };
	let error = read(&index, &patient, longer).unwrap_err();
	assert!(error.message().contains("lacks entry 40"), "{}", error.message());
}
