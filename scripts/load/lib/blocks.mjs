// What each block held and cost: extrinsics by call, the weight it consumed, the fees its
// transactions paid, and how long the node took to build it (from its "Prepared block for
// proposing" log line).

/** Plancks per picosecond of weight (`runtime/src/configs/monetary.rs`, `FEE_PER_PICOSECOND`). */
const FEE_PER_PICOSECOND = 100n;
/** Plancks per byte of an extrinsic (`TransactionByteFee`: 10 µCARE). */
const FEE_PER_BYTE = 10_000_000n;
const PLANCKS_PER_CARE = 10n ** 12n;

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
  let signedBytes = 0n;
  for (const extrinsic of block.extrinsics) {
    if (!extrinsic.isSigned) continue;
    const name = `${extrinsic.method.section}.${extrinsic.method.method}`;
    calls[name] = (calls[name] ?? 0) + 1;
    signedBytes += BigInt(extrinsic.encodedLength);
  }
  const [weight, moment, events] = await Promise.all([
    at.query.system.blockWeight(),
    at.query.timestamp.now(),
    at.query.system.events(),
  ]);
  // What the block's transactions paid, and what the fee formula prices its normal weight and
  // signed bytes at: equal when every call in it paid (fee-free calls pay nothing).
  let paid = 0n;
  for (const { event } of events) {
    if (event.section === 'transactionPayment' && event.method === 'TransactionFeePaid') {
      paid += event.data.actualFee.toBigInt() + event.data.tip.toBigInt();
    }
  }
  const priced = weight.normal.refTime.toBigInt() * FEE_PER_PICOSECOND + signedBytes * FEE_PER_BYTE;
  const care = (plancks) => Number((plancks * 1_000_000n) / PLANCKS_PER_CARE) / 1_000_000;
  const built = times.of(number) ?? {};
  return {
    number,
    hash,
    timestamp: moment.toNumber(),
    calls,
    weightMs: Number(weight.normal.refTime.toBigInt() / 1_000_000n) / 1_000,
    feesCare: care(paid),
    pricedCare: care(priced),
    buildMs: built.buildMs ?? null,
    endReason: built.endReason ?? null,
  };
}
