// The FHIR R5 gateway against a real dev node, driven by an independent FHIR client
// (fhir-kit-client) as clinic software would drive it: the hospital (Bob) runs
// `carechain-fhir-gateway` with its key; the client reads the CapabilityStatement, searches the
// patient Dave's consents, posts a Consent written with standard codes only to
// `Consent/$prepare-grant`, Dave's wallet signs the call it returns, the client reads the new
// Consent, asks `Consent/$check-access`, and reads the hospital's access as an AuditEvent. The
// gateway holds the hospital's encryption key: it reads Dave's sealed HIV consent as HIV, asks
// about HIV by tag, shows a sealed access as HIV, and refuses when a sealed consent does not open.
// Every
// resource the gateway writes is validated as R5 by Python's fhir.resources; bad input gets an
// OperationOutcome with the right HTTP status, and the gateway keeps serving.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { u8aToHex } from '@polkadot/util';
import { encryptionKeyPair, openSealedScope, prepareSealedScope, sealedTag } from 'carechain-pseudonyms';
import { after, before, describe, test } from 'node:test';
import { Client } from 'fhir-kit-client';

import { rpc as rpcDefinitions, signedRead } from '../carechain-rpc.js';
import { startGateway, validateR5 } from '../lib/gateway.js';
import { startNode } from '../lib/node.js';
import { devAccounts, eventsOf, submit } from '../lib/tx.js';

const LOINC = 'http://loinc.org';
const RESOURCE_TYPES = 'http://hl7.org/fhir/fhir-types';
const SECURITY_LABELS = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const PURPOSES = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
const CATEGORIES = 'https://carechain.example/fhir/CodeSystem/data-category';
const DAY = 86_400_000;

/** The FHIR error a request failed with: `{ status, outcome }`, failing the test if it answered. */
async function failure(request) {
  try {
    const answer = await request;
    assert.fail(`answered ${JSON.stringify(answer).slice(0, 300)}`);
  } catch (error) {
    if (!error.response) throw error;
    const data = typeof error.response.data === 'string' ? JSON.parse(error.response.data) : error.response.data;
    return { status: error.response.status, outcome: data };
  }
}

