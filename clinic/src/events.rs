//! A block's events read through the chain's metadata, not through compiled-in runtime types:
//! `System.Events` decoded into `scale_value` values by `frame-decode`, so that a runtime upgrade
//! that adds events, pallets or fields does not break the clinic's reading of the ones it needs.

use codec::Decode;
use frame_decode::storage::decode_storage_value;
use frame_metadata::{RuntimeMetadata, RuntimeMetadataPrefixed};
use jsonrpsee::{core::client::ClientT, rpc_params, ws_client::WsClient};
use scale_value::{scale::ValueVisitor, Composite, Value, ValueDef};
use sp_core::{bytes::from_hex, H256};

use crate::Error;

/// One event of a block: when it happened (the index of its extrinsic, if any), its pallet and
/// its variant, and its fields by name.
#[derive(Debug)]
pub struct Event {
	/// `Some(i)` for an event of extrinsic `i` (phase `ApplyExtrinsic(i)`).
	pub extrinsic: Option<u32>,
	/// The pallet's name in the runtime (`Consent`).
	pub pallet: String,
	/// The event's name (`ConsentGranted`).
	pub name: String,
	/// Its fields.
	pub fields: Composite<u32>,
}

impl Event {
	/// The field `name` (a named field of the event).
	pub fn field(&self, name: &str) -> Option<&Value<u32>> {
		match &self.fields {
			Composite::Named(fields) => {
				fields.iter().find(|(field, _)| field == name).map(|(_, value)| value)
			},
			Composite::Unnamed(_) => None,
		}
	}
}

/// The chain's metadata at `block`.
pub async fn metadata(client: &WsClient, block: H256) -> Result<RuntimeMetadata, Error> {
	let raw: String = client.request("state_getMetadata", rpc_params![block]).await?;
	let bytes = from_hex(&raw)?;
	let prefixed = RuntimeMetadataPrefixed::decode(&mut &bytes[..])
		.map_err(|e| format!("cannot read the chain's metadata: {e}"))?;
	Ok(prefixed.1)
}

/// The events of `block`, decoded with `metadata`.
pub async fn events_of(
	client: &WsClient,
	block: H256,
	metadata: &RuntimeMetadata,
) -> Result<Vec<Event>, Error> {
	let key = format!(
		"0x{}",
		sp_core::hexdisplay::HexDisplay::from(
			&[sp_io::hashing::twox_128(b"System"), sp_io::hashing::twox_128(b"Events")].concat()
		)
	);
	let raw: Option<String> = client.request("state_getStorage", rpc_params![key, block]).await?;
	decode(metadata, &from_hex(raw.as_deref().unwrap_or("0x"))?)
}

/// The events of the SCALE bytes of a `System.Events` value, decoded with `metadata`.
pub fn decode(metadata: &RuntimeMetadata, bytes: &[u8]) -> Result<Vec<Event>, Error> {
	let value = decode_events(metadata, bytes)?;
	let ValueDef::Composite(records) = value.value else {
		return Err("System.Events is not a list".into());
	};
	records.into_values().map(event_of).collect()
}

/// `System.Events` decoded with whichever metadata version the node serves.
fn decode_events(metadata: &RuntimeMetadata, bytes: &[u8]) -> Result<Value<u32>, Error> {
	let cursor = &mut &bytes[..];
	let decoded = match metadata {
		RuntimeMetadata::V14(m) => {
			decode_storage_value("System", "Events", cursor, m, &m.types, ValueVisitor::new())
				.map_err(|e| format!("{e:?}"))
		},
		RuntimeMetadata::V15(m) => {
			decode_storage_value("System", "Events", cursor, m, &m.types, ValueVisitor::new())
				.map_err(|e| format!("{e:?}"))
		},
		RuntimeMetadata::V16(m) => {
			decode_storage_value("System", "Events", cursor, m, &m.types, ValueVisitor::new())
				.map_err(|e| format!("{e:?}"))
		},
		_ => Err("the node serves metadata older than V14".into()),
	};
	decoded.map_err(|e| format!("cannot decode the block's events: {e}").into())
}

/// One `EventRecord { phase, event, topics }` as an [`Event`].
fn event_of(record: Value<u32>) -> Result<Event, Error> {
	let ValueDef::Composite(Composite::Named(fields)) = record.value else {
		return Err("an event record is not a struct".into());
	};
	let mut phase = None;
	let mut event = None;
	for (name, value) in fields {
		match name.as_str() {
			"phase" => phase = Some(value),
			"event" => event = Some(value),
			_ => {},
		}
	}
	let extrinsic = match phase.map(|p| p.value) {
		Some(ValueDef::Variant(variant)) if variant.name == "ApplyExtrinsic" => {
			variant.values.into_values().next().and_then(|index| index.as_u128())
		},
		_ => None,
	}
	.and_then(|index| u32::try_from(index).ok());
	let Some(ValueDef::Variant(pallet)) = event.map(|e| e.value) else {
		return Err("an event record has no event".into());
	};
	let Some(ValueDef::Variant(inner)) = pallet.values.into_values().next().map(|v| v.value) else {
		return Err(format!("an event of {} has no variant", pallet.name).into());
	};
	Ok(Event { extrinsic, pallet: pallet.name, name: inner.name, fields: inner.values })
}

