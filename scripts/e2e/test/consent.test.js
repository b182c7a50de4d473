// Consent through @polkadot/api on a real node: a patient (onboarded, holding no tokens) grants
// lab-results access to a hospital, the runtime API answers for the hospital's staff and refuses
// another provider, accesses are logged until the patient revokes, and an emergency access lands
// in the patient's hash-chained access log. The node answers `consent_checkAccess` natively (its
// own build of the runtime, run over the block's state) exactly as the runtime's wasm does.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { accessLogHead, rpc as rpcDefinitions, signedRead } from '../carechain-rpc.js';
import { accessEntriesInBlock } from '../lib/access-log.js';
import { DEV_ARGS, startNode } from '../lib/node.js';
import { devAccounts, eventsOf, freeBalance, freshAccount, submit } from '../lib/tx.js';

const DAY = 86_400_000n;
// Call arguments are lists of the enums' variants, as apps shows them.
const LAB_RESULTS = ['LabResults'];
const READ_WRITE = ['Read', 'Write'];
const TREAT = ['Treatment'];
const JUSTIFICATION = `0x${'e7'.repeat(32)}`;

describe('consent', () => {
  let node;
  let api;
  let keys;
  let patient;
  let nurse;
  let consentId;
  let firstLogged;

  before(async () => {
    node = await startNode({ args: [...DEV_ARGS, '-l', 'carechain::native=debug'], rpc: rpcDefinitions });
    api = node.api;
    keys = await devAccounts();
    // Bob (Riverside General Hospital) onboards a patient who never holds a token, and takes on
    // a nurse who never holds one either: the hospital pays the fees of her role calls.
    patient = await freshAccount('patient');
    nurse = await freshAccount('nurse');
    const onboard = api.tx.patientIdentity.onboard(patient.address, `0x${'11'.repeat(32)}`);
    assert.equal((await submit(api, onboard, keys.bob)).error, null);
    assert.equal((await submit(api, api.tx.providerRegistry.addStaff(nurse.address), keys.bob)).error, null);
  });

  after(async () => {
    await node?.stop();
  });

  function check(accessor, purpose = 'Treatment') {
    return api.call.consentApi.checkAccess(patient.address, accessor, 'LabResults', 'Read', purpose);
  }

  function recordAccess(signer, purpose = 'Treatment') {
    const tx = api.tx.consent.recordAccess(patient.address, 'LabResults', purpose, 'Read', null);
    return submit(api, tx, signer);
  }

  test('a patient without tokens grants lab-results read to a hospital, fee-free', async () => {
    const now = (await api.query.timestamp.now()).toBigInt();
    const grant = api.tx.consent.grant(keys.bob.address, LAB_RESULTS, READ_WRITE, TREAT, now + DAY);
    const { events, error } = await submit(api, grant, patient);
    assert.equal(error, null);
    const [granted] = eventsOf(events, 'consent', 'ConsentGranted');
    consentId = granted.data.consentId.toNumber();
    assert.equal(granted.data.grantee.toString(), keys.bob.address);
    assert.deepEqual([...granted.data.names].sort(), ['consentId', 'grantee', 'kind', 'patient']);
    assert.equal(eventsOf(events, 'skipFeelessPayment', 'FeeSkipped').length, 1);
    assert.equal(await freeBalance(api, patient.address), 0n);

    const consent = (await api.call.consentApi.consent(consentId)).unwrap();
    assert.equal(consent.patient.toString(), patient.address);
    assert.equal(consent.status.type, 'Active');
    assert.equal(consent.expiresAt.toBigInt(), now + DAY);
  });

  test('checkAccess permits the hospital\'s staff and denies another provider', async () => {
    const permit = await check(nurse.address);
    assert.equal(permit.type, 'Permit', permit.toString());
    assert.equal(permit.asPermit.consentId.toNumber(), consentId);
    const other = await check(keys.charlie.address);
    assert.equal(other.type, 'Deny');
    assert.equal(other.asDeny.type, 'NoConsent');
    const wrongPurpose = await check(nurse.address, 'Payment');
    assert.equal(wrongPurpose.asDeny.type, 'PurposeNotCovered');
  });

  test('record_access succeeds, then fails once the patient revokes', async () => {
    const first = await recordAccess(nurse);
    assert.equal(first.error, null);
    const [recorded] = eventsOf(first.events, 'consent', 'AccessRecorded');
    assert.equal(recorded.data.accessor.toString(), nurse.address);
    assert.equal(recorded.data.organisation.toString(), keys.bob.address);
    // The event names parties and the consent, never the scope.
    assert.deepEqual([...recorded.data.names].sort(), ['accessor', 'consentId', 'index', 'organisation', 'patient']);
    firstLogged = first.blockHash;
    // The nurse holds no token; the hospital paid, and sees what she spent.
    assert.equal(await freeBalance(api, nurse.address), 0n);
    const [charged] = eventsOf(first.events, 'providerRegistry', 'StaffFeeCharged');
    assert.equal(charged.data.organisation.toString(), keys.bob.address);
    assert.equal(charged.data.staff.toString(), nurse.address);
    const [paid] = eventsOf(first.events, 'transactionPayment', 'TransactionFeePaid');
    assert.equal(paid.data.who.toString(), keys.bob.address);
    const spent = await api.query.providerRegistry.staffFeesPaid(keys.bob.address, nurse.address);
    assert.equal(spent.unwrap()[1].toBigInt(), charged.data.paidToday.toBigInt());

    const revoke = await submit(api, api.tx.consent.revoke(consentId), patient);
    assert.equal(revoke.error, null);
    assert.equal(eventsOf(revoke.events, 'consent', 'ConsentRevoked').length, 1);
    assert.equal(await freeBalance(api, patient.address), 0n, 'revoking is fee-free too');

    assert.equal((await check(nurse.address)).asDeny.type, 'Revoked');
    const refused = await recordAccess(nurse);
    assert.equal(refused.error, 'consent.NoValidConsent');
    assert.equal((await api.call.consentApi.accessLogHead(patient.address)).count.toNumber(), 1);
  });

  test('the node answers checkAccess natively, exactly as the runtime does, at the same block', async () => {
    const now = (await api.query.timestamp.now()).toBigInt();
    const grant = api.tx.consent.grant(keys.bob.address, LAB_RESULTS, ['Read'], TREAT, now + DAY);
    const granted = await submit(api, grant, patient);
    assert.equal(granted.error, null);
    const second = eventsOf(granted.events, 'consent', 'ConsentGranted')[0].data.consentId.toNumber();
    const stranger = await freshAccount('not-a-provider');
    const unregistered = await freshAccount('not-a-patient');
    const questions = [
      [patient, nurse, 'LabResults', 'Read', 'Treatment'],
      [patient, nurse, 'LabResults', 'Write', 'Treatment'],
      [patient, nurse, 'Medications', 'Read', 'Treatment'],
      [patient, nurse, 'LabResults', 'Read', 'Payment'],
      [patient, keys.bob, 'LabResults', 'Read', 'Treatment'],
      [patient, keys.charlie, 'LabResults', 'Read', 'Treatment'],
      [patient, stranger, 'LabResults', 'Read', 'Treatment'],
      [unregistered, nurse, 'LabResults', 'Read', 'Treatment'],
    ];
    const hash = await api.rpc.chain.getBlockHash();
    const at = await api.at(hash);
    const seen = new Set();
    for (const [who, accessor, category, action, purpose] of questions) {
      const runtime = await at.call.consentApi.checkAccess(who.address, accessor.address, category, action, purpose);
      const expected = runtime.isPermit
        ? { decision: 'permit', consentId: runtime.asPermit.consentId.toNumber(), reason: null }
        : { decision: 'deny', consentId: null, reason: runtime.asDeny.type };
      const wire = { Read: 'read', Write: 'write', Treatment: 'TREAT', Payment: 'HPAYMT' };
      const answer = (await api.rpc.consent.checkAccess(who.address, accessor.address, category, wire[action], wire[purpose], hash)).toJSON();
      const got = { decision: answer.decision, consentId: answer.consentId ?? null, reason: answer.reason ?? null };
      assert.deepEqual(got, expected, `${category} ${action} ${purpose} by ${accessor.address}`);
      seen.add(expected.reason ?? 'permit');
    }
    // The questions reach a permit and at least five different reasons to deny.
    for (const outcome of ['permit', 'NotRegistered', 'AccessorNotActive', 'NoConsent', 'CategoryNotCovered', 'PurposeNotCovered']) {
      assert.ok(seen.has(outcome), `${outcome} among ${[...seen]}`);
    }
    // The node logs each decision's path (`-l carechain::native=debug`); its logger writes
    // asynchronously, so give the lines a moment.
    const native = () => node.logs().split('\n').filter((line) => line.includes('checkAccess at'));
    for (let tries = 0; tries < 20 && native().length < questions.length; tries++) await new Promise((r) => setTimeout(r, 100));
    const lines = native();
    assert.ok(lines.filter((line) => line.includes('answered natively')).length >= questions.length, lines.join('\n'));
    assert.deepEqual(lines.filter((line) => line.includes('asking the runtime')), []);
    // The tests that follow expect the hospital to hold no consent of the patient's.
    assert.equal((await submit(api, api.tx.consent.revoke(second), patient)).error, null);
  });

  test('a request names only its parties on chain; the patient reads what it asks with a signed read', async () => {
    const request = api.tx.consent.requestAccess(patient.address, LAB_RESULTS, ['Read'], TREAT, 7n * DAY, JUSTIFICATION);
    const requested = await submit(api, request, nurse);
    assert.equal(requested.error, null);
    const [event] = eventsOf(requested.events, 'consent', 'AccessRequested');
    assert.deepEqual([...event.data.names].sort(), ['patient', 'requestId', 'requester']);
    const requestId = event.data.requestId.toNumber();

    const auth = await signedRead(api, patient, 'consent_pendingRequests', [patient.address]);
    const pending = (await api.rpc.consent.pendingRequests(patient.address, auth)).toJSON();
    assert.equal(pending.length, 1);
    assert.deepEqual(
      { ...pending[0], lapsesAt: undefined },
      {
        id: requestId,
        requester: nurse.address,
        organisation: keys.bob.address,
        categories: ['LabResults'],
        actions: ['read'],
        purposes: ['TREAT'],
        durationMs: Number(7n * DAY),
        justificationHash: JUSTIFICATION,
        lapsesAt: undefined,
      },
    );
    // The requester is no party of the patient's pending list.
    const nurseAuth = await signedRead(api, nurse, 'consent_pendingRequests', [patient.address]);
    await assert.rejects(api.rpc.consent.pendingRequests(patient.address, nurseAuth), /-32010|notAParty|not a party/);

    const denied = await submit(api, api.tx.consent.denyRequest(requestId), patient);
    assert.equal(denied.error, null);
    const again = await signedRead(api, patient, 'consent_pendingRequests', [patient.address]);
    assert.deepEqual((await api.rpc.consent.pendingRequests(patient.address, again)).toJSON(), []);
  });

  test('an emergency access by the hospital appears in the patient\'s access log', async () => {
    const invoke = api.tx.consent.emergencyAccess(patient.address, LAB_RESULTS, JUSTIFICATION);
    const invoked = await submit(api, invoke, keys.bob);
    assert.equal(invoked.error, null);
    const [event] = eventsOf(invoked.events, 'consent', 'EmergencyAccessInvoked');
    const emergencyId = event.data.consentId.toNumber();
    assert.deepEqual([...event.data.names].sort(), ['accessor', 'consentId', 'organisation', 'patient']);

    // Read-only, emergency treatment only.
    assert.equal((await check(keys.bob.address)).asDeny.type, 'PurposeNotCovered');
    const permit = await check(keys.bob.address, 'EmergencyTreatment');
    assert.equal(permit.asPermit.consentId.toNumber(), emergencyId);

    const logged = await recordAccess(keys.bob, 'EmergencyTreatment');
    assert.equal(logged.error, null);
    // State keeps the count and head; the entries come from the node's off-chain index, and
    // the node checked that they fold into the head before serving them.
    const stored = await api.call.consentApi.accessLogHead(patient.address);
    assert.equal(stored.count.toNumber(), 2);
    const auth = await signedRead(api, patient, 'consent_accessLog', [patient.address]);
    const log = (await api.rpc.consent.accessLog(patient.address, auth)).toJSON();
    assert.equal(log.count, 2);
    assert.equal(log.head, stored.head.toHex());
    assert.equal(log.since, `0x${'00'.repeat(32)}`, 'the whole log: it starts from zero');
    const last = log.recent[log.recent.length - 1];
    assert.equal(last.consentId, emergencyId);
    assert.equal(last.purpose, 'ETREAT');
    assert.equal(last.accessor, keys.bob.address);

    // The patient's wallet rebuilds every entry from the two blocks that logged them (event,
    // call arguments, block time): they are the stored ones, and their hash chain is the head.
    const rebuilt = [
      ...(await accessEntriesInBlock(api, firstLogged, patient.address)),
      ...(await accessEntriesInBlock(api, logged.blockHash, patient.address)),
    ];
    assert.deepEqual(rebuilt.map(({ index }) => index), [0, 1]);
    rebuilt.forEach(({ index, entry }, i) => {
      assert.deepEqual({ ...entry, index }, log.recent[i], `entry ${i} rebuilt as the node serves it`);
    });
    const head = accessLogHead(rebuilt.map(({ entry }) => entry));
    assert.equal(head, stored.head.toHex(), 'the rebuilt entries fold into the head in state');
    assert.equal(accessLogHead(log.recent, log.since), log.head, 'the served entries fold into the head');
  });
});
