// Reading one batch's traceability events from a node's blocks.
//
// The chain keeps events only in the state of their block, so the blocks scanned need their
// state: an ordinary node prunes it after 256 blocks, and a batch's whole history needs an
// archive node (`--state-pruning archive`). Events of the genesis block are not stored: a batch
// written by a chain spec's genesis (the dev preset's demo batch) starts at its first
// transaction.

const SECTION = 'traceability';

/** A codec value as a plain JSON value: u64s as decimal strings (GTINs and SSCCs pass 2^53). */
function plain(value) {
  const type = value.toRawType();
  // Options by type: a polkadot.js Enum answers `isNone` too.
  if (type.startsWith('Option<')) return value.isSome ? plain(value.unwrap()) : null;
  if (type === 'Bytes') return value.toUtf8();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value.toBigInt === 'function') return value.toBigInt().toString();
  return value.toString();
}

/** An event's fields by their metadata names. */
const fields = (event) => Object.fromEntries(event.data.names.map((name, i) => [name, plain(event.data[i])]));

/**
 * The traceability events of batch (`gtin`, `lot`) in blocks `from`..=`to`, in chain order,
 * each `{ name, data, block, index, time }` as `epcisDocument` takes them. A container event
 * belongs to the batch while the container holds it: a case from its packing until it is
 * unpacked, a pallet from the packing of one of those cases until it is unpacked.
 */
export async function batchRecords(api, { gtin, lot, from = 1, to }) {
  const last = to ?? (await api.rpc.chain.getHeader()).number.toNumber();
  const wanted = String(BigInt(gtin));
  const containers = new Set();
  const records = [];
  for (let number = from; number <= last; number += 1) {
    const block = await api.rpc.chain.getBlockHash(number);
    const at = await api.at(block);
    const [events, now] = await Promise.all([at.query.system.events(), at.query.timestamp.now()]);
    events.forEach(({ event }, index) => {
      if (event.section !== SECTION) return;
      const data = fields(event);
      const ofBatch = data.gtin === wanted && data.lot === lot;
      let relevant = ofBatch;
      if (event.method === 'Aggregated' && ofBatch) containers.add(data.sscc);
      if (event.method === 'CasesAggregated' && data.cases.some((c) => containers.has(c))) {
        containers.add(data.sscc);
        relevant = true;
      }
      if (['Shipped', 'Received', 'Disaggregated'].includes(event.method) && containers.has(data.sscc)) {
        relevant = true;
        if (event.method === 'Disaggregated') containers.delete(data.sscc);
      }
      if (relevant) records.push({ name: event.method, data, block: block.toHex(), index, time: now.toNumber() });
    });
  }
  return records;
}
