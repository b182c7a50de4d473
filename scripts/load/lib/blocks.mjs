// What each block held and cost: extrinsics by call, the weight it consumed, and how long the
// node took to build it (from its "Prepared block for proposing" log line).

const PREPARED =
  /Prepared block for proposing at (\d+) \((\d+) ms\) hash: (0x[0-9a-f]{64}); parent_hash: \S+; end: (\w+)/;

/**
 * Collects the node's block-building times from its log, by block number. (The log line's hash
 * is the block's before Aura seals it, so it never equals the imported block's; a dev chain's
 * single author builds one block per number.)
 */
export function buildTimes() {
  const byNumber = new Map();
  let pending = '';
  return {
    /** Feed the node's log here (`startNode({ onLog })`). */
    onLog(chunk) {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop();
      for (const line of lines) {
        const match = PREPARED.exec(line);
        if (match) byNumber.set(Number(match[1]), { buildMs: Number(match[2]), endReason: match[4] });
      }
    },
    /** `{ buildMs, endReason }` of block `number`, if this node built it. */
    of(number) {
      return byNumber.get(number);
    },
  };
}

/** The normal-class weight limit of a block, in picoseconds of reference time. */
export function normalLimitPs(api) {
  const normal = api.consts.system.blockWeights.perClass.normal;
  const limit = normal.maxTotal.isSome ? normal.maxTotal.unwrap() : api.consts.system.blockWeights.maxBlock;
  return limit.refTime.toBigInt();
}

/**
 * Block `number` of the best chain: its timestamp, the signed extrinsics of each `section.method`,
 * the normal weight it consumed and its build time.
 */
export async function blockStats(api, number, times) {
  const hash = (await api.rpc.chain.getBlockHash(number)).toHex();
  const [{ block }, at] = await Promise.all([api.rpc.chain.getBlock(hash), api.at(hash)]);
  const calls = {};
  for (const extrinsic of block.extrinsics) {
    if (!extrinsic.isSigned) continue;
    const name = `${extrinsic.method.section}.${extrinsic.method.method}`;
    calls[name] = (calls[name] ?? 0) + 1;
  }
  const [weight, moment] = await Promise.all([at.query.system.blockWeight(), at.query.timestamp.now()]);
  const built = times.of(number) ?? {};
  return {
    number,
    hash,
    timestamp: moment.toNumber(),
    calls,
    weightMs: Number(weight.normal.refTime.toBigInt() / 1_000_000n) / 1_000,
    buildMs: built.buildMs ?? null,
    endReason: built.endReason ?? null,
  };
}
