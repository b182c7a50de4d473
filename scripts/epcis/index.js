// GS1 EPCIS 2.0 JSON-LD of one batch's history on CareChain.
//
// The chain's traceability events (pallets/traceability) map to EPCIS events (EPCIS 2.0 §7.4,
// CBV 2.0 §7 for bizStep and disposition):
//
//   Commissioned              ObjectEvent ADD        commissioning  active (lot, expiry in ilmd)
//   Aggregated                AggregationEvent ADD   packing        (case of N packs of the class)
//   CasesAggregated           AggregationEvent ADD   packing        (pallet of cases)
//   Disaggregated             AggregationEvent DELETE unpacking
//   Shipped                   ObjectEvent OBSERVE    shipping       in_transit (source, destination,
//                                                                   business transaction)
//   Received                  ObjectEvent OBSERVE    receiving      in_progress
//   Dispensed                 ObjectEvent DELETE     dispensing     dispensed
//   DispenseUndone            the Dispensed event again, with an errorDeclaration (did_not_occur)
//   DuplicateDispenseCaught   ObjectEvent OBSERVE    inspecting     non_sellable_other
//   PackFlagged               ObjectEvent OBSERVE    holding / inspecting / destroying
//                                                    non_sellable_other / stolen / destroyed
//   PackCleared               ObjectEvent OBSERVE    inspecting     active
//   BatchStatusChanged        ObjectEvent OBSERVE    holding / inspecting
//                                                    recalled / non_sellable_other / active
//
// Identifiers are GS1 Digital Link URIs, which need no company prefix length: the class
// https://id.gs1.org/01/{gtin}/10/{lot}, a pack https://id.gs1.org/01/{gtin}/21/{serial}, a
// container https://id.gs1.org/00/{sscc}. The chain never learns a pack's serial (only its salted
// leaf), so a pack event names the pack by serial only when the caller passes the batch's
// leaf-to-serial table (the manufacturer and its trading partners hold it); otherwise it counts
// one pack of the class and gives the leaf as `carechain:leaf`. Parties are
// urn:carechain:account:{ss58}. What EPCIS has no field for (the Merkle root, an aggregation's
// manifest hash, the signer, a notice hash) is a `carechain:` extension.

/** The JSON-LD namespace of CareChain's extension fields. */
export const CARECHAIN_NAMESPACE = 'https://carechain.example/ns/epcis#';
const CONTEXT = ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld', { carechain: CARECHAIN_NAMESPACE }];

const pad = (digits, length) => String(digits).padStart(length, '0');

/** The GS1 Digital Link URI of a product class (GTIN and lot). */
export const classUri = (gtin, lot) => `https://id.gs1.org/01/${pad(gtin, 14)}/10/${encodeURIComponent(lot)}`;

/** The GS1 Digital Link URI of a serialised pack. */
export const packUri = (gtin, serial) => `https://id.gs1.org/01/${pad(gtin, 14)}/21/${encodeURIComponent(serial)}`;

/** The GS1 Digital Link URI of a logistic unit (case or pallet). */
export const containerUri = (sscc) => `https://id.gs1.org/00/${pad(sscc, 18)}`;

/** The URI of a CareChain account (a party). */
export const partyUri = (account) => `urn:carechain:account:${account}`;

const PACK_FLAGS = {
  Quarantined: { bizStep: 'holding', disposition: 'non_sellable_other' },
  Stolen: { bizStep: 'inspecting', disposition: 'stolen' },
  Destroyed: { bizStep: 'destroying', disposition: 'destroyed' },
};

const BATCH_STATUSES = {
  Active: { bizStep: 'inspecting', disposition: 'active' },
  Suspect: { bizStep: 'holding', disposition: 'non_sellable_other' },
  Illegitimate: { bizStep: 'holding', disposition: 'non_sellable_other' },
  Recalled: { bizStep: 'holding', disposition: 'recalled' },
};

/**
 * The EPCIS document of batch (`gtin`, `lot`).
 *
 * `records` are the batch's chain events in chain order, each
 * `{ name, data, block, index, time }`: the traceability event's name and its fields as plain
 * values (gtin and sscc as decimal strings, lot as text, accounts as SS58, hashes as hex), the
 * block hash and event index that identify it, and the block's timestamp (ms).
 * `serials` maps a pack's leaf (hex) to its serial, for the packs the caller knows.
 */
