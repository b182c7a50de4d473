// One phase of load: every account signs its share of one kind of call ahead of time (nonces in
// order, mortal for ERA_PERIOD blocks from the best block: the runtime refuses immortal ones), then all are submitted as fast as the node accepts them, and the blocks that
// include them are measured.
//
// Pool limits: the load node runs with `--pool-limit` and `--pool-kbytes` far above one phase, so
// the pool never drops what was submitted; transactions go in nonce order (round by round over
// the accounts) with a bounded number in flight, so they enter the ready queue rather than the
// smaller future queue.
import { blockStats } from './blocks.mjs';

/** Submissions in flight at once. */
const IN_FLIGHT = 32;

/** Blocks a pre-signed transaction stays valid: far longer than a phase, within `BlockHashCount`. */
const ERA_PERIOD = 1024;

/** Signs `build(account, index, round)` for `rounds` rounds of every account, in nonce order. */
export async function presign(api, accounts, rounds, build) {
  const best = await api.rpc.chain.getHeader();
  const era = api.registry.createType('ExtrinsicEra', { current: best.number.toNumber(), period: ERA_PERIOD });
  const nonces = await Promise.all(
    accounts.map(async (a) => (await api.rpc.system.accountNextIndex(a.address)).toNumber()),
  );
  const signed = [];
  for (let round = 0; round < rounds; round++) {
    for (const [index, account] of accounts.entries()) {
      const tx = build(account, index, round);
      await tx.signAsync(account, { nonce: nonces[index] + round, era, blockHash: best.hash });
      signed.push(tx.toHex());
    }
  }
  return signed;
}

/** Submits pre-signed transactions with `IN_FLIGHT` at a time; resolves to the refusals. */
export async function submitAll(api, signed) {
  const refused = [];
  let next = 0;
  async function worker() {
    while (next < signed.length) {
      const hex = signed[next++];
      try {
        await api.rpc.author.submitExtrinsic(hex);
      } catch (error) {
        refused.push(String(error.message ?? error));
      }
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return refused;
}

/** Waits for the next best block after `number`; resolves to its number. */
async function nextBlock(api, number) {
  for (;;) {
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    if (best > number) return best;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Runs one phase: `call` names the extrinsics (`section.method`) it counts. `during(best)` is
 * called once half the transactions are submitted (for the revoke probe). Resolves to the phase's
 * blocks and figures once every accepted transaction is in a block or `timeoutMs` passes.
 */
export async function flood(api, times, { name, call, signed, timeoutMs, during = async () => {} }) {
  const startBlock = (await api.rpc.chain.getHeader()).number.toNumber();
  const half = Math.floor(signed.length / 2);
  const submittedAt = Date.now();
  const refused = await submitAll(api, signed.slice(0, half));
  const probe = await during((await api.rpc.chain.getHeader()).number.toNumber());
  refused.push(...(await submitAll(api, signed.slice(half))));
  const submitSeconds = (Date.now() - submittedAt) / 1000;
  const expected = signed.length - refused.length;

  const blocks = [];
  let included = 0;
  let seen = startBlock;
  const deadline = Date.now() + timeoutMs;
  while (included < expected && Date.now() < deadline) {
    const best = await nextBlock(api, seen);
    for (let number = seen + 1; number <= best; number++) {
      const stats = await blockStats(api, number, times);
      const count = stats.calls[call] ?? 0;
      included += count;
      if (count > 0 || blocks.length > 0) blocks.push({ ...stats, included: count });
    }
    seen = best;
  }
  // Blocks after the last inclusion carry nothing of this phase.
  while (blocks.length > 0 && blocks[blocks.length - 1].included === 0) blocks.pop();

  const first = blocks[0];
  const last = blocks[blocks.length - 1];
  const parentMoment = first ? (await blockStats(api, first.number - 1, times)).timestamp : 0;
  const seconds = last ? (last.timestamp - parentMoment) / 1000 : 0;
  return {
    name,
    call,
    submitted: signed.length,
    refused: refused.length,
    refusals: [...new Set(refused)].slice(0, 5),
    submitSeconds,
    included,
    blocks,
    perBlockMax: Math.max(0, ...blocks.map((b) => b.included)),
    perSecond: seconds > 0 ? included / seconds : 0,
    probe,
  };
}