describe('FHIR R5 gateway: an independent FHIR client against a real node', () => {
  let node;
  let api;
  let gateway;
  let client;
  let keys;
  let grantedId;
  /** Every resource the gateway answered with, for the R5 validation at the end. */
  const written = [];

  /** The hospital's encryption key pair, whose seed the gateway reads from a file. */
  let hospitalKey;

  before(async () => {
    node = await startNode({ rpc: rpcDefinitions });
    api = node.api;
    keys = await devAccounts();
    // The hospital publishes its encryption key; its gateway holds the seed.
    const seed = crypto.getRandomValues(new Uint8Array(32));
    hospitalKey = await encryptionKeyPair(seed);
    const keyFile = path.join(await mkdtemp(path.join(tmpdir(), 'carechain-gateway-')), 'hospital.x25519');
    await writeFile(keyFile, `${u8aToHex(seed)}\n`, { mode: 0o600 });
    const published = await submit(api, api.tx.providerRegistry.setEncryptionKey(u8aToHex(hospitalKey.publicKey)), keys.bob);
    assert.equal(published.error, null);
    gateway = await startGateway({ nodeUrl: node.rpcUrl, key: '//Bob', args: ['--encryption-key-file', keyFile] });
    client = new Client({ baseUrl: gateway.versionedUrl });
  });

  after(async () => {
    await gateway?.stop();
    await node?.stop();
  });

  const patientRef = () => `Patient/${keys.dave.address}`;
  /** `Consent/$check-access`: may the hospital read Dave's data of `category` (a Coding) for treatment? */
  const checkAccess = (category) =>
    client.operation({
      name: 'check-access',
      resourceType: 'Consent',
      input: {
        resourceType: 'Parameters',
        parameter: [
          { name: 'patient', valueReference: { reference: patientRef() } },
          { name: 'category', valueCoding: category },
          { name: 'purpose', valueCoding: { system: PURPOSES, code: 'TREAT' } },
        ],
      },
    });

  test('the CapabilityStatement says FHIR 5.0.0, JSON, Consent read/search and both operations', async () => {
    const statement = await client.capabilityStatement();
    written.push(statement);
    assert.equal(statement.resourceType, 'CapabilityStatement');
    assert.equal(statement.fhirVersion, '5.0.0');
    const consent = statement.rest[0].resource.find((r) => r.type === 'Consent');
    assert.deepEqual(consent.interaction.map((i) => i.code), ['read', 'search-type']);
    assert.deepEqual(consent.operation.map((o) => o.name), ['prepare-grant', 'check-access']);
    assert.ok(statement.rest[0].resource.some((r) => r.type === 'AuditEvent'));
    // The unversioned base answers the same.
    const plain = await new Client({ baseUrl: gateway.baseUrl }).capabilityStatement();
    assert.equal(plain.fhirVersion, '5.0.0');
  });

  test("a search of the patient's consents returns the demo consent naming the hospital, in R5 semantics", async () => {
    const bundle = await client.search({ resourceType: 'Consent', searchParams: { patient: patientRef() } });
    written.push(bundle);
    assert.equal(bundle.type, 'searchset');
    assert.ok(bundle.total >= 1, JSON.stringify(bundle));
    for (const { resource, fullUrl } of bundle.entry) {
      assert.equal(resource.subject.reference, patientRef());
      assert.equal(resource.grantee[0].reference, `Organization/${keys.bob.address}`);
      assert.equal(resource.decision, 'deny', 'base deny, permit exceptions');
      assert.ok(resource.provision.every((p) => p.actor[0].reference.reference === `Organization/${keys.bob.address}`));
      assert.ok(fullUrl.endsWith(`/Consent/${resource.id}`));
    }
    const inactive = await client.search({
      resourceType: 'Consent',
      searchParams: { patient: patientRef(), status: 'inactive' },
    });
    assert.equal(inactive.total, 0);
    // Eve's consents name the hospital too; Dave's search must not return them.
    const all = await client.search({ resourceType: 'Consent', searchParams: {} });
    assert.ok(all.total > bundle.total, 'the clinic has consents of other patients');
  });

  test('a Consent with standard codes only becomes the grant the patient signs, and is read back', async () => {
    const consent = {
      resourceType: 'Consent',
      status: 'active',
      decision: 'deny',
      subject: { reference: patientRef() },
      grantee: [{ reference: `Organization/${keys.bob.address}` }],
      period: { end: new Date(Date.now() + 30 * DAY).toISOString() },
      provision: [
        {
          action: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'access' }] }],
          purpose: [{ system: PURPOSES, code: 'TREAT' }],
          code: [{ coding: [{ system: LOINC, code: '11369-6' }] }],
          resourceType: [{ system: RESOURCE_TYPES, code: 'Immunization' }],
        },
      ],
    };
    const prepared = await client.operation({ name: 'prepare-grant', resourceType: 'Consent', input: consent });
    written.push(prepared);
    const part = (name) => prepared.parameter.filter((p) => p.name === name);
    assert.equal(part('patient')[0].valueReference.reference, patientRef());
    assert.deepEqual(part('category').map((p) => p.valueCoding.code), ['Immunizations']);
    assert.deepEqual(part('action').map((p) => p.valueCode), ['access']);
    const call = part('call')[0]?.valueString;
    assert.match(call, /^0x[0-9a-f]+$/, 'the node encodes calls as the gateway does');

    // The patient's wallet signs exactly the call the gateway prepared.
    const tx = api.tx(api.createType('Call', call));
    assert.equal(`${tx.method.section}.${tx.method.method}`, 'consent.grant');
    const { events, error } = await submit(api, tx, keys.dave);
    assert.equal(error, null);
    const [granted] = eventsOf(events, 'consent', 'ConsentGranted');
    grantedId = granted.data.consentId.toString();

    const resource = await client.read({ resourceType: 'Consent', id: grantedId });
    written.push(resource);
    assert.equal(resource.status, 'active');
    assert.deepEqual(resource.provision.map((p) => p.code[0].coding[0].code), ['Immunizations']);
    assert.equal(resource.period.end, part('expires')[0].valueDateTime);

    // Round trip through an independent implementation: the Consent CareChain wrote, parsed and
    // written back by Python's R5 model, prepares exactly the grant it came from.
    const [{ valid, resource: rewritten }] = await validateR5([resource], { roundTrip: true });
    assert.ok(valid);
    const again = await client.operation({ name: 'prepare-grant', resourceType: 'Consent', input: rewritten });
    const meaning = (parameters) =>
      parameters.parameter
        .filter((p) => p.name !== 'call' && p.name !== 'transactionVersion' && p.name !== 'expires')
        .concat([{ expires: Date.parse(parameters.parameter.find((p) => p.name === 'expires').valueDateTime) }]);
    assert.deepEqual(meaning(again), meaning(prepared));
  });

  test('the access question is answered from the chain, for categories named by any mapped code', async () => {
    const permit = await checkAccess({ system: RESOURCE_TYPES, code: 'Immunization' });
    written.push(permit);
    const part = (answer, name) => answer.parameter.find((p) => p.name === name);
    assert.equal(part(permit, 'decision').valueCode, 'permit');
    assert.equal(part(permit, 'consent').valueReference.reference, `Consent/${grantedId}`);
    assert.equal(part(permit, 'category').valueCoding.code, 'Immunizations');

    const deny = await checkAccess({ system: RESOURCE_TYPES, code: 'ImagingStudy' });
    written.push(deny);
    assert.equal(part(deny, 'decision').valueCode, 'deny');
    // Dave's consents to the hospital do not cover imaging.
    assert.equal(part(deny, 'reason').valueCode, 'CategoryNotCovered');
    assert.equal(part(deny, 'consent'), undefined);

    // HIV, which no consent of Dave's to the hospital covers: asked by a tag of no consent.
    const noHiv = await checkAccess({ system: SECURITY_LABELS, code: 'HIV' });
    written.push(noHiv);
    assert.equal(part(noHiv, 'decision').valueCode, 'deny');
    assert.equal(part(noHiv, 'reason').valueCode, 'CategoryNotCovered');
  });

  test('sensitive categories are read and asked by tag with the hospital\'s encryption key', async () => {
    // Dave's wallet grants the hospital HIV, sealed to his key and the hospital's.
    const dave = await encryptionKeyPair(crypto.getRandomValues(new Uint8Array(32)));
    const now = (await api.query.timestamp.now()).toBigInt();
    const sealedGrant = async (categories, recipients) => {
      const { salt, sealed } = await prepareSealedScope(categories, recipients);
      const granted = await submit(
        api,
        api.tx.consent.grantSealed(keys.bob.address, [], sealed, ['Read', 'Write'], ['Treatment'], now + BigInt(DAY)),
        keys.dave,
      );
      assert.equal(granted.error, null);
      return { id: eventsOf(granted.events, 'consent', 'ConsentGranted')[0].data.consentId.toNumber(), salt };
    };
    const hiv = await sealedGrant(['Hiv'], [dave.publicKey, hospitalKey.publicKey]);
    const ask = async (code) => {
      const answer = await checkAccess({ system: SECURITY_LABELS, code });
      written.push(answer);
      return Object.fromEntries(answer.parameter.map((p) => [p.name, p]));
    };
    const permit = await ask('HIV');
    assert.equal(permit.decision.valueCode, 'permit');
    assert.equal(permit.consent.valueReference.reference, `Consent/${hiv.id}`);
    const genomics = await ask('GDIS');
    assert.equal(genomics.decision.valueCode, 'deny');
    assert.equal(genomics.reason.valueCode, 'CategoryNotCovered');

    // The sealed consent reads as HIV, with its security label, to the hospital.
    const resource = await client.read({ resourceType: 'Consent', id: String(hiv.id) });
    written.push(resource);
    assert.match(JSON.stringify(resource.provision), /"HIV"/);

    // The hospital logs a sealed access; its AuditEvent shows HIV, labelled, not the tag.
    const tag = sealedTag(hiv.salt, 'Hiv');
    const { error } = await submit(api, api.tx.consent.recordSealedAccess(keys.dave.address, tag, 'Treatment', 'Read', null), keys.bob);
    assert.equal(error, null);
    const bundle = await client.search({ resourceType: 'AuditEvent', searchParams: { patient: patientRef() } });
    written.push(bundle);
    const sealedEvent = bundle.entry.map((e) => e.resource).find((e) => e.basedOn[0].reference === `Consent/${hiv.id}`);
    const data = sealedEvent.entity[1];
    assert.equal(data.detail[0].valueString, 'Hiv');
    assert.equal(data.securityLabel[0].coding[0].code, 'HIV');

    // A sealed consent whose salt was not sealed to the hospital: no permit by the HIV consent's
    // tag for mental health, and the gateway says it cannot open the other rather than guess.
    const stranger = await encryptionKeyPair(crypto.getRandomValues(new Uint8Array(32)));
    await sealedGrant(['MentalHealth'], [dave.publicKey, stranger.publicKey]);
    const refusal = await failure(checkAccess({ system: SECURITY_LABELS, code: 'PSY' }));
    written.push(refusal.outcome);
    assert.equal(refusal.status, 422);
    assert.match(refusal.outcome.issue[0].diagnostics, /1 sealed consent\(s\) of this patient naming the clinic do not open/);
    // HIV is still answered: the HIV consent permits, whatever the other.
    assert.equal((await ask('HIV')).decision.valueCode, 'permit');
  });

  test('$prepare-grant seals a sensitive category to the patient\'s key it is given, the grantee\'s and the clinic\'s', async () => {
    const dave = await encryptionKeyPair(crypto.getRandomValues(new Uint8Array(32)));
    const substanceUse = (grantee) => ({
      resourceType: 'Consent',
      status: 'active',
      decision: 'deny',
      subject: { reference: patientRef() },
      grantee: [{ reference: `Organization/${grantee}` }],
      period: { end: new Date(Date.now() + 30 * DAY).toISOString() },
      provision: [
        {
          action: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'access' }] }],
          purpose: [{ system: PURPOSES, code: 'TREAT' }],
          securityLabel: [{ system: SECURITY_LABELS, code: 'ETH' }],
        },
      ],
    });
    const prepare = (consent, key) =>
      client.operation({
        name: 'prepare-grant',
        resourceType: 'Consent',
        input: {
          resourceType: 'Parameters',
          parameter: [
            { name: 'resource', resource: consent },
            ...(key ? [{ name: 'patientEncryptionKey', valueString: key }] : []),
          ],
        },
      });
    // Without the patient's key: no call, and the answer says which part to send.
    const unsealed = await prepare(substanceUse(keys.bob.address));
    written.push(unsealed);
    const omitted = unsealed.parameter.find((p) => p.name === 'callOmitted').valueString;
    assert.match(omitted, /patientEncryptionKey/);
    assert.ok(!unsealed.parameter.some((p) => p.name === 'call'));

    const prepared = await prepare(substanceUse(keys.bob.address), u8aToHex(dave.publicKey));
    written.push(prepared);
    const call = prepared.parameter.find((p) => p.name === 'call').valueString;
    const tx = api.tx(api.createType('Call', call));
    assert.equal(`${tx.method.section}.${tx.method.method}`, 'consent.grantSealed');
    assert.ok(!JSON.stringify(tx.method.toHuman()).match(/substance/i), 'the call names no sensitive category');
    const { events, error } = await submit(api, tx, keys.dave);
    assert.equal(error, null);
    const id = eventsOf(events, 'consent', 'ConsentGranted')[0].data.consentId.toNumber();
    // The patient's key opens it; the gateway (the clinic's key) reads it as substance use.
    const chain = (await api.rpc.consent.get(id, await signedRead(api, keys.dave, 'consent_get', [id]))).unwrap().toJSON();
    assert.deepEqual((await openSealedScope(chain.sealed, dave)).categories, ['SubstanceUse']);
    assert.deepEqual((await openSealedScope(chain.sealed, hospitalKey)).categories, ['SubstanceUse']);
    const resource = await client.read({ resourceType: 'Consent', id: String(id) });
    written.push(resource);
    assert.match(JSON.stringify(resource.provision), /"SUD"/);
    const answer = await checkAccess({ system: SECURITY_LABELS, code: 'ETH' });
    assert.equal(answer.parameter.find((p) => p.name === 'decision').valueCode, 'permit');

    // A malformed key is a 400 at its part; a grantee with no published key a 422 at the grantee.
    const badKey = await failure(prepare(substanceUse(keys.bob.address), '0x1234'));
    written.push(badKey.outcome);
    assert.equal(badKey.status, 400);
    assert.deepEqual(badKey.outcome.issue[0].expression, ['Parameters.parameter[1].valueString']);
    const noKey = await failure(prepare(substanceUse(keys.charlie.address), u8aToHex(dave.publicKey)));
    written.push(noKey.outcome);
    assert.equal(noKey.status, 422);
    assert.deepEqual(noKey.outcome.issue[0].expression, ['Consent.grantee[0]']);
  });

  test("the hospital's access to the patient's data reads back as an IHE BALP AuditEvent", async () => {
    const hash = `0x${'5a'.repeat(32)}`;
    const { error } = await submit(api, api.tx.consent.recordAccess(keys.dave.address, 'Immunizations', 'Treatment', 'Read', hash), keys.bob);
    assert.equal(error, null);
    const bundle = await client.search({ resourceType: 'AuditEvent', searchParams: { patient: patientRef() } });
    written.push(bundle);
    const events = bundle.entry.map((e) => e.resource);
    const event = events.find((e) => e.basedOn[0].reference === `Consent/${grantedId}`);
    assert.ok(event, JSON.stringify(events));
    assert.equal(event.action, 'R');
    assert.equal(event.patient.reference, patientRef());
    assert.equal(event.agent[0].who.reference, `Organization/${keys.bob.address}`);
    assert.equal(event.authorization[0].coding[0].code, 'TREAT');
    assert.equal(event.entity[1].what.identifier.value, hash);
    // A patient the hospital has not accessed: an empty searchset, not a refusal.
    const none = await client.search({ resourceType: 'AuditEvent', searchParams: { patient: `Patient/${keys.eve.address}` } });
    written.push(none);
    assert.equal(none.total, 0);
  });

  test('the category terminology is served as a CodeSystem and a ConceptMap', async () => {
    const system = await client.read({ resourceType: 'CodeSystem', id: 'data-category' });
    const map = await client.read({ resourceType: 'ConceptMap', id: 'data-category-from-hl7' });
    written.push(system, map);
    assert.equal(system.url, CATEGORIES);
    assert.equal(system.concept.length, 18);
    const loinc = map.group.find((g) => g.source === LOINC);
    assert.equal(loinc.element.find((e) => e.code === '11502-2').target[0].code, 'LabResults');
  });

  test('bad input gets an OperationOutcome with the right status, and the gateway keeps serving', async () => {
    const raw = (path, init = {}) => fetch(`${gateway.versionedUrl}${path}`, init);
    const post = (path, body, contentType = 'application/fhir+json') =>
      raw(path, { method: 'POST', headers: { 'content-type': contentType }, body });
    const expectOutcome = async (response, status, expression) => {
      assert.equal(response.status, status);
      assert.match(response.headers.get('content-type'), /^application\/fhir\+json/);
      const outcome = await response.json();
      assert.equal(outcome.resourceType, 'OperationOutcome');
      assert.equal(outcome.issue[0].severity, 'error');
      if (expression) assert.deepEqual(outcome.issue[0].expression, [expression]);
      written.push(outcome);
      return outcome;
    };
    await expectOutcome(await post('/Consent/$prepare-grant', '{"resourceType": "Consent",'), 400);
    await expectOutcome(await post('/Consent/$prepare-grant', JSON.stringify({ resourceType: 'Patient' })), 400, 'resourceType');
    const unknownSystem = JSON.parse(await readFile(new URL('../../../fhir/tests/ehr-consents.json', import.meta.url), 'utf8'))
      .cases.find((c) => c.name === 'An unknown code system').consent;
    const outcome = await expectOutcome(
      await post('/Consent/$prepare-grant', JSON.stringify(unknownSystem)),
      422,
      'Consent.provision[0].code[0].coding[0]',
    );
    assert.match(outcome.issue[0].diagnostics, /system must be/);
    const undeclared = { ...unknownSystem, sourceSomething: true };
    const unread = await expectOutcome(await post('/Consent/$prepare-grant', JSON.stringify(undeclared)), 400);
    assert.match(unread.issue[0].diagnostics, /sourceSomething/);
    // About 250 KB: over the 64 KiB limit, small enough to be sent whole before the answer.
    const bundle = { resourceType: 'Bundle', type: 'transaction', entry: Array.from({ length: 400 }, () => ({ resource: unknownSystem })) };
    await expectOutcome(await post('/Consent/$prepare-grant', JSON.stringify(bundle)), 413);
    await expectOutcome(await raw('/Consent?patient=x&colour=blue'), 400);
    await expectOutcome(await raw(`/Consent?patient=${patientRef()}&patient=${patientRef()}`), 400);
    await expectOutcome(await raw('/Consent?patient=Patient/not-an-address'), 400);
    await expectOutcome(await raw('/AuditEvent'), 400);
    await expectOutcome(await raw('/Consent/424242'), 404);
    await expectOutcome(await raw('/Consent/not-a-number'), 404);
    await expectOutcome(await raw('/Observation/1'), 404);
    await expectOutcome(await raw('/Consent/1', { method: 'DELETE' }), 405);
    await expectOutcome(await raw('/metadata', { headers: { accept: 'application/fhir+xml' } }), 406);
    await expectOutcome(await raw('/metadata', { headers: { accept: 'application/fhir+json; fhirVersion=4.0' } }), 406);
    await expectOutcome(await post('/Consent/$check-access', '{}', 'text/plain'), 415);
    await expectOutcome(
      await post('/Consent/$check-access', JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: 'colour', valueString: 'blue' }] })),
      400,
      'Parameters.parameter[0].name',
    );
    await expectOutcome(
      await post(
        '/Consent/$check-access',
        JSON.stringify({
          resourceType: 'Parameters',
          parameter: [
            { name: 'patient', valueReference: { reference: patientRef() } },
            { name: 'category', valueCoding: { system: RESOURCE_TYPES, code: 'Observation' } },
          ],
        }),
      ),
      422,
      'Parameters.parameter[1].valueCoding',
    );
    // A consent the hospital is no party of (Dave's to the laboratory) is not the hospital's to read.
    const toLab = api.tx.consent.grant(keys.charlie.address, ['Allergies'], ['Read'], ['Treatment'], Date.now() + DAY);
    const { events, error } = await submit(api, toLab, keys.dave);
    assert.equal(error, null);
    const labConsentId = eventsOf(events, 'consent', 'ConsentGranted')[0].data.consentId.toString();
    const forbidden = await expectOutcome(await raw(`/Consent/${labConsentId}`), 403);
    assert.match(forbidden.issue[0].diagnostics, /not/);
    assert.ok(gateway.isRunning());
    assert.equal((await raw('/metadata')).status, 200);
    // And the node behind it still serves and produces blocks.
    const before = (await api.rpc.chain.getHeader()).number.toNumber();
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    assert.ok((await api.rpc.chain.getHeader()).number.toNumber() > before);
  });

  test('every resource the gateway wrote is valid FHIR R5 (Python fhir.resources)', async () => {
    assert.ok(written.length >= 20, `${written.length} resources`);
    const verdicts = await validateR5(written);
    const invalid = verdicts
      .map((verdict, i) => ({ ...verdict, resourceType: written[i].resourceType }))
      .filter((verdict) => !verdict.valid);
    assert.deepEqual(invalid, []);
    // A negative control: the validator refuses R4's provision.type, which R5 dropped.
    const [r4] = await validateR5([{ resourceType: 'Consent', status: 'active', provision: [{ type: 'permit' }] }]);
    assert.equal(r4.valid, false);
  });

  test('the EHR table of R5 Consents is valid R5, and the gateway answers each as the table says', async () => {
    const table = JSON.parse(await readFile(new URL('../../../fhir/tests/ehr-consents.json', import.meta.url), 'utf8'));
    const verdicts = await validateR5(table.cases.map((c) => c.consent));
    verdicts.forEach((verdict, i) => assert.ok(verdict.valid, `${table.cases[i].name}: ${JSON.stringify(verdict.errors)}`));
    for (const { name, consent, grant, refused } of table.cases) {
      const response = await fetch(`${gateway.versionedUrl}/Consent/$prepare-grant`, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json' },
        body: JSON.stringify(consent),
      });
      const body = await response.json();
      if (grant) {
        assert.equal(response.status, 200, `${name}: ${JSON.stringify(body)}`);
        const codes = body.parameter.filter((p) => p.name === 'category').map((p) => p.valueCoding.code);
        assert.deepEqual(codes, grant.categories, name);
        // A sensitive category is granted sealed by the patient's wallet: no clear call for it.
        const sensitive = grant.categories.some((c) => ['MentalHealth', 'SubstanceUse', 'SexualReproductive', 'Genomics', 'Hiv'].includes(c));
        const has = (part) => body.parameter.some((p) => p.name === part);
        assert.deepEqual([has('call'), has('callOmitted')], [!sensitive, sensitive], name);
      } else {
        assert.equal(response.status, 422, `${name}: ${JSON.stringify(body)}`);
        assert.deepEqual(body.issue[0].expression, [`Consent.${refused}`], name);
      }
    }
  });
});
