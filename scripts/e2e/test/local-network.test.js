// Resilience of the consortium network: four validators, one crashes (kill -9) three times in
// turn; the other three keep finalizing, and the crashed one restarts on its own database,
// catches up and agrees on the state.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { blockAt, finalizedNumber, localNetwork, VALIDATORS, waitFor } from '../lib/network.js';

let network;

before(async () => {
  network = await localNetwork();
  for (const name of VALIDATORS) network.start(name);
});

after(async () => {
  await network?.stopAll();
});

async function finalized(names) {
  return Promise.all(names.map((name) => finalizedNumber(network.nodes[name].rpcPort)));
}

test('the network survives each of three validators crashing in turn', { timeout: 900_000 }, async () => {
  await waitFor('all four validators to finalize block 3', async () =>
    (await finalized(VALIDATORS)).every((n) => n >= 3),
  );

  const report = [];
  for (const victim of ['bob', 'charlie', 'dave']) {
    const others = VALIDATORS.filter((name) => name !== victim);
    await network.kill(victim);
    const crashedAt = Date.now();
    const before = Math.max(...(await finalized(others)));

    // The other three (more than two thirds) keep finalizing new blocks.
    await waitFor(`finality to resume without ${victim}`, async () =>
      (await finalized(others)).every((n) => n >= before + 2),
    );
    const resumedAfterMs = Date.now() - crashedAt;

    // The crashed validator restarts on its own database and catches up.
    network.start(victim);
    const restartedAt = Date.now();
    const target = Math.min(...(await finalized(others)));
    await waitFor(`${victim} to catch up to block ${target}`, async () =>
      (await finalizedNumber(network.nodes[victim].rpcPort)) >= target,
    );
    const caughtUpAfterMs = Date.now() - restartedAt;

    // At a block all four have finalized, all four have the same block and state root.
    const common = Math.min(...(await finalized(VALIDATORS)));
    const blocks = await Promise.all(
      VALIDATORS.map((name) => blockAt(network.nodes[name].rpcPort, common)),
    );
    for (const block of blocks) assert.deepEqual(block, blocks[0], `block ${common} differs`);

    report.push({ victim, finalityResumedAfterMs: resumedAfterMs, caughtUpAfterMs, commonBlock: common });
  }
  console.log('resilience:', JSON.stringify(report));
  for (const { finalityResumedAfterMs } of report) assert.ok(finalityResumedAfterMs < 120_000);
});
