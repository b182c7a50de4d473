// The `carechain` command line refuses bad input with a message that says what was wrong.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { runNodeCommand } from '../lib/node.js';

let dir;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'carechain-cli-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('an unknown --chain value exits non-zero and names it', async () => {
  const { code, stderr } = await runNodeCommand(['--chain', 'no-such-chain', '--tmp']);
  assert.notEqual(code, 0);
  assert.match(stderr, /no-such-chain/);
  assert.match(stderr, /expected `dev`, `local` or the path of a chain-spec JSON file/);
});

test('a corrupt chain-spec file exits non-zero and says it is invalid', async () => {
  const file = path.join(dir, 'corrupt.json');
  await writeFile(file, '{ "name": "CareChain", "id": ');
  const { code, stderr } = await runNodeCommand(['--chain', file, '--tmp']);
  assert.notEqual(code, 0);
  assert.match(stderr, /invalid chain spec/);
  assert.ok(stderr.includes(file), stderr);
});

test('the dev chain spec can be exported and read back', async () => {
  const exported = await runNodeCommand(['build-spec', '--chain', 'dev']);
  assert.equal(exported.code, 0, exported.stderr);
  const spec = JSON.parse(exported.stdout);
  assert.equal(spec.id, 'carechain_dev');
  assert.deepEqual(spec.properties, { ss58Format: 42, tokenDecimals: 12, tokenSymbol: 'CARE' });

  const file = path.join(dir, 'dev.json');
  await writeFile(file, exported.stdout);
  const reread = await runNodeCommand(['build-spec', '--chain', file, '--raw']);
  assert.equal(reread.code, 0, reread.stderr);
  assert.ok(JSON.parse(reread.stdout).genesis.raw, 'a raw genesis');
});

test('--dev-block-time writes the slot duration into the built-in chains\' genesis', async () => {
  // Without it the genesis says nothing, and the runtime keeps its 6 s.
  const plain = JSON.parse((await runNodeCommand(['build-spec', '--chain', 'dev'])).stdout);
  assert.equal(plain.genesis.runtimeGenesis.patch.blockTime, undefined);

  for (const chain of ['dev', 'local']) {
    const fast = await runNodeCommand(['build-spec', '--chain', chain, '--dev-block-time', '1500']);
    assert.equal(fast.code, 0, fast.stderr);
    const patch = JSON.parse(fast.stdout).genesis.runtimeGenesis.patch;
    assert.deepEqual(patch.blockTime, { slotDurationMs: 1500 });
    // The rest of the preset is kept: validators, demo data.
    assert.ok(patch.aura.authorities.length >= 1);
  }
});

test('--dev-block-time refuses a slot the runtime does not allow, and chain-spec files', async () => {
  for (const bad of ['999', '60001', '2s', 'fast']) {
    const { code, stderr } = await runNodeCommand(['--dev', '--dev-block-time', bad, '--tmp']);
    assert.notEqual(code, 0, bad);
    assert.match(stderr, /--dev-block-time/, stderr);
    assert.ok(
      /outside the runtime's 1000..=60000 ms/.test(stderr) || /not a whole number/.test(stderr),
      stderr,
    );
  }
  const exported = await runNodeCommand(['build-spec', '--chain', 'dev']);
  const file = path.join(dir, 'dev-for-block-time.json');
  await writeFile(file, exported.stdout);
  const { code, stderr } = await runNodeCommand(['--chain', file, '--dev-block-time', '2000', '--tmp']);
  assert.notEqual(code, 0);
  assert.match(stderr, /applies to the built-in `dev` and `local` chains/);
});

/** The `local` chain spec (JSON genesis patch) with `edit` applied to the patch, saved to a file. */
async function localSpecWith(name, edit) {
  const exported = await runNodeCommand(['build-spec', '--chain', 'local']);
  assert.equal(exported.code, 0, exported.stderr);
  const spec = JSON.parse(exported.stdout);
  edit(spec.genesis.runtimeGenesis.patch);
  const file = path.join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(spec));
  return file;
}

test('a chain spec with a malformed or missing validator key is refused, naming the key', async () => {
  const cases = [
    [
      'malformed-aura',
      (patch) => (patch.aura.authorities[1] = '5NotAKey'),
      /`aura.authorities\[1\]` = "5NotAKey" is not an SS58 sr25519 public key/,
    ],
    [
      'malformed-grandpa',
      (patch) => (patch.grandpa.authorities[2][0] = '0x1234'),
      /`grandpa.authorities\[2\]\[0\]` = "0x1234" is not an SS58 ed25519 public key/,
    ],
    [
      'missing-grandpa',
      (patch) => patch.grandpa.authorities.pop(),
      /`aura.authorities` has 4 and `grandpa.authorities` has 3/,
    ],
    [
      'no-aura',
      (patch) => delete patch.aura,
      /no Aura authorities/,
    ],
  ];
  for (const [name, edit, expected] of cases) {
    const file = await localSpecWith(name, edit);
    for (const args of [['build-spec', '--chain', file, '--raw'], ['--chain', file, '--tmp']]) {
      const { code, stderr } = await runNodeCommand(args);
      assert.notEqual(code, 0, `${name}: ${args[0]} accepted it`);
      assert.match(stderr, /invalid chain spec/, name);
      assert.match(stderr, expected, `${name}: ${stderr}`);
    }
  }
});
