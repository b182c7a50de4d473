// Patients through @polkadot/api: a provider onboards an account that holds no tokens, the
// patient then signs their own (fee-free) extrinsics, and a guardian acts for the patient.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startNode } from '../lib/node.js';
import { devAccounts, eventsOf, freeBalance, freshAccount, submit } from '../lib/tx.js';

const COMMITMENT = `0x${'5a'.repeat(32)}`;

describe('patient identity', () => {
  let node;
  let api;
  let keys;
  let patient;

  before(async () => {
    node = await startNode();
    api = node.api;
    keys = await devAccounts();
  });

  after(async () => {
    await node?.stop();
  });

  async function record(address) {
    const value = await api.query.patientIdentity.patients(address);
    return value.isSome ? value.unwrap() : null;
  }

  test('a provider onboards an account that holds no tokens', async () => {
    patient = await freshAccount('patient');
    assert.equal(await freeBalance(api, patient.address), 0n);
    const tx = api.tx.patientIdentity.onboard(patient.address, COMMITMENT);
    const { events, error } = await submit(api, tx, keys.bob);
    assert.equal(error, null);
    const [onboarded] = eventsOf(events, 'patientIdentity', 'Onboarded');
    assert.equal(onboarded.data.organisation.toString(), keys.bob.address);
    const stored = await record(patient.address);
    assert.equal(stored.commitment.toHex(), COMMITMENT);
    assert.equal(stored.depositor.toString(), keys.bob.address);
    assert.equal((await api.query.system.account(patient.address)).sufficients.toNumber(), 1);
  });

  test('the onboarded patient signs their own extrinsic and pays nothing', async () => {
    const tx = api.tx.patientIdentity.setEmergencyAccess(false);
    const { events, error } = await submit(api, tx, patient);
    assert.equal(error, null);
    assert.equal(eventsOf(events, 'patientIdentity', 'EmergencyAccessSet').length, 1);
    assert.equal(eventsOf(events, 'skipFeelessPayment', 'FeeSkipped').length, 1);
    assert.equal(eventsOf(events, 'transactionPayment', 'TransactionFeePaid').length, 0);
    assert.equal((await record(patient.address)).emergencyAccess.isFalse, true);
    assert.equal(await freeBalance(api, patient.address), 0n);
    assert.equal((await api.query.patientIdentity.feelessUsage(patient.address)).unwrap().calls.toNumber(), 1);
  });

  test('a guardian acts for the patient, within what the filter allows', async () => {
    // A key that never holds a token: the appointment lets it sign, and its calls for the
    // onboarded patient are fee-free, counted against the patient.
    const guardian = await freshAccount('guardian');

    const appoint = api.tx.patientIdentity.addGuardian(guardian.address, null);
    assert.equal((await submit(api, appoint, patient)).error, null);
    assert.equal(await freeBalance(api, patient.address), 0n, 'appointing a guardian is fee-free too');

    const actFor = api.tx.patientIdentity.asGuardian(
      patient.address,
      api.tx.patientIdentity.setEmergencyAccess(true),
    );
    const { events, error } = await submit(api, actFor, guardian);
    assert.equal(error, null);
    const [acted] = eventsOf(events, 'patientIdentity', 'GuardianActed');
    assert.ok(acted.data.result.isOk, acted.data.result.toString());
    assert.equal((await record(patient.address)).emergencyAccess.isTrue, true);
    assert.equal(await freeBalance(api, guardian.address), 0n, 'the guardian paid no fee');
    assert.equal(eventsOf(events, 'transactionPayment', 'TransactionFeePaid').length, 0);

    // A call the filter refuses would fail: as a fee-free call it never enters the pool.
    const erase = api.tx.patientIdentity.asGuardian(patient.address, api.tx.patientIdentity.deregister());
    await assert.rejects(submit(api, erase, guardian), /Invalid Transaction: Custom error: 1/);
    assert.ok(await record(patient.address), 'the patient is still registered');

    const stranger = api.tx.patientIdentity.asGuardian(
      patient.address,
      api.tx.patientIdentity.setEmergencyAccess(false),
    );
    assert.equal((await submit(api, stranger, keys.alice)).error, 'patientIdentity.NotGuardian');
  });

  test('deregistering erases the registration and returns the deposit to the provider', async () => {
    const before = (await api.query.system.account(keys.bob.address)).data.reserved.toBigInt();
    const { error } = await submit(api, api.tx.patientIdentity.deregister(), patient);
    assert.equal(error, null);
    assert.equal(await record(patient.address), null);
    assert.ok((await api.query.patientIdentity.feelessUsage(patient.address)).isNone);
    const after = (await api.query.system.account(keys.bob.address)).data.reserved.toBigInt();
    assert.ok(after < before, 'the deposit was released');
  });
});
