// Abuse paths closed by the hardening work, played against a real node over RPC: an immortal
// transaction is refused (no replay once an account is reaped), and a patient's fee-free call
// that would fail is refused before it enters the pool, with a code the wallet can read, while
// the same patient's valid call goes through for free.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startNode } from '../lib/node.js';
import { devAccounts, freeBalance, freshAccount, submit } from '../lib/tx.js';

/** `InvalidTransaction::Custom` codes (`carechain_primitives::invalid_transaction`). */
const FEELESS_CALL_WOULD_FAIL = 1;
const IMMORTAL = 2;

describe('hardening', () => {
  let node;
  let api;
  let keys;
  let patient;

  before(async () => {
    node = await startNode();
    api = node.api;
    keys = await devAccounts();
    patient = await freshAccount('hardening-patient');
    const onboard = api.tx.patientIdentity.onboard(patient.address, `0x${'44'.repeat(32)}`);
    assert.equal((await submit(api, onboard, keys.bob)).error, null);
  });

  after(async () => {
    await node?.stop();
  });

  /** Submits a signed extrinsic and returns the node's JSON-RPC error (or null). */
  async function refusal(signed) {
    try {
      await api.rpc.author.submitExtrinsic(signed.toHex());
      return null;
    } catch (error) {
      return error;
    }
  }

  test('an immortal transaction is refused, the same call with an era is accepted', async () => {
    const remark = api.tx.system.remark('0x01');
    await remark.signAsync(keys.alice, { era: 0, blockHash: api.genesisHash });
    const error = await refusal(remark);
    assert.ok(error, 'refused');
    assert.match(error.message, /1010/, error.message);
    assert.match(error.message, new RegExp(`Custom error: ${IMMORTAL}`), error.message);
    // polkadot.js signs mortal by default.
    assert.equal((await submit(api, api.tx.system.remark('0x02'), keys.alice)).error, null);
  });

  test('a fee-free call that would fail never enters the pool; a valid one is free', async () => {
    const unknown = api.tx.consent.revoke(999_999);
    await unknown.signAsync(patient);
    const error = await refusal(unknown);
    assert.ok(error, 'refused');
    assert.match(error.message, new RegExp(`Custom error: ${FEELESS_CALL_WOULD_FAIL}`), error.message);
    const counted = await api.query.patientIdentity.feelessUsage(patient.address);
    assert.ok(counted.isNone, 'the refused call was not counted');

    assert.equal((await submit(api, api.tx.patientIdentity.setEmergencyAccess(false), patient)).error, null);
    assert.equal(await freeBalance(api, patient.address), 0n, 'the valid call was free');
    assert.equal((await api.query.patientIdentity.feelessUsage(patient.address)).unwrap().calls.toNumber(), 1);
    // The hospital's pool counted it too, and names only the hospital.
    const pool = (await api.query.patientIdentity.feelessPools(keys.bob.address)).unwrap();
    assert.ok(pool.usage.calls.toNumber() >= 1);
  });
});
