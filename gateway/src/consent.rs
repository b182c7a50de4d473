//! `Consent`: read, search, and the two operations.
//!
//! - `GET Consent/{id}`: the consent as FHIR R5, read by the clinic (`consent_toFhir`).
//! - `GET Consent?patient=&actor=&status=&_count=`: a searchset of the consents naming `actor`
//!   (the clinic's own account by default) read by the clinic (`consent_listByGrantee`),
//!   filtered by patient and status.
//! - `POST Consent/$prepare-grant`: a posted Consent (or `Parameters` with it as `resource`)
//!   turned into the `Consent::grant` the patient must sign: its arguments as parts, and the
//!   SCALE-encoded call when the node's runtime encodes calls as this build does.
//! - `POST Consent/$check-access`: may an actor do an action on a patient's data of a category
//!   for a purpose now? `Parameters` in and out; the category may be any code the ConceptMap
//!   maps. Why an operation and not CDS Hooks or IHE IUA: `docs/fhir-gateway.md`.

use axum::{
	body::Body,
	extract::{Path, RawQuery, State},
	http::StatusCode,
};
use carechain_fhir::{
	instant, terminology, to_fhir, to_grant, wall_clock_now, Coding, GrantArgs, ACTION_SYSTEM,
	CATEGORY_SYSTEM, PURPOSE_SYSTEM,
};
use carechain_primitives::{
	AccessedCategory, Action, Actions, Consent as ChainConsent, ConsentKind, ConsentStatus,
	DataCategories, DataCategory, PurposeOfUse, Purposes,
};
use carechain_rpc::json::{ConsentJson, DecisionJson};
use carechain_sealing::EncryptionKey;
use codec::Encode;
use serde_json::{json, Value};
use sp_core::crypto::{AccountId32, Ss58Codec};

use crate::{
	outcome::{ok, Answer, Failure},
	parameters::{answer, Parameters},
	request::{account_reference, count, expect_type, json_body, resource, search_params},
	routes::{Gateway, Shared},
	sealing,
};

/// Resource types an actor (grantee) reference may name.
const ACTOR_KINDS: [&str; 3] = ["Organization", "Practitioner", "PractitionerRole"];
/// R5 consent-state-codes.
const CONSENT_STATES: [&str; 6] =
	["draft", "active", "inactive", "not-done", "entered-in-error", "unknown"];

/// `GET Consent/{id}`.
pub async fn read(State(gateway): State<Shared>, Path(id): Path<String>) -> Answer {
	let Ok(consent_id) = id.parse::<u64>() else {
		return Err(Failure::not_found(format!(
			"no Consent `{id}`: CareChain consent ids are numbers"
		)));
	};
	let Some(consent) = gateway.node.consent(consent_id).await? else {
		return Err(Failure::not_found(format!("no Consent {consent_id} on chain")));
	};
	let chain = chain_consent(&consent, gateway.encryption.as_ref()).ok_or_else(|| {
		Failure::new(
			StatusCode::BAD_GATEWAY,
			"exception",
			format!("the node's consent {consent_id} could not be read"),
		)
	})?;
	ok(&serde_json::to_value(to_fhir(consent_id, &chain)).unwrap_or(Value::Null))
}

/// The chain's consent behind a consent of the RPC's JSON, for the FHIR mapping: with the
/// clinic's encryption key, the sensitive categories of a sealed scope it opens are read into
/// the categories (the FHIR resource then names them, with their security labels); without, or
/// for a scope sealed to another key, the resource shows the standard categories only.
fn chain_consent(
	consent: &ConsentJson,
	key: Option<&carechain_sealing::EncryptionKeyPair>,
) -> Option<ChainConsent<AccountId32>> {
	let account = |address: &str| AccountId32::from_ss58check(address).ok();
	let standard =
		DataCategories::from_names(consent.categories.iter().map(String::as_str)).ok()?;
	let sensitive = key
		.zip(consent.sealed.as_ref())
		.and_then(|(key, sealed)| sealing::sensitive_categories(key, sealed))
		.unwrap_or_default();
	Some(ChainConsent {
		patient: account(&consent.patient)?,
		grantee: account(&consent.grantee)?,
		categories: DataCategories::from_flags(standard.iter().chain(sensitive)),
		// The FHIR mapping reads categories; the tags stay on chain.
		sealed: None,
		actions: Actions::from_names(consent.actions.iter().map(String::as_str)).ok()?,
		purposes: Purposes::from_names(consent.purposes.iter().map(String::as_str)).ok()?,
		created_at: consent.created_at,
		expires_at: consent.expires_at,
		status: match consent.status.as_str() {
			"active" => ConsentStatus::Active,
			"revoked" => ConsentStatus::Revoked,
			_ => ConsentStatus::Expired,
		},
		kind: match (consent.kind.as_str(), consent.study_id, consent.request_id) {
			("research", Some(study), _) => ConsentKind::Research(study),
			("request", _, Some(request)) => ConsentKind::Request(request),
			("billing", ..) => match consent.coverage_id {
				Some(coverage) => ConsentKind::Billing(coverage),
				None => ConsentKind::Standard,
			},
			("emergency", ..) => ConsentKind::Emergency,
			_ => ConsentKind::Standard,
		},
		by_guardian: consent.by_guardian,
	})
}

