// The pseudonym derivation (scripts/pseudonyms, scheme v1): one account per relationship from
// one secret phrase, reproducible, distinct per relationship, and the same in Rust (the node's
// `carechain key inspect`, i.e. sp-core) as in JavaScript; release authorisations signed by the
// holder pseudonym and bound to the chain, the recipient and the purpose.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mnemonicGenerate } from '@polkadot/util-crypto';
import {
  commitmentSalt,
  emergencyPseudonym,
  guardianKey,
  identityCommitment,
  providerPseudonym,
  pseudonymPath,
  releaseAuthorisation,
  releaseMessage,
  studyPseudonym,
  verifyReleaseAuthorisation,
} from 'carechain-pseudonyms';

import { runNodeCommand } from '../lib/node.js';

const HOSPITAL = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const HIV_CLINIC = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y';

test('one phrase gives one reproducible pseudonym per relationship, and no two alike', async () => {
  const phrase = mnemonicGenerate();
  const accounts = [
    await providerPseudonym(phrase, HOSPITAL),
    await providerPseudonym(phrase, HIV_CLINIC),
    await studyPseudonym(phrase, 7),
    await studyPseudonym(phrase, 8),
    await emergencyPseudonym(phrase),
  ].map((pair) => pair.address);
  assert.equal(new Set(accounts).size, accounts.length);
  assert.equal((await providerPseudonym(phrase, HOSPITAL)).address, accounts[0]);
  // Another patient's pseudonym at the same hospital is another account.
  assert.notEqual((await providerPseudonym(mnemonicGenerate(), HOSPITAL)).address, accounts[0]);
  // A guardian holds one key per ward pseudonym, from the guardian's own phrase.
  const guardian = mnemonicGenerate();
  const [atHospital, atClinic] = [await guardianKey(guardian, accounts[0]), await guardianKey(guardian, accounts[1])];
  assert.notEqual(atHospital.address, atClinic.address);
  assert.equal(pseudonymPath({ study: 7 }), '//carechain//1//study//7');
  assert.throws(() => pseudonymPath({}), /a relationship names/);
  await assert.rejects(providerPseudonym('not a phrase', HOSPITAL), /not a valid BIP-39/);
});

test('Rust derives the same accounts from the same paths', async () => {
  const phrase = mnemonicGenerate();
  for (const [relationship, pair] of [
    [{ provider: HOSPITAL }, await providerPseudonym(phrase, HOSPITAL)],
    [{ study: 7 }, await studyPseudonym(phrase, 7)],
    [{ emergency: true }, await emergencyPseudonym(phrase)],
    [{ ward: HOSPITAL }, await guardianKey(phrase, HOSPITAL)],
  ]) {
    const uri = `${phrase}${pseudonymPath(relationship)}`;
    const run = await runNodeCommand(['key', 'inspect', '--scheme', 'sr25519', '--output-type', 'json', uri]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).ss58Address, pair.address, pseudonymPath(relationship));
  }
});

test('identity commitments are salted per pseudonym with a salt only the phrase yields', async () => {
  const phrase = mnemonicGenerate();
  const identifiers = 'NHS 943 476 5919|1980-02-29';
  const hospital = (await providerPseudonym(phrase, HOSPITAL)).address;
  const clinic = (await providerPseudonym(phrase, HIV_CLINIC)).address;
  const [atHospital, atClinic] = [
    await identityCommitment(phrase, hospital, identifiers),
    await identityCommitment(phrase, clinic, identifiers),
  ];
  assert.notEqual(atHospital, atClinic, 'two pseudonyms never share a commitment');
  assert.equal(await identityCommitment(phrase, hospital, identifiers), atHospital);
  assert.notEqual(await identityCommitment(mnemonicGenerate(), hospital, identifiers), atHospital);
  assert.equal((await commitmentSalt(phrase, hospital)).length, 32);
});

test('a release authorisation is the holder pseudonym\'s signature over the chain, the recipient and the purpose', async () => {
  const phrase = mnemonicGenerate();
  const genesisHash = `0x${'ab'.repeat(32)}`;
  const authorisation = await releaseAuthorisation(phrase, { holder: HOSPITAL, to: { study: 7 }, genesisHash });
  assert.deepEqual(
    { holder: authorisation.holder, recipient: authorisation.recipient, purpose: authorisation.purpose },
    { holder: (await providerPseudonym(phrase, HOSPITAL)).address, recipient: (await studyPseudonym(phrase, 7)).address, purpose: 'study:7' },
  );
  assert.equal(
    releaseMessage({ genesisHash, ...authorisation }),
    `carechain/release/1:${genesisHash}:${authorisation.holder}:${authorisation.recipient}:study:7`,
  );
  assert.ok(await verifyReleaseAuthorisation(authorisation, genesisHash));
  const emergency = await releaseAuthorisation(phrase, { holder: HIV_CLINIC, to: { emergency: true }, genesisHash });
  assert.equal(emergency.recipient, (await emergencyPseudonym(phrase)).address);
  assert.ok(await verifyReleaseAuthorisation(emergency, genesisHash));
  // Anything changed, and it no longer verifies.
  for (const forged of [
    { ...authorisation, purpose: 'study:8' },
    { ...authorisation, purpose: 'emergency' },
    { ...authorisation, recipient: emergency.recipient },
    { ...authorisation, holder: emergency.holder },
    { ...authorisation, signature: emergency.signature },
    { ...authorisation, signature: '0x1234' },
    { ...authorisation, purpose: undefined },
  ]) {
    assert.equal(await verifyReleaseAuthorisation(forged, genesisHash), false, JSON.stringify(forged));
  }
  assert.equal(await verifyReleaseAuthorisation(authorisation, `0x${'cd'.repeat(32)}`), false, 'another chain');
  assert.equal(await verifyReleaseAuthorisation(authorisation, 'not a hash'), false);
  await assert.rejects(releaseAuthorisation(phrase, { holder: HOSPITAL, to: { ward: HOSPITAL }, genesisHash }), /a release goes to/);
});
