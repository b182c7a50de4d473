//! Reading what a FHIR client sends: a JSON body within [`MAX_BODY_BYTES`] (parse failures
//! name the element and position), search parameters checked against the ones an interaction
//! supports (an unknown one is a 400, as FHIR's `handling=strict` has it: a search that silently
//! ignored a filter would return data the client did not ask for), and references such as
//! `Patient/<SS58 address>`.

use axum::{body::Body, http::StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;
use sp_core::crypto::AccountId32;

use crate::outcome::Failure;

/// Largest request body read, in bytes: a Consent is a few KiB; anything near this is not one.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The body as JSON, refusing one over [`MAX_BODY_BYTES`] (413) or that is not JSON (400).
pub async fn json_body(body: Body) -> Result<Value, Failure> {
	let bytes = axum::body::to_bytes(body, MAX_BODY_BYTES).await.map_err(|_| {
		Failure::new(
			StatusCode::PAYLOAD_TOO_LARGE,
			"too-costly",
			format!("the body is larger than {MAX_BODY_BYTES} bytes"),
		)
	})?;
	serde_json::from_slice(&bytes).map_err(|e| {
		Failure::new(StatusCode::BAD_REQUEST, "structure", format!("the body is not JSON: {e}"))
	})
}

/// `value` read as `T` (a FHIR resource of the mapping), naming the element it fails at:
/// `Consent.provision[0].sourceAttachment` for an element CareChain does not read.
pub fn resource<T: DeserializeOwned>(value: Value, resource_type: &str) -> Result<T, Failure> {
	serde_path_to_error::deserialize(value).map_err(|error| {
		let path = error.path().to_string();
		let element =
			if path == "." { resource_type.to_owned() } else { format!("{resource_type}.{path}") };
		Failure::bad_request(format!("{element}: {}", error.inner())).at(element)
	})
}

/// The `resourceType` of a JSON body, refusing a body that is not the one expected.
pub fn expect_type(value: &Value, expected: &[&str]) -> Result<String, Failure> {
	let found = value.get("resourceType").and_then(Value::as_str).ok_or_else(|| {
		Failure::bad_request("the body is not a FHIR resource: it has no resourceType")
			.at("resourceType")
	})?;
	if !expected.contains(&found) {
		return Err(Failure::bad_request(format!(
			"a {found} cannot be posted here; expected {}",
			expected.join(" or ")
		))
		.at("resourceType"));
	}
	Ok(found.to_owned())
}

/// Search parameters as (name, value) pairs, refusing any not in `supported` (or the general
/// `_format` of JSON) and a parameter given twice.
pub fn search_params(
	query: Option<&str>,
	supported: &[&str],
) -> Result<Vec<(String, String)>, Failure> {
	let mut params: Vec<(String, String)> = Vec::new();
	for (name, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
		let name = name.into_owned();
		if name == "_format" {
			if !matches!(&*value, "json" | "application/json" | "application/fhir+json") {
				return Err(Failure::new(
					StatusCode::NOT_ACCEPTABLE,
					"not-supported",
					format!("_format `{value}`: this server speaks FHIR JSON only"),
				));
			}
			continue;
		}
		if !supported.contains(&name.as_str()) {
			return Err(Failure::bad_request(format!(
				"unknown search parameter `{name}`; supported: {}",
				supported.join(", ")
			)));
		}
		if params.iter().any(|(known, _)| *known == name) {
			return Err(Failure::bad_request(format!("search parameter `{name}` given twice")));
		}
		params.push((name, value.into_owned()));
	}
	Ok(params)
}

/// The account a reference names: `Kind/<SS58>` with `Kind` among `kinds`, or a bare address.
/// `what` names the parameter in the failure.
pub fn account_reference(text: &str, kinds: &[&str], what: &str) -> Result<AccountId32, Failure> {
	let address = match text.split_once('/') {
		Some((kind, address)) if kinds.contains(&kind) => address,
		Some((kind, _)) => {
			return Err(Failure::bad_request(format!(
				"{what}: `{kind}` must be one of {}",
				kinds.join(", ")
			)))
		},
		None => text,
	};
	carechain_fhir::ss58_account(address)
		.map_err(|reason| Failure::bad_request(format!("{what}: {reason}")))
}

/// `_count`: how many entries a searchset may hold, at most [`MAX_COUNT`].
pub fn count(value: Option<&str>) -> Result<usize, Failure> {
	match value {
		None => Ok(MAX_COUNT),
		Some(text) => text.parse::<usize>().ok().filter(|n| *n <= MAX_COUNT).ok_or_else(|| {
			Failure::bad_request(format!("_count: `{text}` is not 0..={MAX_COUNT}"))
		}),
	}
}

/// Most entries in one searchset.
pub const MAX_COUNT: usize = 1000;

#[cfg(test)]
mod tests {
	use super::*;

	const DAVE: &str = "5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy";

	#[test]
	fn search_parameters_are_strict() {
		let params = search_params(
			Some("patient=Patient%2Fx&_format=json&status=active"),
			&["patient", "status"],
		)
		.expect("supported");
		assert_eq!(
			params,
			[("patient".into(), "Patient/x".into()), ("status".into(), "active".into())]
		);
		let unknown = search_params(Some("colour=blue"), &["patient"]).expect_err("unknown");
		assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
		assert!(unknown.diagnostics.contains("`colour`"), "{}", unknown.diagnostics);
		let twice = search_params(Some("patient=a&patient=b"), &["patient"]).expect_err("twice");
		assert!(twice.diagnostics.contains("twice"));
		let xml = search_params(Some("_format=xml"), &["patient"]).expect_err("xml");
		assert_eq!(xml.status, StatusCode::NOT_ACCEPTABLE);
		assert_eq!(search_params(None, &[]).expect("no query"), []);
	}

	#[test]
	fn references_name_accounts_of_the_allowed_kinds_only() {
		let dave =
			account_reference(&format!("Patient/{DAVE}"), &["Patient"], "patient").expect("ok");
		assert_eq!(account_reference(DAVE, &["Patient"], "patient").expect("bare"), dave);
		let kind =
			account_reference(&format!("Group/{DAVE}"), &["Patient"], "patient").expect_err("kind");
		assert!(kind.diagnostics.starts_with("patient: `Group`"), "{}", kind.diagnostics);
		let long =
			account_reference(&"x".repeat(100_000), &["Patient"], "patient").expect_err("long");
		assert!(long.diagnostics.contains("at most"), "{}", long.diagnostics);
	}

	#[test]
	fn count_is_bounded() {
		assert_eq!(count(None).expect("default"), MAX_COUNT);
		assert_eq!(count(Some("5")).expect("five"), 5);
		assert!(count(Some("1001")).is_err());
		assert!(count(Some("-1")).is_err());
	}

	#[test]
	fn resources_that_fail_to_parse_name_the_element() {
		let value =
			serde_json::json!({ "resourceType": "Consent", "status": "active", "policyRule": {} });
		let failure =
			resource::<carechain_fhir::Consent>(value, "Consent").expect_err("R4 element");
		assert_eq!(failure.status, StatusCode::BAD_REQUEST);
		assert!(failure.diagnostics.contains("policyRule"), "{}", failure.diagnostics);
		let wrong = expect_type(&serde_json::json!({ "resourceType": "Patient" }), &["Consent"])
			.expect_err("type");
		assert_eq!(wrong.expression.as_deref(), Some("resourceType"));
	}
}