/// `GET Consent?patient=&actor=&status=&_count=`.
pub async fn search(State(gateway): State<Shared>, RawQuery(query): RawQuery) -> Answer {
	let params =
		search_params(query.as_deref(), &["patient", "actor", "grantee", "status", "_count"])?;
	let get = |name: &str| params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
	let patient =
		get("patient").map(|text| account_reference(text, &["Patient"], "patient")).transpose()?;
	if get("actor").is_some() && get("grantee").is_some() {
		return Err(Failure::bad_request(
			"give actor or grantee, not both: they are the same here",
		));
	}
	let actor = match get("actor").or(get("grantee")) {
		Some(text) => account_reference(text, &ACTOR_KINDS, "actor")?,
		None => gateway.node.account(),
	};
	let statuses: Option<Vec<&str>> = get("status").map(|text| text.split(',').collect());
	if let Some(unknown) = statuses.iter().flatten().find(|s| !CONSENT_STATES.contains(*s)) {
		return Err(Failure::bad_request(format!(
			"status: `{unknown}` is not one of {}",
			CONSENT_STATES.join(", ")
		)));
	}
	let limit = count(get("_count"))?;

	let consents = gateway.node.consents_of_grantee(&actor).await?;
	let mut entries = Vec::new();
	for consent in &consents {
		let Some(chain) = chain_consent(consent, gateway.encryption.as_ref()) else {
			return Err(Failure::new(
				StatusCode::BAD_GATEWAY,
				"exception",
				format!("the node's consent {} could not be read", consent.id),
			));
		};
		if patient.as_ref().is_some_and(|patient| *patient != chain.patient) {
			continue;
		}
		let resource = serde_json::to_value(to_fhir(consent.id, &chain)).unwrap_or(Value::Null);
		let status = resource.get("status").and_then(Value::as_str).unwrap_or_default();
		if statuses.as_ref().is_some_and(|wanted| !wanted.contains(&status)) {
			continue;
		}
		entries.push(json!({
			"fullUrl": format!("{}/Consent/{}", gateway.base_url, consent.id),
			"resource": resource,
			"search": { "mode": "match" },
		}));
	}
	ok(&searchset(&gateway.base_url, "Consent", query.as_deref(), entries, limit))
}

/// A searchset Bundle of `entries` (the first `limit` of them; `total` counts all).
pub fn searchset(
	base_url: &str,
	resource_type: &str,
	query: Option<&str>,
	entries: Vec<Value>,
	limit: usize,
) -> Value {
	let total = entries.len();
	let entry: Vec<Value> = entries.into_iter().take(limit).collect();
	let self_url = match query {
		Some(query) if !query.is_empty() => format!("{base_url}/{resource_type}?{query}"),
		_ => format!("{base_url}/{resource_type}"),
	};
	json!({
		"resourceType": "Bundle",
		"type": "searchset",
		"timestamp": instant(wall_clock_now()),
		"total": total,
		"link": [{ "relation": "self", "url": self_url }],
		"entry": entry,
	})
}

/// What a `$prepare-grant` body names: the `Consent` (the resource itself, or `Parameters` with
/// it as part `resource`) and, in `Parameters`, the patient's encryption key (part
/// `patientEncryptionKey`, `0x` + 64 hex digits: the key the patient's wallet handed over at
/// onboarding), which a consent covering a sensitive category is sealed to.
fn posted_consent(
	body: Value,
) -> Result<(carechain_fhir::Consent, Option<EncryptionKey>), Failure> {
	let (value, patient_key) = match expect_type(&body, &["Consent", "Parameters"])?.as_str() {
		"Parameters" => {
			let params = Parameters::read(&body, &["resource", "patientEncryptionKey"])?;
			let consent = params.resource("resource").ok_or_else(|| {
				Failure::bad_request("needs part `resource`: the Consent")
					.at("Parameters.parameter")
			})?;
			(consent, encryption_key_part(&params, "patientEncryptionKey")?)
		},
		_ => (body, None),
	};
	expect_type(&value, &["Consent"])?;
	Ok((resource(value, "Consent")?, patient_key))
}

