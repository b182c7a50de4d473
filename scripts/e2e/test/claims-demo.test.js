// The dev chain's demo coverage and claim, made as `scripts/run-dev.sh` makes them
// (`examples/claims-demo.mjs`, run as a script against a dev node): the member reads its
// explanation of benefit through party-signed RPC, the hospital was paid the insurer's share,
// and the insurer's check of the opened commitment holds for Dave's account and the record key.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { Keyring } from '@polkadot/keyring';

import { rpc as rpcDefinitions, signedRead } from '../carechain-rpc.js';
import { startNode } from '../lib/node.js';
import { devAccounts } from '../lib/tx.js';

const script = new URL('../examples/claims-demo.mjs', import.meta.url).pathname;
const CARE = 10n ** 12n;

describe("run-dev's demo coverage and claim", () => {
  let node;
  let keys;
  let demo;

  before(async () => {
    node = await startNode({ rpc: rpcDefinitions });
    keys = await devAccounts();
    const { stdout } = await promisify(execFile)(process.execPath, [script, node.rpcUrl], { timeout: 110_000 });
    demo = JSON.parse(stdout);
  });

  after(async () => {
    await node?.stop();
  });

  test('the member reads the explanation of benefit of the demo claim', async () => {
    const api = node.api;
    const member = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Dave//insurer');
    assert.equal(member.address, demo.member);
    const auth = await signedRead(api, member, 'claims_explanationOfBenefit', [demo.claimId]);
    const eob = (await api.rpc.claims.explanationOfBenefit(demo.claimId, auth)).unwrap().toJSON();
    assert.equal(eob.billed, String(120n * CARE));
    assert.equal(eob.paid, String(80n * CARE));
    assert.equal(eob.patientShare, String(20n * CARE));
    assert.equal(eob.outcome, 'partial');
    const coverage = (await api.call.claimsApi.coverage(demo.coverageId)).unwrap();
    assert.equal(coverage.member.toString(), demo.member);
    assert.ok(coverage.billingConsent.isSome, 'accepted');
  });

  test("the insurer's check of the opened commitment holds for Dave's account and the record key", async () => {
    const api = node.api;
    const opened = await api.call.claimsApi.verifyService(demo.claimId, keys.dave.address, [demo.recordKey]);
    assert.ok(opened.isOk, opened.toString());
    const [held] = await api.call.claimsApi.floatOf(demo.insurer);
    assert.equal(held.toBigInt(), 2_000n * CARE - 80n * CARE);
  });
});
