// Rebuilding a patient's access-log entries from the blocks that logged them, as a patient's
// wallet does (without any node's off-chain index). `AccessRecorded` names only the parties and
// the consent; the scope (category, or a sensitive category's sealed tag, purpose, action, record
// hash) stays in the `record_access` or `record_sealed_access` call, and the time is the block's
// timestamp. Folding `head' = blake2_256(head ++ SCALE(entry))` over the rebuilt entries
// (`accessLogHead` in carechain-rpc.js) gives the log's head in state.
import { ACTIONS, PURPOSES } from '../carechain-rpc.js';

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
 * The access-log entries of `patient` written in block `blockHash`, oldest first, each with its
 * `index` and as `consent_accessLog` serves an entry (`{ accessor, organisation, category,
 * sealedTag?, purpose, action, consentId, time, recordHash }`), which `accessLogHead` encodes.
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
      const sealed = call.method === 'recordSealedAccess';
      entries.push({
        index: event.data.index.toNumber(),
        entry: {
          accessor: event.data.accessor.toString(),
          organisation: event.data.organisation.toString(),
          category: sealed ? 'sealed' : asked.toString(),
          ...(sealed ? { sealedTag: asked.toHex() } : {}),
          purpose: PURPOSES[purpose.index],
          action: ACTIONS[action.index],
          consentId: event.data.consentId.toNumber(),
          time: time.toNumber(),
          recordHash: recordHash.isSome ? recordHash.unwrap().toHex() : null,
        },
      });
    });
  }
  return entries.sort((a, b) => a.index - b.index);
}
