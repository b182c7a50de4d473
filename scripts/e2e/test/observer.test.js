// The observer: a patient holds one pseudonym at a hospital, one at an HIV clinic and one for a
// study (and the hospital pseudonym has a guardian with a key of its own); each grants, is
// accessed, enrols and is paid. An observer holding the whole chain through the node's loopback
// RPC (every block, every event, every storage key and value at the head) and knowing the
// hospital pseudonym builds the graph of the accounts that co-occur in any extrinsic, event
// record or storage entry (provider accounts left out) and finds no path to the other two; nor
// do the raw bytes of any of it put two of the pseudonyms, or one's identity commitment beside
// another, together. A planted link (the study pseudonym pays the hospital one) is found.
// An emergency team breaks the glass on the pseudonym of the patient's card, and the data
// holders release to it and to the study on the wallet's off-chain authorisation, checked
// against the chain, without the pseudonyms meeting there.
// On the public face: reads without a party's signature are refused, the party's are answered,
// raw state is refused.
// Sealed scopes (PRIVACY.md goal 2): the clinic pseudonym grants HIV and the hospital pseudonym
// mental health, sealed, and the providers access them by tag. No block body, event or storage
// value names a sensitive category, decoded (names, bits 13-17 of a category set) or raw (the
// names' bytes, the unsalted tag of each); a planted one is found. Wrong, foreign, revoked and
// expired tags are refused with nothing written, and the patient's wallet decodes its logs into
// exactly the accesses made.
// Claims (issue 20): an insurer covers the patient under a fifth pseudonym, and the hospital bills
// the note it anchored under the hospital pseudonym; the graph, the raw bytes and the claims
// pallet's storage hold no path from one pseudonym to the other and no sensitive category.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { hexToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, decodeAddress, mnemonicGenerate } from '@polkadot/util-crypto';
import {
  SENSITIVE_CATEGORIES,
  encryptionKeyPair,
  openSealedScope,
  openStudyTags,
  openTag,
  patientEncryptionKeyPair,
  prepareSealedScope,
  prepareStudyTags,
  sealSaltTo,
  sealedTag,
  emergencyPseudonym,
  guardianKey,
  identityCommitment,
  providerPseudonym,
  releaseAuthorisation,
  studyPseudonym,
  verifyReleaseAuthorisation,
} from 'carechain-pseudonyms';

import { accessLogHead, rpc as rpcDefinitions, signedRead } from '../carechain-rpc.js';
import { anchorOf, claimCommitments } from '../lib/claims.js';
import { DEV_ARGS, freePort, startNode } from '../lib/node.js';
import { devAccounts, eventsOf, freshAccount, submit } from '../lib/tx.js';

const CARE = 10n ** 12n;
const DAY = 86_400_000n;
const LAB_RESULTS = ['LabResults'];
const MEDICATIONS = ['Medications'];
const READ = ['Read'];
const WRITE = ['Write'];
const TREAT = ['Treatment'];
const JUSTIFICATION = `0x${'e7'.repeat(32)}`;
/** The key of the record the hospital writes under the mental-health consent (and bills). */
const RECORD_KEY = blake2AsU8a(stringToU8a('the mental-health note of the observer test'));
/** Its anchor: a billable record is anchored as the hash of its key. */
const RECORD = u8aToHex(anchorOf(RECORD_KEY));
const DAY_MS = 86_400_000;

/** The storage key of the runtime's code (`:code`). */
const CODE_KEY = u8aToHex(stringToU8a(':code'));
/** The storage key of `System.Events`. */
const SYSTEM_EVENTS = '0x26aa394eea5630e07c48ae0c9558cef780d41e5e16056765bc8461851072c9d7';

/** A JSON-RPC call to `port` over HTTP: `{ result }` or `{ error }`. */
async function call(port, method, params = []) {
  const response = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    signal: AbortSignal.timeout(30_000),
  });
  return response.json();
}

