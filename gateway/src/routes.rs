//! The HTTP surface: the FHIR API at `/fhir` and, pinned to its FHIR version, at `/fhir/R5`
//! (a client that must not silently move to a later FHIR version uses the versioned base);
//! content negotiation (FHIR JSON R5 only: another `Accept` is 406, a `fhirVersion` other than
//! 5.0 is 406, a posted body of another media type is 415); and an OperationOutcome for every
//! path or method this server does not have (404, 405).

use std::sync::Arc;

use axum::{
	extract::Request,
	http::{header, Method, StatusCode},
	middleware::{self, Next},
	response::{IntoResponse, Response},
	routing::{get, post},
	Router,
};

use crate::{audit, capability, claims, consent, node::Node, outcome::Failure};

/// What every handler shares.
pub struct Gateway {
	/// The node and the clinic's key.
	pub node: Node,
	/// The base URL clients reach this server at (`http://host:port/fhir/R5`), for `fullUrl`s.
	pub base_url: String,
	/// The clinic's encryption key, which opens the consent salts sealed to the clinic
	/// (`--encryption-key-file`); without it, sensitive categories are refused.
	pub encryption: Option<carechain_sealing::EncryptionKeyPair>,
}

/// The shared state of the handlers.
pub type Shared = Arc<Gateway>;

/// The FHIR version this server speaks, as the `fhirVersion` media-type parameter names it.
const FHIR_VERSION: &str = "5.0";

/// The FHIR API, relative to its base.
fn api() -> Router<Shared> {
	Router::new()
		.route("/metadata", get(capability::metadata))
		.route("/Consent", get(consent::search))
		.route("/Consent/{id}", get(consent::read))
		.route("/Consent/$prepare-grant", post(consent::prepare_grant))
		.route("/Consent/$check-access", post(consent::check_access))
		.route("/AuditEvent", get(audit::search))
		.route("/Coverage/{id}", get(claims::read_coverage))
		.route("/CoverageEligibilityRequest/$submit", post(claims::submit_eligibility))
		.route("/Claim/{id}", get(claims::read_claim))
		.route("/ClaimResponse/{id}", get(claims::read_claim_response))
		.route("/ExplanationOfBenefit/{id}", get(claims::read_explanation))
		.route("/CodeSystem/{id}", get(capability::code_system_read))
		.route("/ConceptMap/{id}", get(capability::concept_map_read))
}

/// The whole server for `gateway`.
pub fn router(gateway: Shared) -> Router {
	Router::new()
		.nest("/fhir/R5", api())
		.nest("/fhir", api())
		.fallback(not_found)
		.method_not_allowed_fallback(method_not_allowed)
		.layer(middleware::from_fn(negotiate))
		.with_state(gateway)
}

async fn not_found(method: Method, uri: axum::http::Uri) -> Response {
	Failure::not_found(format!(
		"{method} {}: no such resource or operation here (see /fhir/metadata)",
		uri.path()
	))
	.into_response()
}

async fn method_not_allowed(method: Method, uri: axum::http::Uri) -> Response {
	Failure::new(
		StatusCode::METHOD_NOT_ALLOWED,
		"not-supported",
		format!("{method} is not supported on {} (see /fhir/metadata)", uri.path()),
	)
	.into_response()
}

/// Whether a media type (without parameters) is JSON a FHIR client may send or accept.
fn is_fhir_json(media_type: &str) -> bool {
	matches!(media_type, "application/fhir+json" | "application/json")
}

/// The `fhirVersion` parameter of a media type, if it has one.
fn fhir_version(media_type: &str) -> Option<&str> {
	media_type.split(';').skip(1).find_map(|parameter| {
		let (name, value) = parameter.split_once('=')?;
		(name.trim() == "fhirVersion").then(|| value.trim().trim_matches('"'))
	})
}

/// Refuses requests this server cannot answer in FHIR JSON R5, before any handler runs.
async fn negotiate(request: Request, next: Next) -> Response {
	let accept = request.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok());
	if let Some(accept) = accept {
		let acceptable = accept.split(',').any(|range| {
			let media_type = range.split(';').next().unwrap_or_default().trim();
			let version_ok = fhir_version(range).is_none_or(|v| v == FHIR_VERSION);
			version_ok
				&& (is_fhir_json(media_type) || matches!(media_type, "*/*" | "application/*"))
		});
		if !acceptable {
			return Failure::new(
				StatusCode::NOT_ACCEPTABLE,
				"not-supported",
				format!("Accept `{accept}`: this server answers application/fhir+json; fhirVersion={FHIR_VERSION} only"),
			)
			.into_response();
		}
	}
	if request.method() == Method::POST {
		let content_type =
			request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
		let media_type = content_type.map(|c| c.split(';').next().unwrap_or_default().trim());
		let version_ok = content_type.and_then(fhir_version).is_none_or(|v| v == FHIR_VERSION);
		if !media_type.is_some_and(is_fhir_json) || !version_ok {
			return Failure::new(
				StatusCode::UNSUPPORTED_MEDIA_TYPE,
				"not-supported",
				format!(
					"Content-Type `{}`: post application/fhir+json (FHIR {FHIR_VERSION})",
					content_type.unwrap_or("none")
				),
			)
			.into_response();
		}
	}
	next.run(request).await
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn media_types_are_fhir_json_of_version_five_only() {
		assert!(is_fhir_json("application/fhir+json") && is_fhir_json("application/json"));
		assert!(!is_fhir_json("application/fhir+xml"));
		assert_eq!(fhir_version("application/fhir+json; fhirVersion=5.0"), Some("5.0"));
		assert_eq!(
			fhir_version("application/fhir+json;charset=utf-8; fhirVersion=\"4.0\""),
			Some("4.0")
		);
		assert_eq!(fhir_version("application/fhir+json"), None);
	}
}