/// An X25519 public key from a `valueString` part, `0x` + 64 hex digits.
fn encryption_key_part(params: &Parameters, name: &str) -> Result<Option<EncryptionKey>, Failure> {
	let Some((_, value, element)) = params.value(name, &["valueString"])? else {
		return Ok(None);
	};
	let key = value
		.as_str()
		.and_then(|hex| sp_core::bytes::from_hex(hex).ok())
		.and_then(|bytes| EncryptionKey::try_from(bytes).ok())
		.filter(carechain_sealing::is_usable_encryption_key)
		.ok_or_else(|| {
			Failure::bad_request(format!(
				"`{name}` is not a usable X25519 public key (0x and 64 hex digits)"
			))
			.at(&element)
		})?;
	Ok(Some(key))
}

fn reference(kind: &str, account: &AccountId32) -> Value {
	json!({ "reference": format!("{kind}/{}", account.to_ss58check()) })
}

/// The parts of a prepared grant.
fn grant_parts(grant: &GrantArgs) -> Vec<(&'static str, &'static str, Value)> {
	let mut parts = vec![
		("patient", "valueReference", reference("Patient", &grant.patient)),
		("grantee", "valueReference", reference("Organization", &grant.grantee)),
	];
	for category in grant.categories.iter() {
		let coding = json!({
			"system": CATEGORY_SYSTEM,
			"code": category.name(),
			"display": terminology::display(category),
		});
		parts.push(("category", "valueCoding", coding));
	}
	for action in grant.actions.iter() {
		parts.push(("action", "valueCode", json!(carechain_fhir::action_code(action))));
	}
	for purpose in grant.purposes.iter() {
		parts.push((
			"purpose",
			"valueCoding",
			json!({ "system": PURPOSE_SYSTEM, "code": purpose.name() }),
		));
	}
	parts.push(("expires", "valueDateTime", json!(instant(grant.expires_at))));
	parts
}

/// `POST Consent/$prepare-grant`.
pub async fn prepare_grant(State(gateway): State<Shared>, body: Body) -> Answer {
	let (consent, patient_key) = posted_consent(json_body(body).await?)?;
	let grant = to_grant(&consent, wall_clock_now()).map_err(|error| {
		Failure::unprocessable(error.to_string()).at(format!("Consent.{}", error.element))
	})?;
	let mut parts = grant_parts(&grant);
	let built_for = carechain_runtime::VERSION.transaction_version;
	let node_encodes = gateway.node.transaction_version().await?;
	let call = match (grant.categories.has_sensitive(), patient_key) {
		(false, _) => Some(carechain_runtime::RuntimeCall::Consent(pallet_consent::Call::grant {
			grantee: grant.grantee.clone(),
			categories: grant.categories.to_standard_list(),
			actions: grant.actions.to_list(),
			purposes: grant.purposes.to_list(),
			expires_at: grant.expires_at,
		})),
		(true, Some(patient_key)) => Some(sealed_grant(&gateway, &grant, patient_key).await?),
		(true, None) => {
			// A sensitive category goes on chain only sealed, to the patient's key among others.
			parts.push((
				"callOmitted",
				"valueString",
				json!(
					"the consent covers a sensitive category, which goes on chain only sealed to \
					 the patient's encryption key: post Parameters with part \
					 `patientEncryptionKey` (the key the patient's wallet gave at onboarding), or \
					 grant from the patient's wallet"
				),
			));
			None
		},
	};
	if let Some(call) = call.filter(|_| node_encodes == built_for) {
		parts.push((
			"call",
			"valueString",
			json!(format!("0x{}", sp_core::hexdisplay::HexDisplay::from(&call.encode()))),
		));
	}
	parts.push(("transactionVersion", "valueInteger", json!(node_encodes)));
	ok(&answer(parts))
}

