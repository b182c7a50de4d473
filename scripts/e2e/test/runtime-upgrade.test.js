// Runtime upgrade by the consortium on a real dev chain (council: Alice, Bob, Charlie). The new
// runtime is built here from the same sources with the test-only `upgrade-test` feature
// (`spec_version` one higher); no binary is committed. A motion with fewer than two thirds of the
// Council cannot authorize it; one with two thirds does, anyone applies the code, and blocks keep
// being produced and finalized under the new runtime.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { blake2AsHex } from '@polkadot/util-crypto';

import { executionResult, runMotion } from '../lib/council.js';
import { waitFor } from '../lib/network.js';
import { DEV_ARGS, startNode } from '../lib/node.js';
import { devAccounts, eventsOf, submit } from '../lib/tx.js';
import { rpc as rpcDefinitions } from '../carechain-rpc.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const targetDir = process.env.CARGO_TARGET_DIR || path.join(homedir(), '.cache', 'carechain', 'target');
/** The well-known storage key of the runtime code, `:code`. */
const CODE_KEY = '0x3a636f6465';
const upgradedWasm = path.join(
  targetDir,
  'release',
  'wbuild',
  'carechain-runtime',
  'wasm_binary_upgrade_test.rs.compact.compressed.wasm',
);

/**
 * The runtime one `spec_version` higher, compressed: the blob the runtime's build script made
 * beside the node's when `CARECHAIN_UPGRADE_TEST_WASM` was set (as `scripts/test.sh` does), or
 * else built now with the `upgrade-test` feature.
 */
async function buildUpgradedRuntime() {
  if (process.env.CARECHAIN_UPGRADE_TEST_WASM) {
    try {
      const wasm = await readFile(upgradedWasm);
      console.log('# the upgrade-test runtime was built with the node');
      return wasm;
    } catch {
      // Not built yet (the variable was set after the build): build it below.
    }
  }
  const started = Date.now();
  await promisify(execFile)(
    'cargo',
    ['build', '--locked', '--release', '-p', 'carechain-runtime', '--features', 'upgrade-test'],
    { cwd: repoRoot, env: { ...process.env, CARGO_TARGET_DIR: targetDir }, maxBuffer: 256 * 1024 * 1024 },
  );
  console.log(`# built the upgrade-test runtime in ${Math.round((Date.now() - started) / 1000)} s`);
  return readFile(upgradedWasm);
}

describe('runtime upgrade by Council motion', () => {
  let node;
  let api;
  let keys;
  let code;
  let codeHash;
  /** The dev chain's `spec_version` at start; the upgrade-test runtime is this plus one. */
  let startingVersion;

  before(async () => {
    code = await buildUpgradedRuntime();
    codeHash = blake2AsHex(code, 256);
    node = await startNode({ args: [...DEV_ARGS, '-l', 'carechain::native=debug'], rpc: rpcDefinitions });
    api = node.api;
    keys = await devAccounts();
    startingVersion = await specVersion();
  });

  after(async () => {
    await node?.stop();
  });

  async function specVersion(at) {
    const version = at ? await api.rpc.state.getRuntimeVersion(at) : await api.rpc.state.getRuntimeVersion();
    return version.specVersion.toNumber();
  }

  test('fewer than two thirds of the Council cannot authorize the new runtime', async () => {
    assert.ok(startingVersion > 0);
    // Threshold 1: the motion executes at once with one vote of three.
    const events = await runMotion(api, api.tx.upgrades.authorizeUpgrade(codeHash), {
      proposer: keys.alice,
      threshold: 1,
    });
    const result = executionResult(events);
    assert.ok(result?.isErr, 'the motion executed and its call failed');
    assert.equal(eventsOf(events, 'system', 'UpgradeAuthorized').length, 0);

    const apply = await submit(api, api.tx.system.applyAuthorizedUpgrade(`0x${code.toString('hex')}`), keys.bob);
    assert.equal(apply.error, 'system.NothingAuthorized');
    assert.equal(await specVersion(), startingVersion);
  });

  test('two thirds authorize it, anyone applies it, and the chain goes on under it', async () => {
    const events = await runMotion(api, api.tx.upgrades.authorizeUpgrade(codeHash), {
      proposer: keys.alice,
      threshold: 2,
      ayes: [keys.alice, keys.bob],
    });
    assert.ok(executionResult(events)?.isOk, 'the motion executed its call');
    const [authorized] = eventsOf(events, 'system', 'UpgradeAuthorized');
    assert.equal(authorized.data.codeHash.toHex(), codeHash);

    // Charlie, who did not vote, submits the code; a valid upgrade pays no fee.
    const applied = await submit(api, api.tx.system.applyAuthorizedUpgrade(`0x${code.toString('hex')}`), keys.charlie);
    assert.equal(applied.error, null);
    const upgradeBlock = (await api.rpc.chain.getHeader(applied.blockHash)).number.toNumber();

    const upgradedVersion = startingVersion + 1;
    await waitFor(`spec_version ${upgradedVersion}`, async () => (await specVersion()) === upgradedVersion, {
      timeoutMs: 60_000,
    });
    // Blocks keep being produced and finalized after the upgrade, under the new runtime.
    await waitFor(
      'finality two blocks past the upgrade',
      async () => (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber() >= upgradeBlock + 2,
      { timeoutMs: 90_000 },
    );
    const finalized = await api.rpc.chain.getFinalizedHead();
    assert.equal(await specVersion(finalized), upgradedVersion);

    // The runtime code in the finalized state is exactly the code the Council approved. (Read
    // raw: decoding the upgrade block's events with @polkadot/api while it switches metadata
    // is unreliable.)
    const stored = await api.rpc.state.getStorage(CODE_KEY, finalized);
    assert.equal(blake2AsHex(stored.unwrap(), 256), codeHash);

    // Before the upgrade the node answered checkAccess with its own build, run natively; after
    // it the chain runs other code, so the node asks the chain's runtime, and answers the same.
    const ask = (at) => api.rpc.consent.checkAccess(keys.dave.address, keys.bob.address, 'LabResults', 'read', 'TREAT', at);
    // (The block that applied the upgrade already holds the new code: ask at its parent.)
    const beforeUpgrade = (await api.rpc.chain.getHeader(applied.blockHash)).parentHash;
    const before = (await ask(beforeUpgrade)).toJSON();
    const afterUpgrade = (await ask(finalized)).toJSON();
    assert.deepEqual(afterUpgrade, before);
    const native = () => node.logs().split('\n').filter((line) => line.includes('checkAccess at'));
    for (let tries = 0; tries < 20 && native().length < 2; tries++) await new Promise((r) => setTimeout(r, 100));
    const lines = native();
    assert.ok(lines.some((line) => line.includes(`at ${beforeUpgrade.toHex()}: answered natively`)), lines.join('\n'));
    assert.ok(lines.some((line) => line.includes(`at ${finalized.toHex()}: the chain runs other code`)), lines.join('\n'));
  });
});
