// The dev chain's demo coverage and claim, made as `scripts/run-dev.sh` makes them
// (`examples/claims-demo.mjs`, run as a script against a dev node): the member reads its
// explanation of benefit through party-signed RPC, the hospital was paid the insurer's share,
// and the insurer's check of the opened commitment holds for Dave's account and the record key.
// Then the FHIR gateway, as the hospital and as the insurer, serves the demo claim, its answer,
// its explanation of benefit, the coverage and an eligibility answer, each valid R5 by an
// independent model (Python's fhir.resources), and refuses what it must with an OperationOutcome.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { Keyring } from '@polkadot/keyring';

import { rpc as rpcDefinitions, signedRead } from '../carechain-rpc.js';
import { startGateway, validateR5 } from '../lib/gateway.js';
import { startNode } from '../lib/node.js';
import { devAccounts } from '../lib/tx.js';

const script = new URL('../examples/claims-demo.mjs', import.meta.url).pathname;
const CARE = 10n ** 12n;
const DAY = 86_400_000;
const FHIR_JSON = 'application/fhir+json';

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

  test('the FHIR gateway serves the demo claim, its answer, its EOB, the coverage and eligibility as valid R5', async () => {
    const hospital = await startGateway({ nodeUrl: node.rpcUrl, key: '//Bob' });
    const insurer = await startGateway({ nodeUrl: node.rpcUrl, key: '//Meridian' });
    try {
      const get = async (gateway, path) => {
        const response = await fetch(`${gateway.versionedUrl}/${path}`, { headers: { accept: FHIR_JSON } });
        return { status: response.status, body: await response.json() };
      };
      const written = [];
      const read = async (gateway, path) => {
        const { status, body } = await get(gateway, path);
        assert.equal(status, 200, `${path}: ${JSON.stringify(body)}`);
        written.push(body);
        return body;
      };

      const claim = await read(hospital, `Claim/${demo.claimId}`);
      assert.equal(claim.use, 'claim');
      assert.equal(claim.provider.reference, `Organization/${keys.bob.address}`);
      assert.equal(claim.insurer.reference, `Organization/${demo.insurer}`);
      assert.deepEqual(claim.total, { value: 120 });
      assert.equal(claim.insurance[0].coverage.reference, `Coverage/${demo.coverageId}`);
      assert.equal(claim.item, undefined, 'no clinical item on chain');

      const response = await read(hospital, `ClaimResponse/${demo.claimId}`);
      assert.equal(response.outcome, 'complete');
      assert.equal(response.decision.coding[0].code, 'partial');
      assert.deepEqual(response.payment.amount, { value: 80 });
      assert.deepEqual(
        response.adjudication.map((a) => [a.category.coding[0].code, a.reason.coding[0].code]),
        [['CO', '45'], ['PR', '3']],
      );
      const totals = Object.fromEntries(response.total.map((t) => [t.category.coding[0].code, t.amount.value]));
      assert.deepEqual(totals, { submitted: 120, benefit: 80, memberliability: 20 });

      // The insurer's gateway reads the same explanation of benefit, and the coverage.
      const eob = await read(insurer, `ExplanationOfBenefit/${demo.claimId}`);
      assert.deepEqual(eob.total, response.total);
      assert.equal(eob.claimResponse.reference, `ClaimResponse/${demo.claimId}`);
      const coverage = await read(insurer, `Coverage/${demo.coverageId}`);
      assert.equal(coverage.status, 'active');
      assert.equal(coverage.beneficiary.reference, `Patient/${demo.member}`);

      // Eligibility is open: the hospital asks whether the coverage is in force today and in
      // two years.
      const ask = (servicedDate, extra = {}) => fetch(`${hospital.versionedUrl}/CoverageEligibilityRequest/$submit`, {
        method: 'POST',
        headers: { 'content-type': FHIR_JSON, accept: FHIR_JSON },
        body: JSON.stringify({
          resourceType: 'CoverageEligibilityRequest',
          id: 'ask-1',
          status: 'active',
          purpose: ['validation'],
          patient: { reference: `Patient/${demo.member}` },
          servicedDate,
          created: new Date().toISOString(),
          insurer: { reference: `Organization/${demo.insurer}` },
          insurance: [{ focal: true, coverage: { reference: `Coverage/${demo.coverageId}` } }],
          ...extra,
        }),
      });
      const day = (offset) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
      for (const [servicedDate, inforce] of [[day(0), true], [day(730), false]]) {
        const answer = await ask(servicedDate);
        const body = await answer.json();
        assert.equal(answer.status, 200, JSON.stringify(body));
        assert.equal(body.resourceType, 'CoverageEligibilityResponse');
        assert.deepEqual(body.insurance, [{ coverage: { reference: `Coverage/${demo.coverageId}` }, inforce }]);
        written.push(body);
      }

      // Refusals: the hospital is no party of the coverage (403), a claim that is not on chain
      // (404), an eligibility question CareChain cannot answer (422, naming the element).
      const refusals = [
        [await get(hospital, `Coverage/${demo.coverageId}`), 403, 'forbidden'],
        [await get(hospital, 'Claim/999999'), 404, 'not-found'],
        [await get(hospital, 'ClaimResponse/first'), 404, 'not-found'],
      ];
      const benefits = await ask(day(0), { purpose: ['benefits'] });
      refusals.push([{ status: benefits.status, body: await benefits.json() }, 422, 'not-supported']);
      for (const [{ status, body }, expected, code] of refusals) {
        assert.equal(status, expected, JSON.stringify(body));
        assert.equal(body.resourceType, 'OperationOutcome');
        assert.equal(body.issue[0].code, code);
        written.push(body);
      }
      assert.deepEqual(refusals[3][0].body.issue[0].expression, ['CoverageEligibilityRequest.purpose[0]']);

      const verdicts = await validateR5(written);
      verdicts.forEach((verdict, index) => assert.ok(verdict.valid, `${written[index].resourceType}: ${JSON.stringify(verdict.errors)}`));
    } finally {
      await hospital.stop();
      await insurer.stop();
    }
  });
});