/// The `grant_sealed` call of `grant`: its sensitive categories sealed under a fresh salt, boxed
/// to the patient's key, the grantee's published key and the clinic's own (as the data holder;
/// a throwaway key when the gateway has none). The salt is not kept: the clinic opens its box
/// again as for any consent.
async fn sealed_grant(
	gateway: &Gateway,
	grant: &GrantArgs,
	patient_key: EncryptionKey,
) -> Result<carechain_runtime::RuntimeCall, Failure> {
	let grantee_key = gateway.node.encryption_key(&grant.grantee).await?.ok_or_else(|| {
		Failure::unprocessable(
			"the grantee has published no encryption key, so the consent's sensitive categories \
			 cannot be sealed to it",
		)
		.at("Consent.grantee[0]")
	})?;
	let mut recipients = vec![patient_key, grantee_key];
	recipients.extend(gateway.encryption.as_ref().map(|key| key.public_key()));
	let (_, sealed) = carechain_sealing::prepare_sealed_scope(grant.categories.iter(), &recipients)
		.map_err(|error| Failure::unprocessable(error.to_string()))?;
	Ok(carechain_runtime::RuntimeCall::Consent(pallet_consent::Call::grant_sealed {
		grantee: grant.grantee.clone(),
		categories: grant.categories.to_standard_list(),
		sealed,
		actions: grant.actions.to_list(),
		purposes: grant.purposes.to_list(),
		expires_at: grant.expires_at,
	}))
}

/// An account from a part that is a `valueReference` of `kinds` or a `valueString` address.
fn account_part(
	params: &Parameters,
	name: &str,
	kinds: &[&str],
) -> Result<Option<AccountId32>, Failure> {
	let Some((kind, value, element)) = params.value(name, &["valueReference", "valueString"])?
	else {
		return Ok(None);
	};
	let text = match kind.as_str() {
		"valueReference" => value.get("reference").and_then(Value::as_str),
		_ => value.as_str(),
	}
	.ok_or_else(|| Failure::bad_request(format!("`{name}` names no one")).at(&element))?;
	account_reference(text, kinds, name).map(Some).map_err(|failure| failure.at(element))
}

/// A code from a part that is a `valueCode`, or a `valueCoding` of `system`.
fn code_part(
	params: &Parameters,
	name: &str,
	system: &str,
) -> Result<Option<(String, String)>, Failure> {
	let Some((kind, value, element)) = params.value(name, &["valueCode", "valueCoding"])? else {
		return Ok(None);
	};
	let code = if kind == "valueCoding" {
		if value.get("system").and_then(Value::as_str) != Some(system) {
			return Err(Failure::bad_request(format!("`{name}`: the system must be {system}"))
				.at(format!("{element}.system")));
		}
		value.get("code").and_then(Value::as_str)
	} else {
		value.as_str()
	};
	let code =
		code.ok_or_else(|| Failure::bad_request(format!("`{name}` has no code")).at(&element))?;
	Ok(Some((code.to_owned(), element)))
}

/// Deny reasons from furthest to nearest to a permit, as the node orders them.
const DENY_ORDER: [&str; 8] = [
	"NotRegistered",
	"AccessorNotActive",
	"NoConsent",
	"Revoked",
	"Expired",
	"CategoryNotCovered",
	"ActionNotCovered",
	"PurposeNotCovered",
];

/// How close a deny came to a permit.
fn nearness(decision: &DecisionJson) -> usize {
	DENY_ORDER.iter().position(|reason| Some(*reason) == decision.reason.as_deref()).unwrap_or(0)
}

/// The access question for a sensitive category, asked by tag so that the node never learns the
/// category: the category's tag under each sealed consent of the patient that names the actor
/// (or the clinic) and whose salt the clinic's key opens. The first permit, else the nearest
/// deny. With no sealed consent at all, the node is asked with a tag of no consent, so its
/// reason is about the patient's consents (none, revoked, expired, not covering), not the
/// category. Refused, saying so, without the key, and when no tag permits but a sealed consent
/// did not open: that consent might have, and a deny would be a guess.
async fn sealed_decision(
	gateway: &crate::routes::Gateway,
	(patient, actor): (&AccountId32, &AccountId32),
	(category, element): (DataCategory, &str),
	(action, purpose): (Action, PurposeOfUse),
) -> Result<DecisionJson, Failure> {
	let refuse = |reason: String| {
		Failure::new(
			StatusCode::UNPROCESSABLE_ENTITY,
			"not-supported",
			format!("category: {reason}"),
		)
		.at(element)
	};
	let Some(key) = gateway.encryption.as_ref() else {
		return Err(refuse(format!(
			"{} is a sensitive category, asked only by a consent's sealed tag; this gateway holds \
			 no encryption key to open consent salts with (start it with --encryption-key-file)",
			category.name()
		)));
	};
	let mut consents = gateway.node.consents_of_grantee(actor).await?;
	let clinic = gateway.node.account();
	if *actor != clinic {
		consents.extend(gateway.node.consents_of_grantee(&clinic).await?);
	}
	let tags = sealing::tags_for(key, &consents, &patient.to_ss58check(), category);
	let unopened = || {
		refuse(format!(
			"{} sealed consent(s) of this patient naming the clinic do not open with the \
			 clinic's encryption key (sealed to a key it no longer holds, or to another party), \
			 so the tag of {} under them cannot be formed",
			tags.unopened,
			category.name()
		))
	};
	if tags.opened.is_empty() && tags.unopened > 0 {
		return Err(unopened());
	}
	if tags.opened.is_empty() {
		return gateway
			.node
			.check_access(patient, actor, sealing::unmatched_tag(), action, purpose)
			.await;
	}
	let mut nearest: Option<DecisionJson> = None;
	for tag in tags.opened {
		let asked = AccessedCategory::Sealed(tag);
		let decision = gateway.node.check_access(patient, actor, asked, action, purpose).await?;
		if decision.decision == "permit" {
			return Ok(decision);
		}
		if nearest.as_ref().is_none_or(|n| nearness(&decision) > nearness(n)) {
			nearest = Some(decision);
		}
	}
	if tags.unopened > 0 {
		return Err(unopened());
	}
	nearest.ok_or_else(|| refuse(format!("no tag of {} could be formed", category.name())))
}

