// The node's public JSON-RPC face (`--public-rpc-addr`) on a real node: @polkadot/api connects
// to it, signs and submits an extrinsic and reads its events, and a patient reads their consents
// with a signed request; raw state reads, read proofs, the new-spec chainHead/archive methods and
// runtime calls that list consents are refused there, while the full RPC on loopback still
// serves them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { xxhashAsHex } from '@polkadot/util-crypto';

import { rpc as rpcDefinitions, signedParams, signedRead } from '../carechain-rpc.js';
import { DEV_ARGS, freePort, startNode } from '../lib/node.js';
import { devAccounts } from '../lib/tx.js';

/** The storage prefix of `pallet.item`. */
const prefix = (pallet, item) => `${xxhashAsHex(pallet, 128)}${xxhashAsHex(item, 128).slice(2)}`;

describe('the public RPC face', () => {
  let node;
  let publicPort;
  let publicApi;
  let keys;

  before(async () => {
    publicPort = await freePort();
    node = await startNode({ args: [...DEV_ARGS, '--public-rpc-addr', `127.0.0.1:${publicPort}`], rpc: rpcDefinitions });
    keys = await devAccounts();
    publicApi = await ApiPromise.create({
      provider: new WsProvider(`ws://127.0.0.1:${publicPort}`, 1_000),
      rpc: rpcDefinitions,
      noInitWarn: true,
      throwOnConnect: true,
    });
  });

  after(async () => {
    await publicApi?.disconnect();
    await node?.stop();
  });

  /** A raw JSON-RPC call over HTTP to port `port`: the whole response body. */
  async function call(port, method, params = []) {
    const response = await fetch(`http://127.0.0.1:${port}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    return response.json();
  }

  test('it lists only what wallets and clinics need', async () => {
    const { methods } = (await call(publicPort, 'rpc_methods')).result;
    for (const needed of [
      'author_submitAndWatchExtrinsic', 'chain_getHeader', 'chain_getFinalizedHead', 'state_getMetadata',
      'state_getRuntimeVersion', 'system_accountNextIndex', 'consent_readNonce', 'consent_listByPatient',
    ]) {
      assert.ok(methods.includes(needed), `${needed} is served`);
    }
    for (const raw of methods.filter((m) => /^(chainHead|archive|childstate|offchain|dev)_|state_(getKeys|getPairs|getReadProof|queryStorage|traceBlock)|author_(insertKey|rotateKeys|pendingExtrinsics)/.test(m))) {
      assert.fail(`${raw} must not be public`);
    }
    // A claim's opening names the hospital pseudonym: only the insurer's own node may hear it.
    assert.ok(!methods.includes('claims_verifyService'), 'claims_verifyService is not public');
    assert.ok(methods.includes('claims_explanationOfBenefit'), 'party-signed claim reads are public');
    const full = (await call(node.rpcPort, 'rpc_methods')).result.methods;
    assert.ok(full.includes('claims_verifyService'), 'the node\'s own RPC serves it');
    assert.ok(full.length > methods.length + 20, `${full.length} methods on loopback, ${methods.length} public`);
  });

  test('raw state, read proofs and consent-listing runtime calls are refused publicly but not on loopback', async () => {
    const pairs = prefix('Consent', 'ConsentsByPair');
    for (const [method, params] of [
      ['state_getKeysPaged', [pairs, 10]],
      ['state_getReadProof', [[pairs]]],
      ['state_queryStorageAt', [[pairs]]],
      ['chainHead_v1_follow', [false]],
      ['archive_v1_body', ['0x00']],
    ]) {
      const body = await call(publicPort, method, params);
      assert.equal(body.error?.code, -32601, `${method}: ${JSON.stringify(body)}`);
    }
    const storage = await call(publicPort, 'state_getStorage', [pairs]);
    assert.equal(storage.error?.code, -32601, JSON.stringify(storage));
    assert.match(storage.error.message, /no raw state/);
    // A runtime call that would list Dave's consents (ConsentApi_consents_by_patient).
    const listing = await call(publicPort, 'state_call', ['ConsentApi_consents_by_patient', u8aToHex(keys.dave.publicKey)]);
    assert.equal(listing.error?.code, -32601, JSON.stringify(listing));
    // The same reads on loopback (the node's own organisation) are answered.
    const keysOnLoopback = await call(node.rpcPort, 'state_getKeysPaged', [pairs, 10]);
    assert.ok(keysOnLoopback.result.length > 0, 'the dev chain has consents');
  });

  test('@polkadot/api on the public face signs, submits and reads its own events', async () => {
    assert.equal(publicApi.genesisHash.toHex(), node.api.genesisHash.toHex());
    const remark = publicApi.tx.system.remarkWithEvent('0x0102');
    const inBlock = await new Promise((resolve, reject) => {
      remark
        .signAndSend(keys.alice, { nonce: -1 }, ({ status, events, dispatchError }) => {
          if (dispatchError) reject(new Error(dispatchError.toString()));
          else if (status.isInBlock) resolve({ hash: status.asInBlock, events });
        })
        .catch(reject);
    });
    assert.ok(inBlock.events.some(({ event }) => event.section === 'system' && event.method === 'Remarked'));
    // Other storage cannot be read publicly, even through @polkadot/api's typed queries.
    await assert.rejects(publicApi.query.consent.consentsByPair.entries());
    // New heads come by subscription, under the name @polkadot/api uses (chain_subscribeNewHead).
    const header = await new Promise((resolve, reject) => {
      publicApi.rpc.chain
        .subscribeNewHeads((head) => resolve(head))
        .then((stop) => setTimeout(stop, 0))
        .catch(reject);
    });
    const included = await publicApi.rpc.chain.getHeader(inBlock.hash);
    assert.ok(header.number.toNumber() >= included.number.toNumber());
  });

  test('party-signed reads and the open consent check work on the public face', async () => {
    const dave = keys.dave;
    const auth = await signedRead(publicApi, dave, 'consent_listByPatient', [dave.address]);
    const consents = (await publicApi.rpc.consent.listByPatient(dave.address, auth)).toJSON();
    assert.ok(consents.length > 0);
    const [first] = consents;
    const decision = (await publicApi.rpc.consent.checkAccess(dave.address, first.grantee, first.categories[0], 'read', first.purposes[0])).toJSON();
    assert.equal(decision.decision, 'permit');
    // One node, one nonce book: a nonce asked of the loopback RPC signs a read sent publicly.
    const { nonce } = (await call(node.rpcPort, 'consent_readNonce')).result;
    const method = 'consent_accessLog';
    const params = signedParams({ pair: dave, genesisHash: publicApi.genesisHash.toHex(), nonce, method, args: [dave.address] });
    const log = await call(publicPort, method, params);
    assert.equal(log.result?.scope, 'patient', JSON.stringify(log));
    // Reads signed at once each get their own nonce (@polkadot/api would answer identical
    // nonce calls in flight with one nonce, which the node then refuses as replayed).
    const reads = ['consent_listByPatient', 'consent_pendingRequests', 'consent_accessLog'];
    const answers = await Promise.all(reads.map(async (read) => {
      const signed = await signedRead(publicApi, dave, read, [dave.address]);
      const [section, name] = read.split('_');
      return publicApi.rpc[section][name](dave.address, signed);
    }));
    assert.equal(answers.length, 3, 'none was refused as a replay');
    // Unsigned, it is refused naming `auth`.
    const unsigned = await call(publicPort, 'consent_listByPatient', [dave.address]);
    assert.equal(unsigned.error?.data?.field, 'auth');
  });

  test("a patient's app reads its own registration and a study's terms on the public face", async () => {
    const { dave, eve, alice } = keys;
    // Eve's guardian (Dave) reads her registration; the answer names no depositor or commitment.
    const auth = await signedRead(publicApi, dave, 'patient_get', [eve.address]);
    const record = (await publicApi.rpc.patient.get(eve.address, auth)).unwrap().toJSON();
    assert.equal(record.account, eve.address);
    assert.deepEqual(record.guardians.map((g) => g.account), [dave.address]);
    assert.equal(record.emergencyAccess, true);
    assert.deepEqual(Object.keys(record).sort(), ['account', 'emergencyAccess', 'enrolments', 'guardians', 'onboarded']);
    // Someone else's signature is refused, and an unregistered account reads its own `null`.
    const stranger = await signedRead(publicApi, alice, 'patient_get', [eve.address]);
    await assert.rejects(publicApi.rpc.patient.get(eve.address, stranger), /-32010|not a party/i);
    const own = await signedRead(publicApi, alice, 'patient_get', [alice.address]);
    assert.ok((await publicApi.rpc.patient.get(alice.address, own)).isNone);
    // The demo study's terms are public.
    const study = (await publicApi.rpc.rewards.study(0)).unwrap().toJSON();
    assert.equal(study.institute, keys.ferdie.address);
    assert.deepEqual(study.categories, ['LabResults', 'VitalSigns']);
    assert.equal(study.rewardPerParticipant, (5n * 10n ** 12n).toString());
    assert.ok((await publicApi.rpc.rewards.study(999)).isNone);
  });
});
