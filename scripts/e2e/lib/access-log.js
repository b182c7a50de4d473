// Rebuilding a patient's access-log entries from the blocks that logged them, as a patient's
// wallet does. `AccessRecorded` names only the parties and the consent; the scope (category, or
// a sensitive category's sealed tag, purpose, action, record hash) stays in the `record_access`
// or `record_sealed_access` call, and the time is the block's timestamp. Folding `head' = blake2_256(head ++ SCALE(entry))` over the rebuilt entries gives
// the log's stored head.
import { u8aConcat } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

/** Whether `value` is a decoded call (polkadot.js `GenericCall`). */
function isCall(value) {
  return value?.callIndex instanceof Uint8Array && Array.isArray(value?.args);
}

/** Every call in `call`'s tree, depth first, in the order the runtime dispatches them. */
function* callsIn(call) {
  yield call;
  for (const arg of call.args) {
    if (isCall(arg)) yield* callsIn(arg);
    else if (Array.isArray(arg)) {
      for (const item of arg) if (isCall(item)) yield* callsIn(item);
    }
  }
}

/**
 * The access-log entries of `patient` written in block `blockHash`, oldest first, each as the
 * runtime's `AccessEntry` type (so `entry.toU8a()` is its SCALE encoding), with its `index`.
 *
 * Within one extrinsic the n-th `AccessRecorded` of the patient belongs to the n-th
 * `record_access` naming the patient in its call tree. A `utility.forceBatch` in which such a
 * call fails would break that pairing; a rebuilt log then fails to reach the stored head, which
 * is how a wallet notices and falls back to asking the patient's provider.
 */
export async function accessEntriesInBlock(api, blockHash, patient) {
  const at = await api.at(blockHash);
  const [{ block }, events, time] = await Promise.all([
    api.rpc.chain.getBlock(blockHash),
    at.query.system.events(),
    at.query.timestamp.now(),
  ]);
  const entryType = lookupName(api);
  const byExtrinsic = new Map();
  for (const { phase, event } of events) {
    if (!phase.isApplyExtrinsic || event.section !== 'consent' || event.method !== 'AccessRecorded') continue;
    if (event.data.patient.toString() !== patient) continue;
    const index = phase.asApplyExtrinsic.toNumber();
    if (!byExtrinsic.has(index)) byExtrinsic.set(index, []);
    byExtrinsic.get(index).push(event);
  }
  const entries = [];
  for (const [extrinsicIndex, recorded] of byExtrinsic) {
    const calls = [...callsIn(block.extrinsics[extrinsicIndex].method)].filter(
      (call) =>
        call.section === 'consent' &&
        (call.method === 'recordAccess' || call.method === 'recordSealedAccess') &&
        call.args[0].toString() === patient,
    );
    recorded.forEach((event, n) => {
      const call = calls[n];
      if (!call) throw new Error(`no record_access call for entry ${event.data.index} in block ${blockHash}`);
      const [, asked, purpose, action, recordHash] = call.args;
      const category = call.method === 'recordSealedAccess' ? { Sealed: asked } : { Clear: asked.toString() };
      entries.push({
        index: event.data.index.toNumber(),
        entry: api.registry.createType(entryType, {
          accessor: event.data.accessor,
          organisation: event.data.organisation,
          category,
          purpose,
          action,
          consentId: event.data.consentId,
          time,
          recordHash,
        }),
      });
    });
  }
  return entries.sort((a, b) => a.index - b.index);
}

/** The registry's name of the runtime's `AccessEntry` type, found through the metadata. */
function lookupName(api) {
  const found = api.registry.lookup.types.find(({ type }) => type.path.join('::').endsWith('consent::AccessEntry'));
  if (!found) throw new Error('the metadata has no AccessEntry type');
  return api.registry.createLookupType(found.id);
}

/** Folds the log's hash chain over `entries` (`AccessEntry` values), from 32 zero bytes. */
export function foldHead(entries) {
  return entries.reduce((head, entry) => blake2AsU8a(u8aConcat(head, entry.toU8a()), 256), new Uint8Array(32));
}
