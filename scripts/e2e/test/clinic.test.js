// The whole clinic story on a real node, nothing mocked: a hospital applies and the Council
// approves it; a patient onboarded without tokens grants lab-results read for treatment for 30
// days from a FHIR Consent file (`carechain-clinic grant`); clinic software asks the node over
// raw JSON-RPC whether the hospital's doctor and an unapproved clinic may read; the doctor's
// access lands in the patient's log, whose head the patient recomputes; the consent goes to FHIR
// and back to the same grant; the patient revokes; a research study pays the patient; the
// Council suspends the hospital and its checks deny. On the way the hospital's gateway keeps its
// encryption key in a file, publishes it, and opens a consent salt a patient's wallet sealed to
// it into the tag of a sensitive category (`carechain-clinic encryption-key`, `sealed-tag`).
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { mnemonicGenerate, mnemonicToMiniSecret } from '@polkadot/util-crypto';
import { newConsentSalt, openSealedScope, patientEncryptionKeyPair, sealSalt, sealedTag } from 'carechain-pseudonyms';

import { accessLogHead, grantCall, rpc as rpcDefinitions, signedParams } from '../carechain-rpc.js';
import { executionResult, runMotion } from '../lib/council.js';
import { rpc } from '../lib/network.js';
import { runClinicCommand, startNode } from '../lib/node.js';
import { devAccounts, eventsOf, freeBalance, fundedAccount, submit } from '../lib/tx.js';

const CARE = 10n ** 12n;
const DAY = 86_400_000;
const RESOURCE_TYPES = 'http://hl7.org/fhir/fhir-types';

/** A `consent_checkAccess` deny, exactly as the node answers it. */
const denied = (reason) => ({ decision: 'deny', consentId: null, expiresAt: null, reason });

