// Summarises the extra benchmark `pallet_consent::on_idle_among_live_consents` (the bencher's
// `--json-file` output): what `on_idle` took per expired consent with `l` thousand consents live,
// at each `l` measured, and how far the largest `l` is from the smallest (issue 22: within 10 %).
// Usage: node scripts/benchmark/live-consents.mjs docs/load/on-idle-among-live-consents.json
import { readFileSync } from 'node:fs';

const EXPIRED = 200; // EXPIRED_AMONG_LIVE in pallets/consent/src/benchmarking.rs

const batches = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const batch = batches.find((b) => String.fromCharCode(...b.benchmark) === 'on_idle_among_live_consents'
  || b.benchmark === 'on_idle_among_live_consents');
if (!batch) throw new Error('no on_idle_among_live_consents results in the file');

const byLive = new Map();
for (const result of batch.time_results) {
  const [, live] = result.components.find(([name]) => name === 'l' || name === 'L') ?? [];
  if (!byLive.has(live)) byLive.set(live, []);
  byLive.get(live).push(Number(result.extrinsic_time));
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const rows = [...byLive].sort(([a], [b]) => a - b).map(([live, times]) => ({
  live: live * 1000,
  perItemNs: median(times) / EXPIRED,
  samples: times.length,
}));
for (const row of rows) {
  console.log(`${row.live} live consents: ${(row.perItemNs / 1000).toFixed(2)} µs per expired consent (median of ${row.samples})`);
}
const first = rows[0];
const last = rows[rows.length - 1];
console.log(`per-item cost at ${last.live} live is ${((last.perItemNs / first.perItemNs - 1) * 100).toFixed(1)} % off ${first.live}`);
