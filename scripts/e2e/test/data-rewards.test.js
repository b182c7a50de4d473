// Data-sharing rewards through @polkadot/api on a real node: an institute opens a study, two
// patients enrol (one through her guardian), the institute confirms one contribution and that
// patient's balance rises by exactly the reward, the other withdraws and the institute's research
// access is refused, and closing the study returns the rest of the escrow.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startNode } from '../lib/node.js';
import { devAccounts, eventsOf, freshAccount, submit } from '../lib/tx.js';

const CARE = 10n ** 12n;
const DAY = 86_400_000n;
const REWARD = 2n * CARE;
const MAX = 3;
const LAB_RESULTS = ['LabResults'];

describe('data-sharing rewards', () => {
  let node;
  let api;
  let keys;
  let patient;
  let studyId;

  before(async () => {
    node = await startNode();
    api = node.api;
    keys = await devAccounts();
    // Bob (a hospital) onboards a patient who holds no tokens.
    patient = await freshAccount('participant');
    const onboard = api.tx.patientIdentity.onboard(patient.address, `0x${'22'.repeat(32)}`);
    assert.equal((await submit(api, onboard, keys.bob)).error, null);
  });

  after(async () => {
    await node?.stop();
  });

  async function account(address) {
    return (await api.query.system.account(address)).data;
  }

  function researchRead(address) {
    return api.call.consentApi.checkAccess(address, keys.ferdie.address, 'LabResults', 'Read', 'Research');
  }

  test('the institute opens a study with the whole reward pool in escrow', async () => {
    const now = (await api.query.timestamp.now()).toBigInt();
    const reservedBefore = (await account(keys.ferdie.address)).reserved.toBigInt();
    const create = api.tx.dataRewards.createStudy(LAB_RESULTS, REWARD, MAX, now + DAY, now + 30n * DAY, `0x${'33'.repeat(32)}`);
    const { events, error } = await submit(api, create, keys.ferdie);
    assert.equal(error, null);
    const [created] = eventsOf(events, 'dataRewards', 'StudyCreated');
    studyId = created.data.studyId.toNumber();
    assert.equal(created.data.escrow.toBigInt(), REWARD * BigInt(MAX));
    const deposit = (await api.call.dataRewardsApi.study(studyId)).unwrap().deposit.toBigInt();
    const reservedAfter = (await account(keys.ferdie.address)).reserved.toBigInt();
    assert.equal(reservedAfter - reservedBefore, REWARD * BigInt(MAX) + deposit);
  });

  test('two patients enrol, one of them through her guardian', async () => {
    const own = await submit(api, api.tx.dataRewards.enroll(studyId), patient);
    assert.equal(own.error, null);
    assert.equal(eventsOf(own.events, 'skipFeelessPayment', 'FeeSkipped').length, 1);
    assert.equal((await account(patient.address)).free.toBigInt(), 0n, 'enrolling is fee-free');

    // Dave is Eve's guardian in the dev preset.
    const forEve = api.tx.patientIdentity.asGuardian(keys.eve.address, api.tx.dataRewards.enroll(studyId));
    const { events, error } = await submit(api, forEve, keys.dave);
    assert.equal(error, null);
    const [acted] = eventsOf(events, 'patientIdentity', 'GuardianActed');
    assert.ok(acted.data.result.isOk, acted.data.result.toString());

    const study = (await api.call.dataRewardsApi.study(studyId)).unwrap();
    assert.equal(study.participants.toNumber(), 2);
    for (const who of [patient.address, keys.eve.address]) {
      assert.equal((await researchRead(who)).type, 'Permit');
    }
  });

  test('a confirmed contribution raises the patient\'s balance by exactly the reward', async () => {
    const before = (await account(patient.address)).free.toBigInt();
    const confirm = api.tx.dataRewards.confirmContribution(studyId, patient.address, `0x${'44'.repeat(32)}`);
    const { events, error } = await submit(api, confirm, keys.ferdie);
    assert.equal(error, null);
    assert.equal(eventsOf(events, 'dataRewards', 'ContributionConfirmed').length, 1);
    assert.equal((await account(patient.address)).free.toBigInt(), before + REWARD);
    const again = await submit(api, confirm, keys.ferdie);
    assert.equal(again.error, 'dataRewards.AlreadyPaid');
  });

  test('the other patient withdraws and the institute\'s research access is refused', async () => {
    const { error } = await submit(api, api.tx.dataRewards.withdraw(studyId), keys.eve);
    assert.equal(error, null);
    const decision = await researchRead(keys.eve.address);
    assert.equal(decision.type, 'Deny');
    assert.equal(decision.asDeny.type, 'Revoked');
    assert.equal((await researchRead(patient.address)).type, 'Permit');
    assert.equal((await api.call.dataRewardsApi.enrollmentsOf(keys.eve.address)).length, 0);
  });

  test('closing the study returns the unspent escrow and the deposit', async () => {
    const before = await account(keys.ferdie.address);
    const study = (await api.call.dataRewardsApi.study(studyId)).unwrap();
    const rest = study.escrow.toBigInt() + study.deposit.toBigInt();
    assert.equal(study.escrow.toBigInt(), REWARD * BigInt(MAX - 1));
    // Enrolment is still open: only the consortium (here Root) may close it now.
    const early = await submit(api, api.tx.dataRewards.closeStudy(studyId), keys.ferdie);
    assert.equal(early.error, 'dataRewards.EnrollmentOpen');
    const close = api.tx.sudo.sudo(api.tx.dataRewards.closeStudy(studyId));
    const { events, error } = await submit(api, close, keys.alice);
    assert.equal(error, null);
    assert.equal(eventsOf(events, 'dataRewards', 'StudyClosed').length, 1);
    const after = await account(keys.ferdie.address);
    assert.equal(before.reserved.toBigInt() - after.reserved.toBigInt(), rest);
    assert.ok((await api.call.dataRewardsApi.study(studyId)).isNone);
  });
});