export function epcisDocument({ gtin, lot, records, serials = new Map(), createdAt = new Date() }) {
  const batchClass = classUri(gtin, lot);
  const pack = (leaf) =>
    serials.has(leaf)
      ? { epcList: [packUri(gtin, serials.get(leaf))] }
      : { epcList: [], quantityList: [{ epcClass: batchClass, quantity: 1 }], 'carechain:leaf': leaf };
  const dispensed = new Map();
  const eventList = [];
  for (const record of records) {
    const { name, data } = record;
    const base = {
      eventID: `urn:carechain:event:${record.block}:${record.index}`,
      eventTime: new Date(record.time).toISOString(),
      eventTimeZoneOffset: '+00:00',
    };
    const by = (account) => ({ 'carechain:by': partyUri(account) });
    switch (name) {
      case 'Commissioned':
        eventList.push({
          type: 'ObjectEvent',
          ...base,
          action: 'ADD',
          bizStep: 'commissioning',
          disposition: 'active',
          epcList: [],
          quantityList: [{ epcClass: batchClass, quantity: Number(data.packs) }],
          ilmd: {
            'cbvmda:lotNumber': lot,
            'cbvmda:itemExpirationDate': new Date(Number(data.expiry) * 86_400_000).toISOString().slice(0, 10),
          },
          'carechain:merkleRoot': data.root,
          ...by(data.manufacturer),
        });
        break;
      case 'Aggregated':
        eventList.push({
          type: 'AggregationEvent',
          ...base,
          action: 'ADD',
          bizStep: 'packing',
          disposition: 'in_progress',
          parentID: containerUri(data.sscc),
          childEPCs: [],
          childQuantityList: [{ epcClass: batchClass, quantity: Number(data.packs) }],
          'carechain:manifest': data.manifest,
          ...by(data.by),
        });
        break;
      case 'CasesAggregated':
        eventList.push({
          type: 'AggregationEvent',
          ...base,
          action: 'ADD',
          bizStep: 'packing',
          disposition: 'in_progress',
          parentID: containerUri(data.sscc),
          childEPCs: data.cases.map(containerUri),
          ...by(data.by),
        });
        break;
      case 'Disaggregated':
        eventList.push({
          type: 'AggregationEvent',
          ...base,
          action: 'DELETE',
          bizStep: 'unpacking',
          parentID: containerUri(data.sscc),
          ...by(data.by),
        });
        break;
      case 'Shipped':
        eventList.push({
          type: 'ObjectEvent',
          ...base,
          action: 'OBSERVE',
          bizStep: 'shipping',
          disposition: 'in_transit',
          epcList: [containerUri(data.sscc)],
          bizTransactionList: [{ type: 'desadv', bizTransaction: `urn:carechain:transaction-information:${data.transaction_hash}` }],
          sourceList: [{ type: 'owning_party', source: partyUri(data.from) }],
          destinationList: [{ type: 'owning_party', destination: partyUri(data.to) }],
          ...by(data.from),
        });
        break;
      case 'Received':
        eventList.push({
          type: 'ObjectEvent',
          ...base,
          action: 'OBSERVE',
          bizStep: 'receiving',
          disposition: 'in_progress',
          epcList: [containerUri(data.sscc)],
          ...by(data.by),
        });
        break;
      case 'Dispensed': {
        const event = {
          type: 'ObjectEvent',
          ...base,
          action: 'DELETE',
          bizStep: 'dispensing',
          disposition: 'dispensed',
          ...pack(data.leaf),
          ...by(data.by),
        };
        dispensed.set(data.leaf, event);
        eventList.push(event);
        break;
      }
      case 'DispenseUndone': {
        // EPCIS 2.0 §7.4.1.2: an error declaration repeats the erroneous event, same eventID.
        const original = dispensed.get(data.leaf);
        if (original) {
          eventList.push({ ...original, errorDeclaration: { declarationTime: base.eventTime, reason: 'did_not_occur' } });
          dispensed.delete(data.leaf);
        }
        break;
      }
      case 'DuplicateDispenseCaught':
        eventList.push({
          type: 'ObjectEvent',
          ...base,
          action: 'OBSERVE',
          bizStep: 'inspecting',
          disposition: 'non_sellable_other',
          ...pack(data.leaf),
          'carechain:exception': 'DuplicateDispense',
          ...by(data.by),
        });
        break;
      case 'PackFlagged': {
        const flag = PACK_FLAGS[data.exception];
        if (flag) {
          eventList.push({
            type: 'ObjectEvent',
            ...base,
            action: 'OBSERVE',
            ...flag,
            ...pack(data.leaf),
            'carechain:exception': data.exception,
            ...by(data.by),
          });
        }
        break;
      }
      case 'PackCleared':
        eventList.push({ type: 'ObjectEvent', ...base, action: 'OBSERVE', bizStep: 'inspecting', disposition: 'active', ...pack(data.leaf) });
        break;
      case 'BatchStatusChanged': {
        const status = BATCH_STATUSES[data.status];
        if (status) {
          eventList.push({
            type: 'ObjectEvent',
            ...base,
            action: 'OBSERVE',
            ...status,
            epcList: [],
            quantityList: [{ epcClass: batchClass }],
            'carechain:batchStatus': data.status,
            ...(data.notice ? { 'carechain:notice': data.notice } : {}),
          });
        }
        break;
      }
      default:
        break;
    }
  }
  return {
    '@context': CONTEXT,
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: createdAt.toISOString(),
    epcisBody: { eventList },
  };
}
