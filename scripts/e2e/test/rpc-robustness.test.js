// The consent_* and providers_* RPC under hostile input: hundreds of malformed requests (wrong
// types, huge arrays, bad SS58, unknown names, bad block hashes, oversized bodies, deep JSON),
// each answered with an error that names the bad field where there is one; party-signed reads with
// every kind of bad authorisation (other parameters, stale or future timestamps, a non-party, a
// replay, a malformed signature, a nonce of no node); afterwards the node still answers correctly.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { encodeAddress } from '@polkadot/util-crypto';

import { signedParams } from '../carechain-rpc.js';
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

  /** The genesis hash the node's reads are signed for. */
  async function genesis() {
    return (await call('chain_getBlockHash', [0])).result;
  }

  /** The params of `method(args, at?)` signed by `pair` with a fresh nonce; `change` edits the auth. */
  async function signedBy(pair, method, args, { at = null, timestamp, nonce } = {}) {
    const fresh = nonce ?? (await call('consent_readNonce', [])).result.nonce;
    return signedParams({ pair, genesisHash: await genesis(), nonce: fresh, method, args, at, timestamp });
  }

  /** A party-signed read by `pair`: its result, failing on an error. */
  async function signedRead(pair, method, args) {
    const body = await call(method, await signedBy(pair, method, args));
    assert.equal(body.error, undefined, `${method}: ${JSON.stringify(body.error)}`);
    return body.result;
  }

  /** Asserts `method(params)` is refused as an authorisation of `field` with `reason`. */
  async function authRefused(method, params, field, reason) {
    const body = await call(method, params);
    assert.equal(body.result, undefined, `${method} answered ${JSON.stringify(body.result)}`);
    assert.equal(body.error?.code, -32010, `${method}: ${JSON.stringify(body.error)}`);
    assert.deepEqual([body.error.data?.field, body.error.data?.reason], [field, reason], JSON.stringify(body.error));
    assert.ok(body.error.message.includes(field), body.error.message);
    answered += 1;
  }

  /** Answers that do not change between blocks on an idle dev chain, for a before/after match. */
  async function honestAnswers() {
    const consents = await signedRead(keys.dave, 'consent_listByPatient', [dave]);
    assert.ok(consents.length > 0, 'the dev chain has demo consents of Dave');
    const [first] = consents;
    const decision = (
      await call('consent_checkAccess', [dave, first.grantee, first.categories[0], first.actions[0], first.purposes[0]])
    ).result;
    assert.equal(decision.decision, 'permit');
    return {
      consents,
      decision,
      deny: (await call('consent_checkAccess', [dave, keys.ferdie.address, 'Imaging', 'write', 'TREAT'])).result,
      provider: (await call('providers_get', [bob])).result,
      fhir: await signedRead(keys.dave, 'consent_toFhir', [first.id]),
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
      ['consent_pendingRequests', 'patient'],
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
        ['consent_pendingRequests', 'patient'],
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
      // A signed read: the block is looked up once the reader is known to be a party.
      await refused('consent_get', await signedBy(keys.dave, 'consent_get', [0], { at }), 'at');
      await refused('providers_get', [bob, at], 'at');
    }
  });

  test('huge arrays and unknown parameters are refused; extra positions are ignored', async () => {
    // jsonrpsee reads the positions a method declares: the third of 100 000 addresses is the
    // category, refused by name; positions beyond the last are not read (as for every
    // Substrate method).
    await refused('consent_checkAccess', new Array(100_000).fill(dave), 'category');
    const extra = await call('consent_checkAccess', [...good(), null, 'extra']);
    assert.equal(extra.result?.decision, 'permit', JSON.stringify(extra));
    await refused('consent_checkAccess', [dave, bob, new Array(50_000).fill('LabResults'), 'read', 'TREAT'], 'category');
    await refused('consent_listByPatient', [new Array(50_000).fill(dave)], 'patient');
    // By name, an unknown name is not read and the missing one is named in the error's data.
    const misnamed = await call('consent_checkAccess', { patient: dave, accessor: bob, cat: 'LabResults' });
    assert.equal(misnamed.error?.code, -32602);
    assert.match(JSON.stringify(misnamed.error), /category/);
    answered += 1;
    await refused('consent_get', 'not a list', null);
    await refused('consent_get', 42, null);
    // A FHIR Consent with 20 000 provisions, and one nested far deeper than any real one.
    const provision = { code: [{ coding: [{ system: 'x', code: 'LabResults' }] }] };
    const wide = { resourceType: 'Consent', status: 'active', provision: new Array(20_000).fill(provision) };
    await refused('consent_fromFhir', [wide], null);
    let deep = {};
    for (let i = 0; i < 200; i += 1) deep = { provision: [deep] };
    // Deeper than serde_json's recursion limit: the request itself cannot be read.
    await refused('consent_fromFhir', [{ resourceType: 'Consent', status: 'active', ...deep }], null);
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

  test('party-signed reads: every bad authorisation is refused naming its part', async () => {
    const method = 'consent_listByPatient';
    // No auth, and auth that is no object: invalid params naming `auth`.
    await refused(method, [dave], 'auth');
    await refused(method, [dave, null], 'auth');
    await refused(method, [dave, 'signature'], 'auth');
    // Malformed parts, each named.
    const good = (await signedBy(keys.dave, method, [dave]))[1];
    await refused(method, [dave, { ...good, signer: 'dave' }], 'auth.signer');
    await refused(method, [dave, { ...good, nonce: '0x12' }], 'auth.nonce');
    for (const signature of ['0x', '0x1234', 'zz', `0x${'ab'.repeat(5000)}`]) {
      await refused(method, [dave, { ...good, signature }], 'auth.signature');
    }
    // A signature over other parameters (Dave signs a read of Ferdie's list).
    const [, overOther] = await signedBy(keys.dave, method, [keys.ferdie.address]);
    await authRefused(method, [dave, overOther], 'auth.signature', 'badSignature');
    // Signed for another method, or with a tampered signature.
    const [, otherMethod] = await signedBy(keys.dave, 'consent_accessLog', [dave]);
    await authRefused(method, [dave, otherMethod], 'auth.signature', 'badSignature');
    const flipped = `${good.signature.slice(0, -2)}${good.signature.endsWith('00') ? '01' : '00'}`;
    await authRefused(method, [dave, { ...good, signature: flipped }], 'auth.signature', 'badSignature');
    // Stale and future timestamps.
    const stale = await signedBy(keys.dave, method, [dave], { timestamp: Date.now() - 301_000 });
    await authRefused(method, stale, 'auth.timestamp', 'stale');
    const future = await signedBy(keys.dave, method, [dave], { timestamp: Date.now() + 301_000 });
    await authRefused(method, future, 'auth.timestamp', 'future');
    // A nonce no node issued.
    const invented = await signedBy(keys.dave, method, [dave], { nonce: `0x${'42'.repeat(32)}` });
    await authRefused(method, invented, 'auth.nonce', 'unknownNonce');
    // A well-signed read by someone who is not a party: Ferdie asks for Dave's consents.
    await authRefused(method, await signedBy(keys.ferdie, method, [dave]), 'auth.signer', 'notAParty');
    await authRefused('consent_accessLog', await signedBy(keys.ferdie, 'consent_accessLog', [dave]), 'auth.signer', 'notAParty');
    await authRefused('consent_pendingRequests', await signedBy(keys.ferdie, 'consent_pendingRequests', [dave]), 'auth.signer', 'notAParty');
    const [first] = baseline.consents;
    await authRefused('consent_get', await signedBy(keys.ferdie, 'consent_get', [first.id]), 'auth.signer', 'notAParty');
    await authRefused('consent_listByGrantee', await signedBy(keys.ferdie, 'consent_listByGrantee', [bob]), 'auth.signer', 'notAParty');
    // The good request is answered once; its replay is refused.
    const once = await signedBy(keys.dave, method, [dave]);
    assert.deepEqual((await call(method, once)).result, baseline.consents);
    await authRefused(method, once, 'auth.nonce', 'replayed');
    // The grantee of a consent reads it, and the consents naming it.
    assert.equal((await signedRead(keys.bob, 'consent_listByGrantee', [bob])).some((c) => c.patient === dave), true);
  });

  test('after all that, at least 200 refusals, and the node still answers correctly', async (t) => {
    assert.ok(answered >= 200, `${answered} hostile requests`);
    t.diagnostic(`${answered} hostile requests refused (one of them a batch of 500 calls)`);
    assert.deepEqual(await honestAnswers(), baseline);
    const health = (await call('system_health', [])).result;
    assert.equal(health.isSyncing, false);
  });
});
