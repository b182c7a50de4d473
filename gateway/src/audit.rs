//! `GET AuditEvent?patient=&_count=`: the clinic's own entries of a patient's access log
//! (`consent_accessLog`, the accessor's view: the node shows a clinic only its own accesses) as
//! IHE BALP-shaped `AuditEvent`s (`carechain_fhir::audit`), newest last as the log keeps them.
//! A patient the clinic has not accessed lately gives an empty searchset.

use axum::{
	extract::{RawQuery, State},
	http::StatusCode,
};
use carechain_fhir::audit::{audit_event, LoggedAccess};
use carechain_primitives::{AccessedCategory, Action, DataCategory, PurposeOfUse};
use carechain_rpc::json::AccessEntryJson;
use serde_json::{json, Value};
use sp_core::crypto::{AccountId32, Ss58Codec};

use crate::{
	consent::searchset,
	outcome::{ok, Answer, Failure},
	request::{account_reference, count, search_params},
	routes::Shared,
	sealing,
};

/// The logged access of an entry of the RPC's JSON.
fn logged_access(patient: &AccountId32, entry: &AccessEntryJson) -> Option<LoggedAccess> {
	let record_hash = match &entry.record_hash {
		None => None,
		Some(hex) => {
			let bytes = sp_core::bytes::from_hex(hex).ok()?;
			Some(<[u8; 32]>::try_from(bytes.as_slice()).ok()?)
		},
	};
	Some(LoggedAccess {
		patient: patient.clone(),
		accessor: AccountId32::from_ss58check(&entry.accessor).ok()?,
		organisation: AccountId32::from_ss58check(&entry.organisation).ok()?,
		category: match &entry.sealed_tag {
			Some(tag) => AccessedCategory::Sealed(
				<[u8; 16]>::try_from(sp_core::bytes::from_hex(tag).ok()?.as_slice()).ok()?,
			),
			None => DataCategory::from_name(&entry.category)?.into(),
		},
		action: Action::from_name(&entry.action)?,
		purpose: PurposeOfUse::from_name(&entry.purpose)?,
		consent_id: entry.consent_id,
		time: entry.time,
		record_hash,
	})
}

/// `GET AuditEvent?patient=&_count=`.
pub async fn search(State(gateway): State<Shared>, RawQuery(query): RawQuery) -> Answer {
	let params = search_params(query.as_deref(), &["patient", "_count"])?;
	let get = |name: &str| params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
	let patient = get("patient").ok_or_else(|| {
		Failure::bad_request("needs search parameter `patient`: access logs are per patient")
	})?;
	let patient = account_reference(patient, &["Patient"], "patient")?;
	let limit = count(get("_count"))?;

	let recent = gateway.node.access_log(&patient).await?.map(|log| log.recent).unwrap_or_default();
	let mut entries = Vec::new();
	// The salts of the sealed consents behind sealed entries, opened with the clinic's key.
	let mut salts = std::collections::BTreeMap::new();
	for (position, entry) in recent.iter().enumerate() {
		let mut access = logged_access(&patient, entry).ok_or_else(|| {
			Failure::new(
				StatusCode::BAD_GATEWAY,
				"exception",
				"the node's access log holds an entry this gateway cannot read",
			)
		})?;
		if let (AccessedCategory::Sealed(tag), Some(key)) = (access.category, &gateway.encryption) {
			let opened = match salts.get(&entry.consent_id) {
				Some(salt) => *salt,
				None => {
					let consent = gateway.node.consent(entry.consent_id).await?;
					let salt = consent
						.and_then(|consent| consent.sealed)
						.and_then(|sealed| sealing::open_salt(key, &sealed));
					salts.insert(entry.consent_id, salt);
					salt
				},
			};
			// The clinic is a party of the consent: it reads the tag as the category. A
			// consent gone (expired and cleaned up) or sealed to another key leaves the tag.
			if let Some(category) = opened.and_then(|salt| carechain_sealing::open_tag(&salt, &tag))
			{
				access.category = AccessedCategory::Clear(category);
			}
		}
		let id = format!("access-{}-{}-{position}", entry.consent_id, entry.time);
		let resource: Value = audit_event(&id, &access);
		entries.push(json!({
			"fullUrl": format!("{}/AuditEvent/{id}", gateway.base_url),
			"resource": resource,
			"search": { "mode": "match" },
		}));
	}
	ok(&searchset(&gateway.base_url, "AuditEvent", query.as_deref(), entries, limit))
}
