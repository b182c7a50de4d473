//! Every failure as a FHIR `OperationOutcome` with the HTTP status FHIR gives it (FHIR R5
//! "RESTful API", status codes): 400 what cannot be parsed or is not allowed in a request,
//! 403 a read CareChain does not let this clinic make, 404 nothing there, 405 an interaction not
//! supported, 406 / 415 formats other than FHIR JSON R5, 413 a body over the limit, 422 a valid
//! resource CareChain cannot express, 502 / 504 the node failing or not answering.

use axum::{
	http::{header, HeaderValue, StatusCode},
	response::{IntoResponse, Response},
};
use serde_json::{json, Value};

/// The media type of every answer.
pub const FHIR_JSON: &str = "application/fhir+json; fhirVersion=5.0; charset=utf-8";

/// A FHIR JSON answer with `status`.
pub fn fhir_json(status: StatusCode, resource: &Value) -> Response {
	let body = serde_json::to_vec(resource).unwrap_or_default();
	let mut response = (status, body).into_response();
	response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(FHIR_JSON));
	response
}

/// A failed request: the HTTP status, the FHIR issue type, what is wrong, and the FHIRPath of
/// the element at fault if one is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
	/// HTTP status.
	pub status: StatusCode,
	/// FHIR `issue-type` code (`invalid`, `not-found`, `forbidden`, ...).
	pub code: &'static str,
	/// What is wrong, for the integrator.
	pub diagnostics: String,
	/// The element at fault (`Consent.provision[0].purpose[0]`), if one.
	pub expression: Option<String>,
}

impl Failure {
	/// A failure without an element.
	pub fn new(status: StatusCode, code: &'static str, diagnostics: impl Into<String>) -> Self {
		Self { status, code, diagnostics: diagnostics.into(), expression: None }
	}

	/// The same failure at `element`.
	pub fn at(mut self, element: impl Into<String>) -> Self {
		self.expression = Some(element.into());
		self
	}

	/// 400: the request cannot be used as it is.
	pub fn bad_request(diagnostics: impl Into<String>) -> Self {
		Self::new(StatusCode::BAD_REQUEST, "invalid", diagnostics)
	}

	/// 404: nothing at this address.
	pub fn not_found(diagnostics: impl Into<String>) -> Self {
		Self::new(StatusCode::NOT_FOUND, "not-found", diagnostics)
	}

	/// 422: a well-formed resource CareChain cannot express.
	pub fn unprocessable(diagnostics: impl Into<String>) -> Self {
		Self::new(StatusCode::UNPROCESSABLE_ENTITY, "not-supported", diagnostics)
	}

	/// The `OperationOutcome` of this failure.
	pub fn outcome(&self) -> Value {
		let mut issue = json!({
			"severity": "error",
			"code": self.code,
			"diagnostics": self.diagnostics,
		});
		if let Some(expression) = &self.expression {
			issue["expression"] = json!([expression]);
		}
		json!({ "resourceType": "OperationOutcome", "issue": [issue] })
	}
}

impl IntoResponse for Failure {
	fn into_response(self) -> Response {
		fhir_json(self.status, &self.outcome())
	}
}

/// What a handler answers: a resource with 200, or a failure.
pub type Answer = Result<Response, Failure>;

/// A resource answered with 200.
pub fn ok(resource: &Value) -> Answer {
	Ok(fhir_json(StatusCode::OK, resource))
}
