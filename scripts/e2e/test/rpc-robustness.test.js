// The consent_* and providers_* RPC under hostile input: hundreds of malformed requests (wrong
// types, huge arrays, bad SS58, unknown names, bad block hashes, oversized bodies, deep JSON),
// each answered with an error that names the bad field where there is one; afterwards the node
// still answers correctly.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { encodeAddress } from '@polkadot/util-crypto';

import { postRaw } from '../lib/network.js';
import { startNode } from '../lib/node.js';
import { devAccounts } from '../lib/tx.js';

const ZERO_HASH = `0x${'00'.repeat(32)}`;

describe('RPC robustness', () => {
  let node;
  let httpUrl;
  let keys;
  let dave;
  let bob;
  let baseline;
  let answered = 0;

  before(async () => {
    node = await startNode();
    httpUrl = node.rpcUrl.replace('ws://', 'http://');
    keys = await devAccounts();
    dave = keys.dave.address;
    bob = keys.bob.address;
    baseline = await honestAnswers();
  });

  after(async () => {
    await node?.stop();
  });

  /** Posts `body` (a string, sent as is) and returns `{ status, json }`. */
  function post(body) {
    return postRaw(httpUrl, body);
  }

  function postExpectingContinue(body) {
    return new Promise((resolve, reject) => {
      const request = http.request(httpUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Expect: '100-continue' },
      });
      request.on('continue', () => request.end(body));
      request.on('response', (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode, json: JSON.parse(text) }));
      });
      request.on('error', reject);
    });
  }

  async function call(method, params) {
    const { json } = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }));
    return json;
  }

  /** Asserts `method(params)` is refused with an error; and naming `field` when given. */
  async function refused(method, params, field) {
    const body = await call(method, params);
    const shown = JSON.stringify(params)?.slice(0, 120);
    assert.equal(body.result, undefined, `${method}(${shown}) answered ${JSON.stringify(body.result)}`);
    assert.ok(body.error, `${method}(${shown}) gave no error`);
    if (field) {
      assert.equal(body.error.code, -32602, `${method}(${shown}): ${JSON.stringify(body.error)}`);
      assert.equal(body.error.data?.field, field, `${method}(${shown}): ${JSON.stringify(body.error)}`);
      assert.ok(body.error.message.includes(field), body.error.message);
    }
    answered += 1;
  }

  /** Answers that do not change between blocks on an idle dev chain, for a before/after match. */
  async function honestAnswers() {
    const consents = (await call('consent_listByPatient', [dave])).result;
    assert.ok(consents.length > 0, 'the dev chain has demo consents of Dave');
    const [first] = consents;
    const decision = (
      await call('consent_checkAccess', [dave, first.grantee, first.categories[0], first.actions[0], first.purposes[0]])
    ).result;
    assert.equal(decision.decision, 'permit');
    return {
      consents,
      decision,
      deny: (await call('consent_checkAccess', [dave, keys.ferdie.address, 'Hiv', 'write', 'TREAT'])).result,
      provider: (await call('providers_get', [bob])).result,
      fhir: (await call('consent_toFhir', [first.id])).result,
    };
  }

  const CHECK = ['patient', 'accessor', 'category', 'action', 'purpose'];
  const good = () => [dave, bob, 'LabResults', 'read', 'TREAT'];
  const wrongTypes = [42, -1, 1.5, true, [], ['a'], {}, { patient: dave }];

  test('wrong types for every parameter are refused naming the parameter', async () => {
    for (let i = 0; i < CHECK.length; i += 1) {
      for (const value of [...wrongTypes, null]) {
        const params = good();
        params[i] = value;
        await refused('consent_checkAccess', params, CHECK[i]);
      }
    }
    const single = [
      ['consent_get', 'id'],
      ['consent_toFhir', 'id'],
      ['consent_listByPatient', 'patient'],
      ['consent_listByGrantee', 'grantee'],
      ['consent_accessLog', 'patient'],
      ['providers_get', 'account'],
      ['consent_fromFhir', 'resource'],
    ];
    for (const [method, field] of single) {
      for (const value of [true, [], ['x'], null, method.endsWith('Fhir') ? 'Consent' : { x: 1 }]) {
        await refused(method, [value], field);
      }
    }
    for (const bad of [5, 'not a hash', '0x12', `0x${'zz'.repeat(32)}`, null]) {
      await refused('consent_verifyRecord', [dave, bad], 'recordHash');
    }
    for (const bad of [-1, 1.5, '1e3', 'seven', '-3', '18446744073709551616']) {
      await refused('consent_get', [bad], 'id');
    }
  });

  test('bad SS58 addresses are refused naming the parameter', async () => {
    const alice = keys.alice.address;
    const addresses = [
      '',
      ' ',
      'alice',
      '//Alice',
      `${alice.slice(0, -1)}${alice.endsWith('Y') ? 'Z' : 'Y'}`, // checksum broken
      alice.slice(0, 20),
      `${alice}x`,
      `0x${'d4'.repeat(32)}`,
      '5'.repeat(48),
      '0'.repeat(48),
      'ÄÖÜ🙂'.repeat(12),
      '\u0000'.repeat(48),
      'x'.repeat(1_000_000),
      encodeAddress(new Uint8Array(33).fill(2)), // valid SS58 of a 33-byte (ECDSA) key
    ];
    for (const address of addresses) {
      for (const [method, field] of [
        ['consent_listByPatient', 'patient'],
        ['consent_listByGrantee', 'grantee'],
        ['consent_accessLog', 'patient'],
        ['providers_get', 'account'],
      ]) {
        await refused(method, [address], field);
      }
      await refused('consent_checkAccess', [dave, address, 'LabResults', 'read', 'TREAT'], 'accessor');
    }
  });

  test('unknown category, action and purpose names are refused naming the parameter', async () => {
    const cases = [
      [2, ['labresults', 'LABRESULTS', 'Lab Results', 'Astrology', 'Hiv ', 'STANDARD', '0', '5']],
      [3, ['Read', 'READ', 'delete', 'readwrite', 'access', '1']],
      [4, ['treat', 'Treatment', 'ETREATMENT', 'MARKETING', 'HRESCH,TREAT', '0']],
    ];
    for (const [index, names] of cases) {
      for (const name of names) {
        const params = good();
        params[index] = name;
        await refused('consent_checkAccess', params, CHECK[index]);
      }
    }
  });

  test('bad block hashes in `at` are refused naming `at`', async () => {
    const unknown = [ZERO_HASH, `0x${'ab'.repeat(32)}`, `0x${'ff'.repeat(32)}`];
    const malformed = ['0x', '0x1234', 'latest', `${'ab'.repeat(32)}`, `0x${'ab'.repeat(33)}`, 7, [], {}];
    for (const at of [...unknown, ...malformed]) {
      await refused('consent_checkAccess', [...good(), at], 'at');
      await refused('consent_get', [0, at], 'at');
      await refused('providers_get', [bob, at], 'at');
    }
  });

  test('huge arrays, extra and unknown parameters are refused', async () => {
    await refused('consent_checkAccess', new Array(100_000).fill(dave), 'params');
    await refused('consent_checkAccess', [...good(), null, 'extra'], 'params');
    await refused('consent_checkAccess', [dave, bob, new Array(50_000).fill('LabResults'), 'read', 'TREAT'], 'category');
    await refused('consent_listByPatient', [new Array(50_000).fill(dave)], 'patient');
    await refused('consent_checkAccess', { patient: dave, accessor: bob, cat: 'LabResults' }, 'cat');
    await refused('consent_get', 'not a list', null);
    await refused('consent_get', 42, null);
    // A FHIR Consent with 20 000 provisions, and one nested far deeper than any real one.
    const provision = { code: [{ coding: [{ system: 'x', code: 'LabResults' }] }] };
    const wide = { resourceType: 'Consent', status: 'active', provision: new Array(20_000).fill(provision) };
    await refused('consent_fromFhir', [wide], null);
    let deep = {};
    for (let i = 0; i < 200; i += 1) deep = { provision: [deep] };
    // Deeper than serde_json's recursion limit: the request itself cannot be read.
    await refused('consent_fromFhir', [{ resourceType: 'Consent', status: 'active', ...deep }], 'params');
    await refused('consent_fromFhir', [{ resourceType: 'Patient', status: 'active' }], 'resource.resourceType');
  });

  test('malformed bodies, unknown methods, hostile batches and oversized bodies are refused', async () => {
    for (const body of ['{', '', 'null', '[]', '{"jsonrpc":"2.0"}', '{"jsonrpc":"1.0","id":1,"method":"consent_get"}', '\u0000']) {
      const { status, json } = await post(body);
      assert.ok(status >= 400 || json?.error || json?.[0]?.error || json === null, `${body}: ${status} ${JSON.stringify(json)}`);
      assert.equal(json?.result, undefined);
      answered += 1;
    }
    for (const method of ['consent_delete', 'consent_checkaccess', 'providers_list', 'consent_']) {
      const body = await call(method, []);
      assert.equal(body.error?.code, -32601, `${method}: ${JSON.stringify(body)}`);
      answered += 1;
    }
    // A batch of 500 hostile calls: each answered with its own error.
    const batch = Array.from({ length: 500 }, (_, id) => ({
      jsonrpc: '2.0',
      id,
      method: 'consent_checkAccess',
      params: [dave, `bad-${id}`, 'LabResults', 'read', 'TREAT'],
    }));
    const { json } = await post(JSON.stringify(batch));
    assert.ok(Array.isArray(json), 'the batch is answered');
    assert.equal(json.length, 500);
    for (const answer of json) assert.equal(answer.error?.data?.field, 'accessor');
    answered += 1;
    // A 20 MiB body is refused (HTTP 413, JSON-RPC -32007) on its Content-Length, unread.
    const huge = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'consent_get', params: ['1'.repeat(20 * 1024 * 1024)] });
    const { status, json: tooBig } = await postExpectingContinue(huge);
    assert.equal(status, 413);
    assert.equal(tooBig.error.code, -32007);
    answered += 1;
  });

  test('after all that, at least 200 refusals, and the node still answers correctly', async (t) => {
    assert.ok(answered >= 200, `${answered} hostile requests`);
    t.diagnostic(`${answered} hostile requests refused (one of them a batch of 500 calls)`);
    assert.deepEqual(await honestAnswers(), baseline);
    const health = (await call('system_health', [])).result;
    assert.equal(health.isSyncing, false);
  });
});