/// `POST Consent/$check-access`.
pub async fn check_access(State(gateway): State<Shared>, body: Body) -> Answer {
	let body = json_body(body).await?;
	expect_type(&body, &["Parameters"])?;
	let params = Parameters::read(&body, &["patient", "actor", "category", "action", "purpose"])?;
	let patient = account_part(&params, "patient", &["Patient"])?
		.ok_or_else(|| Failure::bad_request("needs part `patient`").at("Parameters.parameter"))?;
	let actor =
		account_part(&params, "actor", &ACTOR_KINDS)?.unwrap_or_else(|| gateway.node.account());
	let (_, category_value, category_element) =
		params.value("category", &["valueCoding"])?.ok_or_else(|| {
			Failure::bad_request("needs part `category`: a Coding the ConceptMap maps")
				.at("Parameters.parameter")
		})?;
	let coding: Coding = resource(category_value, &category_element)?;
	let category = terminology::category_of_coding(&coding).map_err(|reason| {
		Failure::new(
			StatusCode::UNPROCESSABLE_ENTITY,
			"code-invalid",
			format!("category: {reason}"),
		)
		.at(&category_element)
	})?;
	let action = match code_part(&params, "action", ACTION_SYSTEM)? {
		None => Action::Read,
		Some((code, element)) => match code.as_str() {
			"access" => Action::Read,
			"correct" => Action::Write,
			other => {
				return Err(Failure::new(
					StatusCode::UNPROCESSABLE_ENTITY,
					"code-invalid",
					format!(
						"action: CareChain consents permit `access` and `correct`, not `{other}`"
					),
				)
				.at(element))
			},
		},
	};
	let purpose = match code_part(&params, "purpose", PURPOSE_SYSTEM)? {
		None => PurposeOfUse::Treatment,
		Some((code, element)) => PurposeOfUse::from_name(&code).ok_or_else(|| {
			Failure::new(
				StatusCode::UNPROCESSABLE_ENTITY,
				"code-invalid",
				format!("purpose: unknown purpose of use `{code}`"),
			)
			.at(element)
		})?,
	};

	let decision = if category.is_sensitive() {
		let asked = (category, category_element.as_str());
		sealed_decision(&gateway, (&patient, &actor), asked, (action, purpose)).await?
	} else {
		gateway.node.check_access(&patient, &actor, category.into(), action, purpose).await?
	};
	// `permit` or `deny`: the codes of R5 consent-provision-type.
	let mut parts = vec![
		("decision", "valueCode", json!(decision.decision)),
		(
			"category",
			"valueCoding",
			json!({ "system": CATEGORY_SYSTEM, "code": category.name(), "display": terminology::display(category) }),
		),
	];
	if let Some(consent_id) = decision.consent_id {
		parts.push((
			"consent",
			"valueReference",
			json!({ "reference": format!("Consent/{consent_id}") }),
		));
	}
	if let Some(expires_at) = decision.expires_at {
		parts.push(("expires", "valueDateTime", json!(instant(expires_at))));
	}
	if let Some(reason) = decision.reason {
		parts.push(("reason", "valueCode", json!(reason)));
	}
	ok(&answer(parts))
}