/** Whether `needle` occurs in `haystack` (both byte arrays). */
function contains(haystack, needle) {
  const n = needle.length;
  outer: for (let i = 0; i + n <= haystack.length; i++) {
    for (let j = 0; j < n; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Everything the observer holds, as byte items: every extrinsic of every block, every event
 * record of every block, and every storage entry (key ++ value) at the head.
 */
async function chainItems(api, port) {
  const items = [];
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  for (let number = 0; number <= head; number++) {
    const hash = await api.rpc.chain.getBlockHash(number);
    const { block } = await api.rpc.chain.getBlock(hash);
    block.extrinsics.forEach((extrinsic, i) => items.push({ what: `extrinsic ${number}-${i}`, bytes: extrinsic.toU8a() }));
    const events = await api.query.system.events.at(hash);
    events.forEach((record, i) =>
      items.push({ what: `event ${number}-${i} ${record.event.section}.${record.event.method}`, bytes: record.toU8a(), record }),
    );
  }
  const at = (await api.rpc.chain.getBlockHash(head)).toHex();
  let start = null;
  for (;;) {
    const { result: keys } = await call(port, 'state_getKeysPaged', ['0x', 1000, start, at]);
    if (keys.length === 0) break;
    const { result: [changes] } = await call(port, 'state_queryStorageAt', [keys, at]);
    for (const [key, value] of changes.changes) {
      // `System.Events` at the head is the head block's event records, already items one by one.
      if (key === SYSTEM_EVENTS) continue;
      items.push({ what: `storage ${key.slice(0, 66)}`, bytes: new Uint8Array([...hexToU8a(key), ...hexToU8a(value ?? '0x')]) });
    }
    if (keys.length < 1000) break;
    start = keys[keys.length - 1];
  }
  return items;
}

const SENSITIVE_NAMES = Object.keys(SENSITIVE_CATEGORIES);
/** Bits 13-17 of a category set: the sensitive categories. */
const SENSITIVE_BITS = Object.values(SENSITIVE_CATEGORIES).reduce((mask, bit) => mask | (1 << bit), 0);
const TAG_DOMAIN = stringToU8a('carechain/sealed/1/tag');
/** A sensitive name as a decoded value shows it (`"Hiv"`, `"hiv"`, `"mentalHealth"`), in JSON. */
const SENSITIVE_NAME = new RegExp(`"(${SENSITIVE_NAMES.join('|')})"`, 'i');

/**
 * What a sensitive category looks like in raw bytes: its name as SCALE text (compact length,
 * then UTF-8), its tag with no salt, and its tag under an all-zero salt.
 */
const RAW_NEEDLES = SENSITIVE_NAMES.flatMap((name) => [
  { what: `${name} as SCALE text`, bytes: u8aConcat([name.length << 2], stringToU8a(name)) },
  { what: `${name}'s unsalted tag`, bytes: blake2AsU8a(u8aConcat(TAG_DOMAIN, [SENSITIVE_CATEGORIES[name]]), 128) },
  { what: `${name}'s tag under a zero salt`, bytes: hexToU8a(sealedTag(new Uint8Array(32), name)) },
]);

/** `categories` fields (a category bit set) holding a sensitive bit, anywhere in `json`. */
function sensitiveBits(json, path = '') {
  if (json === null || typeof json !== 'object') return [];
  return Object.entries(json).flatMap(([key, value]) =>
    key === 'categories' && typeof value === 'number' && (value & SENSITIVE_BITS) !== 0
      ? [`${path}.${key} = ${value.toString(2)}`]
      : sensitiveBits(value, `${path}.${key}`),
  );
}

/** Every decoded value of the pallets that keep consents, studies, patients and providers. */
async function decodedStorage(api) {
  const values = [];
  for (const section of ['consent', 'dataRewards', 'patientIdentity', 'providerRegistry', 'claims']) {
    for (const [name, query] of Object.entries(api.query[section])) {
      const entries = query.creator.meta.type.isMap ? (await query.entries()).map(([, v]) => v) : [await query()];
      for (const value of entries) values.push({ what: `storage ${section}.${name}`, value });
    }
  }
  return values;
}

/**
 * Where the observer finds a sensitive category: decoded (a name in any extrinsic, event or
 * pallet storage value; a sensitive bit in any category set) or raw (a needle of
 * [`RAW_NEEDLES`] in any block body, event record or storage entry, the runtime's code aside:
 * its metadata names every type).
 */
async function sensitiveFindings(api, items) {
  const findings = [];
  const decoded = [];
  for (const { what, bytes, record } of items) {
    if (what.startsWith('extrinsic')) decoded.push({ what, value: api.createType('Extrinsic', bytes).method });
    if (record) decoded.push({ what, value: record.event });
  }
  decoded.push(...(await decodedStorage(api)));
  for (const { what, value } of decoded) {
    for (const json of [value.toHuman(), value.toJSON()]) {
      const text = JSON.stringify(json);
      const name = text.match(SENSITIVE_NAME);
      if (name) findings.push(`${what}: the name ${name[1]}`);
      for (const bits of sensitiveBits(json)) findings.push(`${what}: ${bits}`);
    }
  }
  for (const { what, bytes } of items) {
    if (what.startsWith(`storage ${CODE_KEY}`)) continue;
    for (const needle of RAW_NEEDLES) if (contains(bytes, needle.bytes)) findings.push(`${what}: ${needle.what}`);
  }
  return [...new Set(findings)];
}

/** Every account the observer can enumerate: those with an account entry, and every signer. */
async function knownAccounts(api, items) {
  const accounts = new Set((await api.query.system.account.keys()).map((key) => key.args[0].toString()));
  for (const { what, bytes } of items) {
    if (!what.startsWith('extrinsic')) continue;
    const extrinsic = api.createType('Extrinsic', bytes);
    if (extrinsic.isSigned) accounts.add(extrinsic.signer.toString());
  }
  return accounts;
}

/** The accounts of the provider registry: providers and their staff. */
async function providerAccounts(api) {
  const providers = (await api.query.providerRegistry.providers.keys()).map((key) => key.args[0].toString());
  const staff = (await api.query.providerRegistry.staffOf.keys()).map((key) => key.args[0].toString());
  return new Set([...providers, ...staff]);
}

/** The co-occurrence graph: account -> accounts it shares an item with (providers left out). */
function coOccurrence(items, accounts, excluded) {
  const keyed = [...accounts].filter((a) => !excluded.has(a)).map((a) => [a, decodeAddress(a)]);
  const graph = new Map(keyed.map(([a]) => [a, new Set()]));
  for (const { bytes } of items) {
    const present = keyed.filter(([, key]) => contains(bytes, key)).map(([a]) => a);
    for (const a of present) for (const b of present) if (a !== b) graph.get(a).add(b);
  }
  return graph;
}

/** The accounts reachable from `start` in `graph`, with the path to each. */
function reachable(graph, start) {
  const paths = new Map([[start, [start]]]);
  const queue = [start];
  while (queue.length > 0) {
    const at = queue.shift();
    for (const next of graph.get(at) ?? []) {
      if (paths.has(next)) continue;
      paths.set(next, [...paths.get(at), next]);
      queue.push(next);
    }
  }
  return paths;
}

describe('an observer holding the whole chain', () => {
  let node;
  let api;
  let publicApi;
  let publicPort;
  let keys;
  let hospital;
  let clinic;
  let study;
  let guardian;
  let emergency;
  let insured; // the patient's pseudonym for the insurer
  let claimId;
  let phrase;
  let studyId;
  const commitments = {};
  /** Each provider's X25519 key pair, by dev name. */
  const providerKeys = {};
  /** The sealed consents granted in `before`: `{ consentId, salt, tag }` by name. */
  const sealedConsents = {};
  /** The salt the institute published with the study's protocol. */
  let studySalt;

  before(async () => {
    publicPort = await freePort();
    node = await startNode({ args: [...DEV_ARGS, '--public-rpc-addr', `127.0.0.1:${publicPort}`], rpc: rpcDefinitions });
    api = node.api;
    keys = await devAccounts();
    // The genesis block has no timestamp: read the time once a block is built.
    while ((await api.rpc.chain.getHeader()).number.toNumber() < 1) await new Promise((r) => setTimeout(r, 200));
    const now = (await api.query.timestamp.now()).toBigInt();

    // Ferdie (a research institute) opens a study of lab results and substance use, the latter
    // sealed under a salt it publishes with the protocol; the patient's pseudonyms follow.
    const studyTags = await prepareStudyTags(['LabResults', 'SubstanceUse']);
    studySalt = studyTags.salt;
    const create = api.tx.dataRewards.createStudySealed(
      LAB_RESULTS,
      studyTags.tags,
      2n * CARE,
      3,
      now + DAY,
      now + 30n * DAY,
      `0x${'33'.repeat(32)}`,
    );
    const created = await submit(api, create, keys.ferdie);
    assert.equal(created.error, null);
    studyId = eventsOf(created.events, 'dataRewards', 'StudyCreated')[0].data.studyId.toNumber();
    phrase = mnemonicGenerate();
    hospital = await providerPseudonym(phrase, keys.bob.address);
    clinic = await providerPseudonym(phrase, keys.charlie.address);
    study = await studyPseudonym(phrase, studyId);
    emergency = await emergencyPseudonym(phrase);
    guardian = await guardianKey(mnemonicGenerate(), hospital.address);

    // Each data holder onboards the pseudonym it knows, with a commitment salted for it.
    // The emergency pseudonym (on the patient's card) is onboarded by the laboratory.
    const onboarders = [[hospital, keys.bob], [clinic, keys.charlie], [study, keys.ferdie], [emergency, keys.charlie]];
    for (const [pair, provider] of onboarders) {
      commitments[pair.address] = await identityCommitment(phrase, pair.address, 'NHS 943 476 5919');
      const onboard = api.tx.patientIdentity.onboard(pair.address, commitments[pair.address]);
      assert.equal((await submit(api, onboard, provider)).error, null);
    }
    const ok = async (tx, signer) => assert.equal((await submit(api, tx, signer)).error, null);
    // The hospital pseudonym grants lab results and is accessed.
    await ok(api.tx.consent.grant(keys.bob.address, LAB_RESULTS, READ, TREAT, now + 10n * DAY), hospital);
    await ok(api.tx.consent.recordAccess(hospital.address, 'LabResults', 'Treatment', 'Read', null), keys.bob);
    // Its guardian, with a key for this ward only that never holds a token, grants for it: the
    // appointment lets the key sign, and the call is fee-free, counted against the ward.
    await ok(api.tx.patientIdentity.addGuardian(guardian.address, null), hospital);
    const forWard = api.tx.consent.grant(keys.bob.address, MEDICATIONS, READ, TREAT, now + 5n * DAY);
    const acted = await submit(api, api.tx.patientIdentity.asGuardian(hospital.address, forWard), guardian);
    assert.equal(acted.error, null);
    assert.ok(eventsOf(acted.events, 'patientIdentity', 'GuardianActed')[0].data.result.isOk);
    assert.equal((await api.query.system.account(guardian.address)).data.free.toBigInt(), 0n);
    assert.equal(eventsOf(acted.events, 'transactionPayment', 'TransactionFeePaid').length, 0, 'no fee');
    // The HIV clinic and the hospital publish their encryption keys; the clinic pseudonym grants
    // HIV data and the hospital pseudonym mental health, sealed by the wallet to the patient's
    // key and the grantee's, and the providers access them by tag.
    for (const [provider, name] of [[keys.charlie, 'charlie'], [keys.bob, 'bob'], [keys.ferdie, 'ferdie']]) {
      providerKeys[name] = await encryptionKeyPair(crypto.getRandomValues(new Uint8Array(32)));
      await ok(api.tx.providerRegistry.setEncryptionKey(u8aToHex(providerKeys[name].publicKey)), provider);
    }
    const sealedGrant = async (pseudonymPair, provider, providerKey, category, actions) => {
      const patientKey = await patientEncryptionKeyPair(phrase, pseudonymPair.address);
      const { salt, sealed } = await prepareSealedScope([category], [patientKey.publicKey, providerKey.publicKey]);
      const granted = await submit(
        api,
        api.tx.consent.grantSealed(provider.address, [], sealed, actions, TREAT, now + 10n * DAY),
        pseudonymPair,
      );
      assert.equal(granted.error, null);
      const consentId = eventsOf(granted.events, 'consent', 'ConsentGranted')[0].data.consentId.toNumber();
      return { consentId, salt, tag: sealedTag(salt, category) };
    };
    sealedConsents.hiv = await sealedGrant(clinic, keys.charlie, providerKeys.charlie, 'Hiv', READ);
    sealedConsents.mental = await sealedGrant(hospital, keys.bob, providerKeys.bob, 'MentalHealth', [...READ, ...WRITE]);
    await ok(api.tx.consent.recordSealedAccess(clinic.address, sealedConsents.hiv.tag, 'Treatment', 'Read', null), keys.charlie);
    await ok(
      api.tx.consent.recordSealedAccess(hospital.address, sealedConsents.mental.tag, 'Treatment', 'Write', RECORD),
      keys.bob,
    );
    // The hospital asks the hospital pseudonym for its genomic data, sealed to the patient's key
    // (which the patient gave it at onboarding) and its own; the patient's wallet opens the
    // request, shows what it asks for, and approves; the hospital reads by tag.
    const hospitalKey = await patientEncryptionKeyPair(phrase, hospital.address);
    const asked = await prepareSealedScope(['Genomics'], [hospitalKey.publicKey, providerKeys.bob.publicKey]);
    await ok(api.tx.consent.requestAccessSealed(hospital.address, [], asked.sealed, READ, TREAT, DAY, JUSTIFICATION), keys.bob);
    const [pending] = (await api.rpc.consent.pendingRequests(hospital.address, await signedRead(api, hospital, 'consent_pendingRequests', [hospital.address]))).toJSON();
    assert.deepEqual(pending.categories, [], 'the request names no category in clear');
    assert.deepEqual((await openSealedScope(pending.sealed, hospitalKey)).categories, ['Genomics']);
    const approved = await submit(api, api.tx.consent.approveRequest(pending.id), hospital);
    assert.equal(approved.error, null);
    const genomicsConsent = eventsOf(approved.events, 'consent', 'ConsentGranted')[0].data.consentId.toNumber();
    sealedConsents.genomics = { consentId: genomicsConsent, salt: asked.salt, tag: sealedTag(asked.salt, 'Genomics') };
    await ok(api.tx.consent.recordSealedAccess(hospital.address, sealedConsents.genomics.tag, 'Treatment', 'Read', null), keys.bob);
    // The study pseudonym's wallet checks the chain's tags against the protocol it was given,
    // enrols with the protocol's salt boxed to itself and the institute, and is paid; the
    // institute reads the substance-use data by tag, for research.
    const terms = (await api.rpc.rewards.study(studyId)).unwrap().toJSON();
    assert.deepEqual(openStudyTags(studySalt, terms.sealedTags), ['SubstanceUse']);
    const studyKey = await patientEncryptionKeyPair(phrase, study.address);
    const boxes = await sealSaltTo(studySalt, [studyKey.publicKey, providerKeys.ferdie.publicKey]);
    const enrolled = await submit(api, api.tx.dataRewards.enrollSealed(studyId, boxes), study);
    assert.equal(enrolled.error, null);
    const researchConsent = eventsOf(enrolled.events, 'dataRewards', 'Enrolled')[0].data.consentId.toNumber();
    sealedConsents.research = { consentId: researchConsent, salt: studySalt, tag: sealedTag(studySalt, 'SubstanceUse') };
    await ok(api.tx.consent.recordSealedAccess(study.address, sealedConsents.research.tag, 'Research', 'Read', null), keys.ferdie);
    await ok(api.tx.dataRewards.confirmContribution(studyId, study.address, `0x${'44'.repeat(32)}`), keys.ferdie);
    assert.equal((await api.query.system.account(study.address)).data.free.toBigInt(), 2n * CARE);
    // The hospital's emergency team, which never saw the patient, breaks the glass on the card's
    // pseudonym.
    await ok(api.tx.consent.emergencyAccess(emergency.address, LAB_RESULTS, JUSTIFICATION), keys.bob);
    // An insurer covers the patient under its own pseudonym, which accepts the coverage; the
    // hospital bills the mental-health note it anchored under the hospital pseudonym, with a
    // commitment only the insurer (told the pseudonym and the key off chain) can open; the
    // insurer checks it and pays in part.
    const insurer = await freshAccount('observer-insurer');
    await ok(api.tx.balances.transferKeepAlive(insurer.address, 5_000n * CARE), keys.alice);
    await ok(api.tx.providerRegistry.apply('Insurer', 'Observer Mutual', 'GB', `0x${'52'.repeat(32)}`), insurer);
    await ok(api.tx.sudo.sudo(api.tx.providerRegistry.approve(insurer.address)), keys.alice);
    insured = await providerPseudonym(phrase, insurer.address);
    commitments[insured.address] = await identityCommitment(phrase, insured.address, 'NHS 943 476 5919');
    const today = Math.floor(Number(now) / DAY_MS);
    const plan = { filingLimitDays: 90, perClaimCap: 1_000n * CARE, coverageCap: 5_000n * CARE, priorAuthorisation: 0, promptPayDays: 1, appealWindowDays: 30 };
    // One extrinsic of the insurer's: it names the insured pseudonym and nobody else.
    const setUp = api.tx.utility.batchAll([
      api.tx.patientIdentity.onboard(insured.address, commitments[insured.address]),
      api.tx.claims.setPlan(1, plan),
      api.tx.claims.fundFloat(1_000n * CARE),
      api.tx.claims.registerCoverage(insured.address, 1, today - 30, today + 300, `0x${'98'.repeat(32)}`),
    ]);
    const registered = await submit(api, setUp, insurer);
    assert.equal(registered.error, null);
    const coverageId = eventsOf(registered.events, 'claims', 'CoverageRegistered')[0].data.coverageId.toNumber();
    await ok(api.tx.claims.acceptCoverage(coverageId), insured);
    const billing = claimCommitments(api, { hospitalPseudonym: hospital.address, recordKeys: [RECORD_KEY], serviceDate: today, organisation: keys.bob.address });
    const claim = { claimUse: 'Claim', setting: 'Outpatient', serviceDate: today, amount: 150n * CARE, claimHash: `0x${'97'.repeat(32)}`, ...billing, priorAuthorisation: null };
    const billed = await submit(api, api.tx.claims.submitClaim(coverageId, claim), keys.bob);
    assert.equal(billed.error, null);
    claimId = eventsOf(billed.events, 'claims', 'ClaimSubmitted')[0].data.claimId.toNumber();
    assert.ok((await api.call.claimsApi.verifyService(claimId, hospital.address, [u8aToHex(RECORD_KEY)])).isOk, 'the opening holds');
    const feeSchedule = [{ group: 'ContractualObligation', reason: 'FeeSchedule', remark: null }];
    await ok(api.tx.claims.adjudicate(claimId, 'Partial', 100n * CARE, 20n * CARE, feeSchedule), insurer);

    publicApi = await ApiPromise.create({
      provider: new WsProvider(`ws://127.0.0.1:${publicPort}`, 1_000),
      noInitWarn: true,
      rpc: rpcDefinitions,
    });
  });

  after(async () => {
    await publicApi?.disconnect();
    await node?.stop();
  });

  test('finds no path from the hospital pseudonym to the others, in the graph or the raw bytes', async (t) => {
    const items = await chainItems(api, node.rpcPort);
    const accounts = await knownAccounts(api, items);
    const providers = await providerAccounts(api);
    for (const pair of [hospital, clinic, study, guardian, emergency, insured]) accounts.add(pair.address);
    const graph = coOccurrence(items, accounts, providers);
    const paths = reachable(graph, hospital.address);
    t.diagnostic(
      `${items.length} items, ${accounts.size} accounts (${providers.size} providers left out); ` +
        `reachable from the hospital pseudonym: ${[...paths.keys()].length}`,
    );
    // The claim is among what the observer holds: its events and its stored state.
    assert.ok(items.some(({ what }) => what.endsWith('claims.ClaimAdjudicated')), 'the claim was evented');
    assert.ok((await api.call.claimsApi.claim(claimId)).isSome, 'the claim is stored');
    // The guardian is the hospital pseudonym's own relationship, and is reached.
    assert.ok(paths.has(guardian.address), 'the guardian key co-occurs with its ward');
    for (const other of [clinic, study, emergency, insured]) {
      assert.ok(!paths.has(other.address), `a path to ${other.address}: ${paths.get(other.address)?.join(' -> ')}`);
    }

    // Raw bytes: no item holds two pseudonyms, and a commitment only ever sits beside its own.
    const pseudonyms = [hospital, clinic, study, emergency, insured].map((pair) => [pair.address, decodeAddress(pair.address)]);
    for (const { what, bytes } of items) {
      const present = pseudonyms.filter(([, key]) => contains(bytes, key)).map(([address]) => address);
      assert.ok(present.length <= 1, `${what} holds ${present.length} pseudonyms`);
      for (const [address, commitment] of Object.entries(commitments)) {
        if (!contains(bytes, hexToU8a(commitment))) continue;
        assert.deepEqual(present, [address], `${what} holds the commitment of ${address} beside ${present}`);
      }
    }
    // The events name parties and ids, never a scope, an expiry or a justification.
    const consentEvents = items.filter(({ record }) => record?.event.section === 'consent');
    assert.ok(consentEvents.length >= 6, 'grants and accesses were evented');
    const scopeFields = ['categories', 'category', 'actions', 'purposes', 'expiresAt', 'justificationHash', 'entry'];
    for (const { what, record } of consentEvents) {
      const fields = record.event.data.names ?? [];
      assert.deepEqual(fields.filter((field) => scopeFields.includes(field)), [], `${what} carries ${fields}`);
    }
  });

  test('finds no sensitive category anywhere: decoded, as bits, or raw', async (t) => {
    const items = await chainItems(api, node.rpcPort);
    const findings = await sensitiveFindings(api, items);
    t.diagnostic(`${items.length} items scanned for ${RAW_NEEDLES.length} raw needles`);
    assert.deepEqual(findings, []);
    // The study is there as five tags, and the sealed consents (granted, requested, enrolled)
    // as tags, five each, and the salts as boxes.
    assert.equal((await api.query.dataRewards.sealedStudyTags(studyId)).unwrap().length, 5);
    assert.equal((await api.query.dataRewards.studies(studyId)).unwrap().categories.toNumber(), 1 << 5);
    for (const { consentId } of Object.values(sealedConsents)) {
      const [patient, grantee] = (await api.query.consent.consentParties(consentId)).unwrap();
      const pair = await api.query.consent.consentsByPair(patient, grantee);
      const terms = pair.find((entry) => entry.id.toNumber() === consentId);
      assert.equal(terms.sealedTags.unwrap().length, 5);
      assert.equal(terms.categories.toNumber() & SENSITIVE_BITS, 0, 'no sensitive category in clear');
      assert.equal((await api.query.consent.sealedSalts(consentId)).unwrap().length, 3);
    }
  });

  test('refuses a wrong tag, another consent\'s tag, a revoked and an expired consent, writing nothing', async () => {
    const logCount = async (pair) => (await api.query.consent.accessLogs(pair.address)).count.toNumber();
    const before = { clinic: await logCount(clinic), hospital: await logCount(hospital) };
    const refused = async (patient, tag, provider) => {
      const { error } = await submit(api, api.tx.consent.recordSealedAccess(patient.address, tag, 'Treatment', 'Read', null), provider);
      assert.equal(error, 'consent.NoValidConsent', `${tag} by ${provider.address}`);
    };
    // The access question by tag, as a clinic asks it; by a sensitive name, refused.
    const ask = (patient, accessor, category) =>
      call(node.rpcPort, 'consent_checkAccess', [patient.address, accessor.address, category, 'read', 'TREAT']);
    assert.equal((await ask(clinic, keys.charlie, sealedConsents.hiv.tag)).result.decision, 'permit');
    assert.equal((await ask(clinic, keys.bob, sealedConsents.hiv.tag)).result.reason, 'NoConsent');
    assert.equal((await ask(clinic, keys.charlie, 'Hiv')).error.data.field, 'category');
    // A tag of no consent, and each consent's tag used by the other provider.
    await refused(clinic, u8aToHex(crypto.getRandomValues(new Uint8Array(16))), keys.charlie);
    await refused(clinic, sealedConsents.hiv.tag, keys.bob);
    await refused(hospital, sealedConsents.mental.tag, keys.charlie);
    // The HIV consent's tag for another sensitive category it does not cover.
    await refused(clinic, sealedTag(sealedConsents.hiv.salt, 'Genomics'), keys.charlie);
    // A revoked consent, and one that expired.
    const now = (await api.query.timestamp.now()).toBigInt();
    const patientKey = await patientEncryptionKeyPair(phrase, clinic.address);
    const grantFor = async (expiresAt) => {
      const { salt, sealed } = await prepareSealedScope(['Hiv'], [patientKey.publicKey, providerKeys.charlie.publicKey]);
      const granted = await submit(api, api.tx.consent.grantSealed(keys.charlie.address, [], sealed, READ, TREAT, expiresAt), clinic);
      assert.equal(granted.error, null);
      return { id: eventsOf(granted.events, 'consent', 'ConsentGranted')[0].data.consentId, tag: sealedTag(salt, 'Hiv') };
    };
    const revoked = await grantFor(now + DAY);
    assert.equal((await submit(api, api.tx.consent.revoke(revoked.id), clinic)).error, null);
    await refused(clinic, revoked.tag, keys.charlie);
    // Expiring a few blocks after its grant is included.
    const ends = (await api.query.timestamp.now()).toBigInt() + 8_000n;
    const expiring = await grantFor(ends);
    while ((await api.query.timestamp.now()).toBigInt() < ends) await new Promise((r) => setTimeout(r, 250));
    await refused(clinic, expiring.tag, keys.charlie);
    assert.deepEqual({ clinic: await logCount(clinic), hospital: await logCount(hospital) }, before);
  });

  test('the patient\'s wallet opens its consents and reads its logs as exactly the accesses made', async () => {
    const read = async (pair, method, params) => {
      const auth = await signedRead(api, pair, method, params);
      return (await call(node.rpcPort, method, [...params, auth])).result;
    };
    const decodedLog = async (pair) => {
      const keyPair = await patientEncryptionKeyPair(phrase, pair.address);
      const log = await read(pair, 'consent_accessLog', [pair.address]);
      assert.equal(accessLogHead(log.recent, log.since), log.head, 'the head recomputed from the entries, tags and all');
      const entries = [];
      for (const entry of log.recent) {
        let category = entry.category;
        if (entry.sealedTag) {
          const consent = await read(pair, 'consent_get', [entry.consentId]);
          const opened = await openSealedScope(consent.sealed, keyPair);
          assert.ok(opened, `the patient's key opens consent ${entry.consentId}`);
          category = openTag(opened.salt, entry.sealedTag);
        }
        entries.push({ accessor: entry.accessor, category, action: entry.action, recordHash: entry.recordHash });
      }
      return entries;
    };
    assert.deepEqual(await decodedLog(clinic), [
      { accessor: keys.charlie.address, category: 'Hiv', action: 'read', recordHash: null },
    ]);
    assert.deepEqual(await decodedLog(hospital), [
      { accessor: keys.bob.address, category: 'LabResults', action: 'read', recordHash: null },
      { accessor: keys.bob.address, category: 'MentalHealth', action: 'write', recordHash: RECORD },
      { accessor: keys.bob.address, category: 'Genomics', action: 'read', recordHash: null },
    ]);
    assert.deepEqual(await decodedLog(study), [
      { accessor: keys.ferdie.address, category: 'SubstanceUse', action: 'read', recordHash: null },
    ]);
    // The grantee's key opens its own consent, and no other party's key does.
    const mental = await read(hospital, 'consent_get', [sealedConsents.mental.consentId]);
    assert.deepEqual((await openSealedScope(mental.sealed, providerKeys.bob)).categories, ['MentalHealth']);
    assert.equal(await openSealedScope(mental.sealed, providerKeys.charlie), null);
    // The anchor of the written record keeps the tag, not the category.
    const anchor = await read(hospital, 'consent_verifyRecord', [hospital.address, RECORD]);
    assert.deepEqual([anchor.category, anchor.sealedTag], ['sealed', sealedConsents.mental.tag]);
  });

  test('data holders release to the study and the emergency team on the wallet\'s authorisation, checked on chain', async () => {
    const genesisHash = api.genesisHash.toHex();
    const check = async (patient, accessor, purpose) =>
      (await api.call.consentApi.checkAccess(patient, accessor, 'LabResults', 'Read', purpose)).isPermit;

    // The hospital is asked by the institute for the lab results of its participant.
    const toStudy = await releaseAuthorisation(phrase, { holder: keys.bob.address, to: { study: studyId }, genesisHash });
    assert.equal(toStudy.holder, hospital.address, 'signed by the pseudonym the hospital knows');
    assert.equal(toStudy.recipient, study.address);
    assert.equal(toStudy.purpose, `study:${studyId}`);
    assert.ok(await verifyReleaseAuthorisation(toStudy, genesisHash));
    assert.ok(await check(toStudy.recipient, keys.ferdie.address, 'Research'), 'the study consent lets the institute read');
    assert.ok(!(await check(toStudy.recipient, keys.ferdie.address, 'Treatment')), 'for research only');

    // The laboratory is asked by the emergency team about the patient of the card.
    const toTeam = await releaseAuthorisation(phrase, { holder: keys.charlie.address, to: { emergency: true }, genesisHash });
    assert.equal(toTeam.holder, clinic.address);
    assert.equal(toTeam.recipient, emergency.address);
    assert.ok(await verifyReleaseAuthorisation(toTeam, genesisHash));
    assert.ok(await check(toTeam.recipient, keys.bob.address, 'EmergencyTreatment'), 'the break-glass consent');

    // What a holder must refuse: a recipient swapped in, another chain, a signature by anyone
    // but its patient's pseudonym.
    assert.ok(!(await verifyReleaseAuthorisation({ ...toTeam, recipient: study.address }, genesisHash)));
    assert.ok(!(await verifyReleaseAuthorisation(toTeam, `0x${'00'.repeat(32)}`)));
    assert.ok(!(await verifyReleaseAuthorisation({ ...toStudy, holder: clinic.address }, genesisHash)));
    assert.ok(!(await verifyReleaseAuthorisation({ ...toStudy, purpose: 'study:x' }, genesisHash)));
  });

  test('finds the link planted on purpose: the study pseudonym pays the hospital pseudonym', async () => {
    const transfer = api.tx.balances.transferKeepAlive(hospital.address, CARE / 10n);
    assert.equal((await submit(api, transfer, study)).error, null);
    const items = await chainItems(api, node.rpcPort);
    const accounts = await knownAccounts(api, items);
    for (const pair of [hospital, clinic, study, guardian, emergency, insured]) accounts.add(pair.address);
    const paths = reachable(coOccurrence(items, accounts, await providerAccounts(api)), hospital.address);
    assert.deepEqual(paths.get(study.address), [hospital.address, study.address]);
    assert.ok(!paths.has(clinic.address), 'the clinic pseudonym is still out of reach');
    assert.ok(!paths.has(emergency.address), 'and so is the emergency pseudonym');
  });

  test('on the public face, only a party\'s signed read is answered and raw state is refused', async () => {
    const address = hospital.address;
    // No signature: refused, naming `auth`.
    const unsigned = await call(publicPort, 'consent_listByPatient', [address]);
    assert.equal(unsigned.error?.data?.field, 'auth');
    // Signed by someone else (the clinic pseudonym is another account): not a party.
    const otherAuth = await signedRead(publicApi, clinic, 'consent_listByPatient', [address]);
    const other = await call(publicPort, 'consent_listByPatient', [address, otherAuth]);
    assert.equal(other.error?.data?.reason, 'notAParty');
    // Signed over another patient's parameters: a bad signature.
    const wrongAuth = await signedRead(publicApi, hospital, 'consent_listByPatient', [clinic.address]);
    const wrong = await call(publicPort, 'consent_listByPatient', [address, wrongAuth]);
    assert.equal(wrong.error?.data?.reason, 'badSignature');
    // The pseudonym itself, and its guardian, are answered.
    for (const party of [hospital, guardian]) {
      const auth = await signedRead(publicApi, party, 'consent_listByPatient', [address]);
      const consents = (await publicApi.rpc.consent.listByPatient(address, auth)).toJSON();
      assert.equal(consents.length, 4);
      assert.ok(consents.every((consent) => consent.patient === address));
    }
    // Raw state of the pseudonym is not served publicly.
    const patientKey = api.query.patientIdentity.patients.key(address);
    const raw = await call(publicPort, 'state_getStorage', [patientKey]);
    assert.ok(raw.error, 'state_getStorage of a patient record is refused publicly');
    assert.ok((await call(node.rpcPort, 'state_getStorage', [patientKey])).result, 'and answered on loopback');
  });

  test('finds a sensitive category planted on purpose: a remark naming HIV and its unsalted tag', async () => {
    const planted = api.tx.utility.batchAll([
      // Text is encoded as its UTF-8 bytes; hex as the bytes it spells.
      api.tx.system.remarkWithEvent('Hiv'),
      api.tx.system.remark(u8aToHex(RAW_NEEDLES.find((n) => n.what === "Hiv's unsalted tag").bytes)),
    ]);
    assert.equal((await submit(api, planted, keys.eve)).error, null);
    const findings = await sensitiveFindings(api, await chainItems(api, node.rpcPort));
    assert.ok(findings.some((f) => f.startsWith('extrinsic') && f.endsWith('the name Hiv')), findings.join('\n'));
    assert.ok(findings.some((f) => f.endsWith('Hiv as SCALE text')), findings.join('\n'));
    assert.ok(findings.some((f) => f.endsWith("Hiv's unsalted tag")), findings.join('\n'));
  });
});