/// A dispatch error (`System.ExtrinsicFailed`'s `dispatch_error`) by name: `Consent.NotPatient`
/// for a module error, else the variant as the metadata names it.
pub fn dispatch_error_name(metadata: &RuntimeMetadata, error: &Value<u32>) -> String {
	let ValueDef::Variant(variant) = &error.value else { return format!("{error}") };
	if variant.name != "Module" {
		return format!("{error}");
	}
	let module = variant.values.values().next();
	let number = |name: &str| -> Option<u128> {
		let ValueDef::Composite(Composite::Named(fields)) = &module?.value else { return None };
		let (_, value) = fields.iter().find(|(field, _)| field == name)?;
		match &value.value {
			ValueDef::Composite(bytes) => bytes.values().next().and_then(Value::as_u128),
			_ => value.as_u128(),
		}
	};
	let (Some(index), Some(code)) = (number("index"), number("error")) else {
		return format!("{error}");
	};
	module_error_name(metadata, index, code).unwrap_or_else(|| format!("{error}"))
}

/// `Pallet.Error` for the pallet at `index` and its error number `code`, from V14 or V15
/// metadata.
fn module_error_name(metadata: &RuntimeMetadata, index: u128, code: u128) -> Option<String> {
	let (pallet, error_type, types) = match metadata {
		RuntimeMetadata::V14(m) => {
			let pallet = m.pallets.iter().find(|p| u128::from(p.index) == index)?;
			(pallet.name.clone(), pallet.error.as_ref()?.ty.id, &m.types)
		},
		RuntimeMetadata::V15(m) => {
			let pallet = m.pallets.iter().find(|p| u128::from(p.index) == index)?;
			(pallet.name.clone(), pallet.error.as_ref()?.ty.id, &m.types)
		},
		_ => return None,
	};
	let scale_info::TypeDef::Variant(variants) = &types.resolve(error_type)?.type_def else {
		return None;
	};
	let variant = variants.variants.iter().find(|v| u128::from(v.index) == code)?;
	Some(format!("{pallet}.{}", variant.name))
}

#[cfg(test)]
mod tests {
	use carechain_runtime::{Runtime, RuntimeEvent};
	use codec::Encode;
	use frame_system::{EventRecord, Phase};

	use super::*;

	/// Events as the runtime encodes them, read back through the runtime's own metadata.
	#[test]
	fn events_and_module_errors_are_read_by_name_through_the_metadata() {
		// Building the metadata reads storage versions: give it an (empty) state.
		let metadata = sp_io::TestExternalities::default().execute_with(|| Runtime::metadata().1);
		let granted = RuntimeEvent::Consent(pallet_consent::Event::ConsentRevoked {
			consent_id: 41,
			patient: [7; 32].into(),
		});
		let error: sp_runtime::DispatchError =
			pallet_consent::Error::<Runtime>::GranteeNotActive.into();
		let failed = RuntimeEvent::System(frame_system::Event::ExtrinsicFailed {
			dispatch_error: error,
			dispatch_info: Default::default(),
		});
		let records: Vec<EventRecord<RuntimeEvent, H256>> = vec![
			EventRecord { phase: Phase::Initialization, event: granted.clone(), topics: vec![] },
			EventRecord { phase: Phase::ApplyExtrinsic(3), event: granted, topics: vec![] },
			EventRecord { phase: Phase::ApplyExtrinsic(4), event: failed, topics: vec![] },
		];
		let events = decode(&metadata, &records.encode()).unwrap();
		assert_eq!(events.len(), 3);
		assert_eq!(events[0].extrinsic, None);
		let revoked = &events[1];
		assert_eq!(
			(revoked.extrinsic, revoked.pallet.as_str(), revoked.name.as_str()),
			(Some(3), "Consent", "ConsentRevoked")
		);
		assert_eq!(revoked.field("consent_id").and_then(Value::as_u128), Some(41));
		let failed = &events[2];
		assert_eq!((failed.pallet.as_str(), failed.name.as_str()), ("System", "ExtrinsicFailed"));
		let error = failed.field("dispatch_error").unwrap();
		assert_eq!(dispatch_error_name(&metadata, error), "Consent.GranteeNotActive");
		// Bytes that are no events are refused, not misread.
		assert!(decode(&metadata, &[0xff, 0xff, 0xff]).is_err());
	}
}
