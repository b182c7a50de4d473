//! FHIR `Parameters`, the resource operations take and return: reading named parts of a posted
//! one (each refused naming `Parameters.parameter[i]` if malformed) and writing an answer.

use serde_json::{json, Map, Value};

use crate::outcome::Failure;

/// A posted `Parameters` resource.
pub struct Parameters {
	parts: Vec<Value>,
}

impl Parameters {
	/// `value` as `Parameters`, every part with a `name`; names outside `known` are refused (an
	/// ignored input could change the answer the client expects).
	pub fn read(value: &Value, known: &[&str]) -> Result<Self, Failure> {
		let parts = match value.get("parameter") {
			None => Vec::new(),
			Some(Value::Array(parts)) => parts.clone(),
			Some(_) => {
				return Err(
					Failure::bad_request("parameter must be an array").at("Parameters.parameter")
				)
			},
		};
		for (index, part) in parts.iter().enumerate() {
			let element = format!("Parameters.parameter[{index}]");
			let name = part
				.get("name")
				.and_then(Value::as_str)
				.ok_or_else(|| Failure::bad_request("has no name").at(format!("{element}.name")))?;
			if !known.contains(&name) {
				return Err(Failure::bad_request(format!(
					"unknown parameter `{name}`; this operation takes {}",
					known.join(", ")
				))
				.at(format!("{element}.name")));
			}
			if parts
				.iter()
				.filter(|other| other.get("name").and_then(Value::as_str) == Some(name))
				.count() > 1
			{
				return Err(Failure::bad_request(format!("parameter `{name}` given twice"))
					.at(format!("{element}.name")));
			}
		}
		Ok(Self { parts })
	}

	/// The part named `name` with its index, if given.
	fn part(&self, name: &str) -> Option<(usize, &Value)> {
		self.parts
			.iter()
			.enumerate()
			.find(|(_, part)| part.get("name").and_then(Value::as_str) == Some(name))
	}

	/// The value of part `name`, which must be one of the `value[x]` kinds in `kinds` (e.g.
	/// `valueReference`); the kind found with the value and the part's FHIRPath.
	pub fn value(
		&self,
		name: &str,
		kinds: &[&str],
	) -> Result<Option<(String, Value, String)>, Failure> {
		let Some((index, part)) = self.part(name) else { return Ok(None) };
		let element = format!("Parameters.parameter[{index}]");
		let object = part.as_object().cloned().unwrap_or_default();
		let found: Vec<(&String, &Value)> =
			object.iter().filter(|(key, _)| key.starts_with("value")).collect();
		match found.as_slice() {
			[(kind, value)] if kinds.contains(&kind.as_str()) => {
				Ok(Some(((*kind).clone(), (*value).clone(), format!("{element}.{kind}"))))
			},
			[(kind, _)] => Err(Failure::bad_request(format!(
				"`{name}` cannot be a {kind}; give one of {}",
				kinds.join(", ")
			))
			.at(format!("{element}.{kind}"))),
			_ => Err(Failure::bad_request(format!(
				"`{name}` needs exactly one value ({})",
				kinds.join(", ")
			))
			.at(element)),
		}
	}

	/// The resource of part `name`, if given.
	pub fn resource(&self, name: &str) -> Option<Value> {
		self.part(name).and_then(|(_, part)| part.get("resource").cloned())
	}
}

/// An answer: parts in order, each `(name, value kind, value)`.
pub fn answer(parts: Vec<(&str, &str, Value)>) -> Value {
	let parameter: Vec<Value> = parts
		.into_iter()
		.map(|(name, kind, value)| {
			let mut part = Map::new();
			part.insert("name".into(), json!(name));
			part.insert(kind.into(), value);
			Value::Object(part)
		})
		.collect();
	json!({ "resourceType": "Parameters", "parameter": parameter })
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn parts_are_read_by_name_and_value_kind() {
		let posted = json!({ "resourceType": "Parameters", "parameter": [
			{ "name": "patient", "valueString": "5Dave" },
			{ "name": "category", "valueCoding": { "code": "HIV" } },
		]});
		let params = Parameters::read(&posted, &["patient", "category", "purpose"]).expect("known");
		let (kind, value, element) =
			params.value("category", &["valueCoding"]).expect("a coding").expect("given");
		assert_eq!(
			(kind.as_str(), element.as_str()),
			("valueCoding", "Parameters.parameter[1].valueCoding")
		);
		assert_eq!(value["code"], "HIV");
		assert!(params.value("purpose", &["valueCode"]).expect("absent").is_none());
		let wrong = params.value("patient", &["valueReference"]).expect_err("a string");
		assert_eq!(wrong.expression.as_deref(), Some("Parameters.parameter[0].valueString"));
	}

	#[test]
	fn unknown_and_repeated_parts_are_refused() {
		let unknown = json!({ "parameter": [{ "name": "colour", "valueString": "blue" }] });
		let failure = Parameters::read(&unknown, &["patient"]).err().expect("unknown");
		assert_eq!(failure.expression.as_deref(), Some("Parameters.parameter[0].name"));
		let twice = json!({ "parameter": [{ "name": "patient" }, { "name": "patient" }] });
		assert!(Parameters::read(&twice, &["patient"]).is_err());
	}

	#[test]
	fn an_answer_has_one_part_per_value_in_order() {
		let written = answer(vec![
			("decision", "valueCode", json!("permit")),
			("reason", "valueCode", json!("x")),
		]);
		assert_eq!(written["parameter"][0], json!({ "name": "decision", "valueCode": "permit" }));
		assert_eq!(written["parameter"][1]["name"], "reason");
	}
}