describe('clinic integration: the whole story', () => {
  let node;
  let api;
  let rpcPort;
  let keys;
  let dir;
  let hospital;
  let doctor;
  let clinic;
  let patient;
  let mnemonic;
  let consentId;
  let expiresAt;

  before(async () => {
    node = await startNode({ rpc: rpcDefinitions });
    api = node.api;
    rpcPort = new URL(node.rpcUrl).port;
    keys = await devAccounts();
    dir = await mkdtemp(path.join(tmpdir(), 'carechain-clinic-'));
  });

  after(async () => {
    await node?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** A raw JSON-RPC call over HTTP, as `curl` or clinic software without polkadot.js makes it. */
  const result = (method, params) => rpc(rpcPort, method, params);

  /** The JSON-RPC error of `method(params)`, failing the test if it answers. */
  async function rpcError(method, params) {
    const response = await fetch(`http://127.0.0.1:${rpcPort}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    const body = await response.json();
    assert.equal(body.result, undefined, `${method} answered ${JSON.stringify(body.result)}`);
    return body.error;
  }

  /** A party-signed read over raw JSON-RPC: a nonce from the node, then `pair`'s signed request. */
  async function signed(pair, method, args, at = null) {
    const { nonce } = await result('consent_readNonce', []);
    return result(method, signedParams({ pair, genesisHash: api.genesisHash.toHex(), nonce, method, args, at }));
  }

  function checkAccess(accessor) {
    return result('consent_checkAccess', [patient.address, accessor, 'LabResults', 'read', 'TREAT']);
  }

  const funded = (name) => fundedAccount(api, keys.alice, name, 1_000n * CARE);

  /** Runs `carechain-clinic ...` against the node; resolves to its parsed JSON output. */
  async function clinicCommand(args, env = {}) {
    const run = await runClinicCommand(['--url', node.rpcUrl, ...args], { env });
    assert.equal(run.code, 0, `carechain-clinic ${args.join(' ')}:\n${run.stderr}`);
    return JSON.parse(run.stdout);
  }

  /** The FHIR R5 Consent clinic software would post: lab results, read, treatment, 30 days. */
  function labResultsConsent(end) {
    return {
      resourceType: 'Consent',
      status: 'active',
      subject: { reference: `Patient/${patient.address}` },
      grantee: [{ reference: `Organization/${hospital.address}` }],
      period: { end: new Date(end).toISOString() },
      decision: 'deny',
      provision: [
        {
          action: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'access' }] }],
          purpose: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'TREAT' }],
          resourceType: [
            { system: RESOURCE_TYPES, code: 'Observation' },
            { system: RESOURCE_TYPES, code: 'DiagnosticReport' },
          ],
          code: [{ coding: [{ system: 'https://carechain.example/fhir/CodeSystem/data-category', code: 'LabResults' }] }],
        },
      ],
    };
  }

  /** The `grant` arguments of `labResultsConsent(expiresAt)`, as the node and the CLI give them. */
  function labResultsGrant() {
    return {
      patient: patient.address,
      grantee: hospital.address,
      categories: ['LabResults'],
      actions: ['read'],
      purposes: ['TREAT'],
      expiresAt,
    };
  }

  test('a hospital applies and the Council approves it', async () => {
    hospital = await funded('hospital');
    const applied = await submit(
      api,
      api.tx.providerRegistry.apply('Hospital', 'St Mary Teaching Hospital', 'GB', `0x${'5a'.repeat(32)}`),
      hospital,
    );
    assert.equal(applied.error, null);
    assert.equal((await result('providers_get', [hospital.address])).status, 'pending');

    const events = await runMotion(api, api.tx.providerRegistry.approve(hospital.address), {
      proposer: keys.alice,
      ayes: [keys.alice, keys.bob],
    });
    assert.ok(executionResult(events)?.isOk, 'the approval motion executed');
    const view = await result('providers_get', [hospital.address]);
    assert.equal(view.status, 'active');
    assert.equal(view.kind, 'Hospital');
    assert.equal(view.role, 'provider');
    assert.equal(view.name, 'St Mary Teaching Hospital');

    doctor = await funded('doctor');
    assert.equal((await submit(api, api.tx.providerRegistry.addStaff(doctor.address), hospital)).error, null);
    const staff = await result('providers_get', [doctor.address]);
    assert.deepEqual([staff.role, staff.organisation, staff.status], ['staff', hospital.address, 'active']);

    // A clinic that applied but that the Council never approved.
    clinic = await funded('clinic');
    const pending = api.tx.providerRegistry.apply('Clinic', 'Unvetted Clinic', 'GB', `0x${'6b'.repeat(32)}`);
    assert.equal((await submit(api, pending, clinic)).error, null);
  });

  test('the hospital publishes its encryption key, and its gateway opens a salt sealed to it', async () => {
    const secretFile = path.join(dir, 'hospital.x25519');
    const published = await clinicCommand(
      ['encryption-key', '--secret-file', secretFile, '--generate', '--publish'],
      { CARECHAIN_KEY: hospital.suri },
    );
    assert.equal(published.published.rotated, false);
    const view = await result('providers_get', [hospital.address]);
    assert.equal(view.encryptionKey, published.publicKey);
    // The staff member's view carries the organisation's key: salts for the doctor go to it.
    assert.equal((await result('providers_get', [doctor.address])).encryptionKey, published.publicKey);
    // Read again from the file, the key is the same; nothing is printed of the secret.
    const again = await clinicCommand(['encryption-key', '--secret-file', secretFile]);
    assert.deepEqual(again, { publicKey: published.publicKey });

    // A patient's wallet seals a consent salt to the published key; the gateway opens it into
    // the tag of HIV under that consent, the same tag the wallet computes.
    const salt = await newConsentSalt();
    const sealed = await sealSalt(salt, view.encryptionKey);
    const opened = await clinicCommand(['sealed-tag', '--secret-file', secretFile, '--sealed-salt', sealed, '--category', 'Hiv']);
    assert.deepEqual(opened, { category: 'Hiv', tag: sealedTag(salt, 'Hiv') });

    // Another key cannot open it, and a standard category has no tag: each said in a sentence.
    const otherFile = path.join(dir, 'other.x25519');
    await clinicCommand(['encryption-key', '--secret-file', otherFile, '--generate']);
    const refused = await runClinicCommand(['sealed-tag', '--secret-file', otherFile, '--sealed-salt', sealed, '--category', 'Hiv']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /does not open with this key/);
    const clear = await runClinicCommand(['sealed-tag', '--secret-file', secretFile, '--sealed-salt', sealed, '--category', 'LabResults']);
    assert.equal(clear.code, 1);
    assert.match(clear.stderr, /LabResults is not a sensitive category/);
    const missing = await runClinicCommand(['encryption-key', '--secret-file', path.join(dir, 'none')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /--generate/);
  });

  test('a patient onboarded with zero balance grants lab-results read for 30 days from a FHIR file', async () => {
    mnemonic = mnemonicGenerate();
    patient = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromMnemonic(mnemonic);
    const onboard = api.tx.patientIdentity.onboard(patient.address, `0x${'7c'.repeat(32)}`);
    assert.equal((await submit(api, onboard, hospital)).error, null);
    assert.equal(await freeBalance(api, patient.address), 0n);

    expiresAt = Date.now() + 30 * DAY;
    const file = path.join(dir, 'consent.json');
    await writeFile(file, JSON.stringify(labResultsConsent(expiresAt)));
    const dryRun = await clinicCommand(['grant', '--fhir', file, '--dry-run']);
    assert.deepEqual(dryRun, labResultsGrant());

    // The seed phrase comes from the environment, as an operator would keep it out of history.
    const granted = await clinicCommand(['grant', '--fhir', file], { CARECHAIN_PATIENT_KEY: mnemonic });
    consentId = granted.consentId;
    assert.equal(typeof consentId, 'number');
    assert.equal(await freeBalance(api, patient.address), 0n, 'the patient paid nothing');

    const consent = await signed(patient, 'consent_get', [consentId]);
    assert.deepEqual(
      { ...consent, createdAt: undefined },
      {
        id: consentId,
        patient: patient.address,
        grantee: hospital.address,
        categories: ['LabResults'],
        actions: ['read'],
        purposes: ['TREAT'],
        createdAt: undefined,
        expiresAt,
        status: 'active',
        kind: 'standard',
        byGuardian: false,
      },
    );
    // The CLI signs the read with the patient's key (from the environment, out of shell history).
    const listed = await clinicCommand(['consents', '--patient', patient.address], { CARECHAIN_KEY: mnemonic });
    assert.deepEqual(listed.map((c) => c.id), [consentId]);
    // The hospital's own view: the consents naming it, signed with its key.
    const named = await signed(hospital, 'consent_listByGrantee', [hospital.address]);
    assert.deepEqual(named.map((c) => c.id), [consentId]);
    // Nobody else may list them: an unsigned read is refused naming `auth`, another's signature
    // is refused as not a party.
    const unsigned = await rpcError('consent_listByPatient', [patient.address]);
    assert.equal(unsigned.data?.field, 'auth', JSON.stringify(unsigned));
    const { nonce } = await result('consent_readNonce', []);
    const byClinic = await rpcError(
      'consent_listByPatient',
      signedParams({ pair: clinic, genesisHash: api.genesisHash.toHex(), nonce, method: 'consent_listByPatient', args: [patient.address] }),
    );
    assert.deepEqual([byClinic.code, byClinic.data?.reason], [-32010, 'notAParty']);
  });

  test('a Consent covering HIV is granted sealed: tags on chain, opened by the hospital and the phrase', async () => {
    const hiv = labResultsConsent(expiresAt);
    hiv.provision[0].code[0].coding[0].code = 'Hiv';
    delete hiv.provision[0].resourceType;
    const hivFile = path.join(dir, 'hiv-consent.json');
    await writeFile(hivFile, JSON.stringify(hiv));
    const granted = await clinicCommand(['grant', '--fhir', hivFile], { CARECHAIN_PATIENT_KEY: mnemonic });
    const consent = await signed(patient, 'consent_get', [granted.consentId]);
    assert.deepEqual(consent.categories, [], 'HIV is not named in clear');
    assert.equal(consent.sealed.tags.length, 5);
    // The patient's wallet opens it with the phrase alone (the key the CLI derived in Rust).
    const patientKey = await patientEncryptionKeyPair(mnemonic, patient.address);
    const opened = await openSealedScope(consent.sealed, patientKey);
    assert.deepEqual(opened.categories, ['Hiv']);
    // The hospital's gateway opens its box into the tag, and the node permits a read by it.
    const secretFile = path.join(dir, 'hospital.x25519');
    const boxes = [];
    for (const box of consent.sealed.salts) {
      const tried = await runClinicCommand(['sealed-tag', '--secret-file', secretFile, '--sealed-salt', box, '--category', 'Hiv']);
      if (tried.code === 0) boxes.push(JSON.parse(tried.stdout));
    }
    assert.deepEqual(boxes, [{ category: 'Hiv', tag: sealedTag(opened.salt, 'Hiv') }]);
    const decision = await result('consent_checkAccess', [patient.address, hospital.address, boxes[0].tag, 'read', 'TREAT']);
    assert.deepEqual([decision.decision, decision.consentId], ['permit', granted.consentId]);

    // A grantee with no published key, or a patient key with no phrase: refused, in a sentence.
    const toLab = { ...hiv, grantee: [{ reference: `Organization/${keys.charlie.address}` }] };
    const labFile = path.join(dir, 'hiv-lab-consent.json');
    await writeFile(labFile, JSON.stringify(toLab));
    const noKey = await runClinicCommand(['--url', node.rpcUrl, 'grant', '--fhir', labFile], {
      env: { CARECHAIN_PATIENT_KEY: mnemonic },
    });
    assert.equal(noKey.code, 1);
    assert.match(noKey.stderr, /has published no encryption key/);
    // The patient's own raw seed signs for the patient, but holds no phrase to derive from.
    const rawSeed = await runClinicCommand(['--url', node.rpcUrl, 'grant', '--fhir', hivFile], {
      env: { CARECHAIN_PATIENT_KEY: u8aToHex(mnemonicToMiniSecret(mnemonic)) },
    });
    assert.equal(rawSeed.code, 1);
    assert.match(rawSeed.stderr, /no seed phrase/);
    // Revoked again, so that the later checks meet the lab-results consent alone.
    assert.equal((await submit(api, api.tx.consent.revoke(granted.consentId), patient)).error, null);
  });

  test('raw JSON-RPC checkAccess permits the hospital\'s doctor and denies an unapproved clinic', async () => {
    assert.deepEqual(await checkAccess(doctor.address), {
      decision: 'permit',
      consentId,
      expiresAt,
      reason: null,
    });
    assert.deepEqual(await checkAccess(clinic.address), denied('AccessorNotActive'));
    // The same through @polkadot/api with the shipped definitions, and through the CLI.
    const typed = await api.rpc.consent.checkAccess(patient.address, doctor.address, 'LabResults', 'read', 'TREAT');
    assert.equal(typed.toJSON().decision, 'permit');
    const cli = await clinicCommand([
      'check-access', '--patient', patient.address, '--accessor', clinic.address, '--category', 'LabResults',
    ]);
    assert.equal(cli.reason, 'AccessorNotActive');
  });

  test('the doctor records an access and the patient\'s log shows it with a head that verifies', async () => {
    const before = await signed(patient, 'consent_accessLog', [patient.address]);
    assert.deepEqual(before, {
      scope: 'patient',
      count: 0,
      head: `0x${'00'.repeat(32)}`,
      since: `0x${'00'.repeat(32)}`,
      recent: [],
    });

    const record = api.tx.consent.recordAccess(patient.address, 'LabResults', 'Treatment', 'Read', null);
    const recorded = await submit(api, record, doctor);
    assert.equal(recorded.error, null);

    const log = await signed(patient, 'consent_accessLog', [patient.address]);
    assert.equal(log.count, 1);
    const [entry] = log.recent;
    assert.equal(entry.index, 0);
    assert.equal(entry.accessor, doctor.address);
    assert.equal(entry.organisation, hospital.address);
    assert.deepEqual([entry.category, entry.action, entry.purpose, entry.consentId], ['LabResults', 'read', 'TREAT', consentId]);
    assert.equal(log.since, `0x${'00'.repeat(32)}`);
    assert.equal(accessLogHead(log.recent, log.since), log.head, 'the head recomputed from the entries');
    // A tampered entry does not verify.
    assert.notEqual(accessLogHead([{ ...entry, category: 'Hiv' }]), log.head);
    // At the block before the access, the log was empty.
    const header = await api.rpc.chain.getHeader(recorded.blockHash);
    const earlier = await signed(patient, 'consent_accessLog', [patient.address], header.parentHash.toHex());
    assert.equal(earlier.count, 0);
    // The hospital sees its own entries, without positions or the head; the unapproved clinic,
    // with no entry, is not a party.
    const own = await signed(hospital, 'consent_accessLog', [patient.address]);
    assert.deepEqual([own.scope, own.count, own.head, own.recent[0].index], ['accessor', 1, undefined, undefined]);
    assert.equal(own.recent[0].accessor, doctor.address);
    const { nonce } = await result('consent_readNonce', []);
    const method = 'consent_accessLog';
    const byClinic = await rpcError(
      method,
      signedParams({ pair: clinic, genesisHash: api.genesisHash.toHex(), nonce, method, args: [patient.address] }),
    );
    assert.equal(byClinic.data?.reason, 'notAParty');
  });

  test('consent_toFhir gives a Consent that maps back to the same grant', async () => {
    const resource = await signed(hospital, 'consent_toFhir', [consentId]);
    assert.equal(resource.resourceType, 'Consent');
    assert.equal(resource.status, 'active');
    assert.equal(resource.subject.reference, `Patient/${patient.address}`);
    assert.equal(resource.identifier[0].value, String(consentId));
    const expected = labResultsGrant();
    assert.deepEqual(await result('consent_fromFhir', [resource]), expected);
    // The CLI reads the same resource from a file to the same grant.
    const fhir = await clinicCommand(['fhir', String(consentId), '--key', mnemonic]);
    assert.deepEqual(fhir, resource);
    const file = path.join(dir, 'round-trip.json');
    await writeFile(file, JSON.stringify(fhir));
    assert.deepEqual(await clinicCommand(['grant', '--fhir', file, '--dry-run']), expected);
  });

  test('the patient revokes and the next check denies with reason Revoked', async () => {
    const revoked = await submit(api, api.tx.consent.revoke(consentId), patient);
    assert.equal(revoked.error, null);
    assert.equal(await freeBalance(api, patient.address), 0n, 'revoking is free for the patient');
    assert.deepEqual(await checkAccess(doctor.address), denied('Revoked'));
    assert.equal((await signed(patient, 'consent_get', [consentId])).status, 'revoked');
    assert.equal((await signed(hospital, 'consent_toFhir', [consentId])).status, 'inactive');
  });

  test('a research study pays the patient', async () => {
    const studyId = 0; // the demo study of the Institute for Health Data Research (Ferdie)
    const study = await api.call.dataRewardsApi.study(studyId);
    const reward = study.unwrap().rewardPerParticipant.toBigInt();
    assert.equal((await submit(api, api.tx.dataRewards.enroll(studyId), patient)).error, null);
    const research = await signed(patient, 'consent_listByPatient', [patient.address]);
    assert.ok(research.some((c) => c.kind === 'research' && c.studyId === studyId && c.grantee === keys.ferdie.address));

    const confirm = api.tx.dataRewards.confirmContribution(studyId, patient.address, `0x${'8d'.repeat(32)}`);
    assert.equal((await submit(api, confirm, keys.ferdie)).error, null);
    assert.equal(await freeBalance(api, patient.address), reward, 'the patient received exactly the reward');
  });

  test('the Council suspends the hospital and its checks deny', async () => {
    // A new consent, posted as FHIR by clinic JavaScript: fromFhir, then grant with polkadot.js.
    const grant = await result('consent_fromFhir', [labResultsConsent(Date.now() + 30 * DAY)]);
    const granted = await submit(api, grantCall(api, grant), patient);
    assert.equal(granted.error, null);
    const [event] = eventsOf(granted.events, 'consent', 'ConsentGranted');
    const second = event.data.consentId.toNumber();
    assert.deepEqual(await checkAccess(doctor.address), {
      decision: 'permit',
      consentId: second,
      expiresAt: grant.expiresAt,
      reason: null,
    });

    const suspend = api.tx.providerRegistry.suspend(hospital.address, 'ComplianceFinding');
    const events = await runMotion(api, suspend, { proposer: keys.alice, ayes: [keys.alice, keys.charlie] });
    assert.ok(executionResult(events)?.isOk, 'the suspension motion executed');
    assert.equal((await result('providers_get', [hospital.address])).status, 'suspended');
    for (const accessor of [hospital.address, doctor.address]) {
      assert.equal((await checkAccess(accessor)).reason, 'AccessorNotActive');
    }
    // The consent itself stands: the patient did not revoke it.
    assert.equal((await signed(patient, 'consent_get', [second])).status, 'active');
  });
});
