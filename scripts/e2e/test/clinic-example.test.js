// The worked example `examples/clinic.mjs` runs against a fresh dev chain and tells the story it
// promises: permit, the demo consents, a grant from FHIR, permit, revoke, deny.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';

import { startNode } from '../lib/node.js';

const example = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'clinic.mjs');

describe('examples/clinic.mjs', () => {
  let node;

  before(async () => {
    node = await startNode();
  });

  after(async () => {
    await node?.stop();
  });

  test('runs against a dev chain', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [example, node.rpcUrl], { timeout: 120_000 });
    const lines = stdout.split('\n');
    const line = (prefix) => lines.find((l) => l.startsWith(prefix)) ?? assert.fail(`no "${prefix}" in:\n${stdout}`);
    assert.match(line('1.'), /"decision":"permit","consentId":0/);
    assert.match(line('2.'), /Dave has 2 consents/);
    assert.match(line('3.'), /"categories":\["Imaging"\],"actions":\["read"\],"purposes":\["TREAT"\]/);
    assert.match(line('4.'), /"decision":"permit"/);
    assert.match(line('   as FHIR'), /active, Imaging, until/);
    assert.match(line('5.'), /is revoked; .*"decision":"deny".*"reason":"CategoryNotCovered"/);
  });
});
