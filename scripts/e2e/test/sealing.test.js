// Sealed scopes in the patient's wallet (scripts/pseudonyms/sealing.js, scheme v1): the tags are
// the runtime's (`carechain_primitives::sealed`, the same vectors as
// `sealing/tests/libsodium_vectors.rs`), every scope is five sorted tags whatever it covers, a salt
// sealed to a key opens with that key only, and a box sealed by the Rust crate
// (`carechain-sealing`, RustCrypto's crypto_box) opens here. No node needed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { mnemonicGenerate } from '@polkadot/util-crypto';
import {
  SEALED_SALT_BOXES,
  SEALED_TAGS,
  checkSealedScope,
  encryptionKeyPair,
  openSealedScope,
  openStudyTags,
  prepareSealedScope,
  prepareStudyTags,
  sealSaltTo,
  newConsentSalt,
  openSalt,
  openScope,
  openTag,
  paddingTag,
  patientEncryptionKeyPair,
  providerPseudonym,
  sealScope,
  sealSalt,
  sealedTag,
} from 'carechain-pseudonyms';

const SALT = new Uint8Array(32).fill(7);
const HOSPITAL = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const HIV_CLINIC = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y';

test('tags are the runtime’s: the same vectors as the Rust crate', () => {
  assert.equal(sealedTag(SALT, 'Hiv'), '0x3d320fbe5a82680bde89db14764981ff');
  assert.equal(paddingTag(SALT, 2), '0x760db45e6bcff55085bdfea00027acd7');
  assert.deepEqual(sealScope(SALT, ['Hiv', 'MentalHealth', 'LabResults']), [
    '0x3d320fbe5a82680bde89db14764981ff',
    '0x4fd5e873cb9ebdb0193a37eb6bd56f55',
    '0x760db45e6bcff55085bdfea00027acd7',
    '0x80b4567752f3dad42a4f89e0075adb55',
    '0x910a742ff62a1d8613eda3a57afb74d8',
  ]);
});

test('every scope is five sorted tags, whatever it covers, and opens to exactly what it covers', async () => {
  const salt = await newConsentSalt();
  const cases = [[], ['LabResults'], ['Hiv'], ['Hiv', 'Hiv', 'Genomics'], ['MentalHealth', 'SubstanceUse', 'SexualReproductive', 'Genomics', 'Hiv']];
  for (const covered of cases) {
    const tags = sealScope(salt, covered);
    assert.equal(tags.length, SEALED_TAGS, JSON.stringify(covered));
    assert.deepEqual([...tags].sort(), tags, 'ascending (hex of equal length sorts as bytes)');
    assert.equal(new Set(tags).size, SEALED_TAGS, 'no repeats');
    const expected = ['MentalHealth', 'SubstanceUse', 'SexualReproductive', 'Genomics', 'Hiv'].filter((c) => covered.includes(c));
    assert.deepEqual(openScope(salt, tags), expected);
  }
  const other = await newConsentSalt();
  assert.deepEqual(openScope(other, sealScope(salt, ['Hiv'])), [], 'another salt opens nothing');
  assert.equal(openTag(salt, sealedTag(other, 'Hiv')), null);
  assert.throws(() => sealedTag(salt, 'LabResults'), /not a sensitive category/);
  assert.throws(() => openTag(salt, '0x1234'), /tag: expected 16 bytes/);
});

test('a salt sealed to a key opens with that key only', async () => {
  const grantee = await encryptionKeyPair(crypto.getRandomValues(new Uint8Array(32)));
  const stranger = await encryptionKeyPair(crypto.getRandomValues(new Uint8Array(32)));
  const salt = await newConsentSalt();
  const sealed = await sealSalt(salt, grantee.publicKey);
  assert.equal(hexToU8a(sealed).length, 80);
  assert.deepEqual(await openSalt(sealed, grantee), salt);
  await assert.rejects(openSalt(sealed, stranger), /does not open with this key/);
  const altered = hexToU8a(sealed);
  altered[50] ^= 1;
  await assert.rejects(openSalt(altered, grantee), /does not open with this key/);
  await assert.rejects(openSalt(sealed.slice(0, 100), grantee), /sealed salt: expected 80 bytes/);
  assert.notEqual(await sealSalt(salt, grantee.publicKey), sealed, 'a fresh ephemeral key each time');
});

test('a box sealed by the Rust crate opens with libsodium', async () => {
  // Sealed by `carechain_sealing::seal_salt([7; 32], key of seed [1; 32])`.
  const fromRust =
    '0x7220853a9c86a954622bc9fe33d3ab7787c46569d356ac0e239c564421ef533442e9463c6b247f53fd6aeacb54b55b67e2fa9786852d55885b40c7a768c20c035246a11e9c9aa2f89fd8e34da5933f5b';
  const pair = await encryptionKeyPair(new Uint8Array(32).fill(1));
  assert.equal(u8aToHex(pair.publicKey), '0x1b1b58dd50ea14b60da17b790cd02754d970c9bab864ebb3c0f3016fe51d3f57');
  assert.deepEqual(await openSalt(fromRust, pair), SALT);
});

test('a patient’s key per pseudonym comes from the phrase, and differs between pseudonyms', async () => {
  const phrase = mnemonicGenerate();
  const atHospital = (await providerPseudonym(phrase, HOSPITAL)).address;
  const atClinic = (await providerPseudonym(phrase, HIV_CLINIC)).address;
  const key = await patientEncryptionKeyPair(phrase, atHospital);
  assert.deepEqual((await patientEncryptionKeyPair(phrase, atHospital)).publicKey, key.publicKey, 'reproducible');
  assert.notDeepEqual((await patientEncryptionKeyPair(phrase, atClinic)).publicKey, key.publicKey);
  assert.notDeepEqual((await patientEncryptionKeyPair(mnemonicGenerate(), atHospital)).publicKey, key.publicKey);
  // The phrase alone opens what a guardian or an emergency team sealed to the patient.
  const salt = await newConsentSalt();
  const sealed = await sealSalt(salt, key.publicKey);
  assert.deepEqual(await openSalt(sealed, await patientEncryptionKeyPair(phrase, atHospital)), salt);
  await assert.rejects(patientEncryptionKeyPair('not a phrase', atHospital), /BIP-39/);
});

test('a wallet\'s sealed scope opens for the patient and the grantee, and for no one else', async () => {
  const patient = await patientEncryptionKeyPair(mnemonicGenerate(), HOSPITAL);
  const grantee = await encryptionKeyPair(crypto.getRandomValues(new Uint8Array(32)));
  const stranger = await encryptionKeyPair(crypto.getRandomValues(new Uint8Array(32)));
  const { salt, sealed } = await prepareSealedScope(['LabResults', 'Hiv', 'MentalHealth'], [patient.publicKey, grantee.publicKey]);
  assert.equal(sealed.tags.length, SEALED_TAGS);
  assert.equal(sealed.salts.length, SEALED_SALT_BOXES, 'a throwaway box fills the data holder\'s place');
  assert.deepEqual(sealed.tags, sealScope(salt, ['Hiv', 'MentalHealth']));
  for (const keyPair of [patient, grantee]) {
    const opened = await openSealedScope(sealed, keyPair);
    assert.deepEqual(opened.categories, ['MentalHealth', 'Hiv']);
    assert.equal(u8aToHex(opened.salt), u8aToHex(salt));
  }
  assert.equal(await openSealedScope(sealed, stranger), null);
  // Padding only: valid, and opens to no category (a wallet may seal every consent).
  const padding = await prepareSealedScope(['LabResults'], [patient.publicKey]);
  assert.deepEqual((await openSealedScope(padding.sealed, patient)).categories, []);
  await assert.rejects(prepareSealedScope(['Hiv'], []), /recipients/);
  // A scope made by hand: over the bound, short, out of order, a malformed box.
  assert.throws(() => checkSealedScope({ ...sealed, tags: [...sealed.tags, sealed.tags[0]] }), /tags: expected exactly 5/);
  assert.throws(() => checkSealedScope({ ...sealed, tags: sealed.tags.slice(1) }), /tags: expected exactly 5/);
  assert.throws(() => checkSealedScope({ ...sealed, tags: [...sealed.tags].reverse() }), /not strictly ascending/);
  assert.throws(() => checkSealedScope({ ...sealed, salts: [sealed.salts[0], sealed.salts[1], '0x00'] }), /salts\[2\]/);
  await assert.rejects(prepareSealedScope(['Hiv'], [patient.publicKey, grantee.publicKey, stranger.publicKey, patient.publicKey]), /recipients/);
  await assert.rejects(prepareSealedScope(['Hiv'], [new Uint8Array(31)]), /recipients\[0\]/);
});

test('a study of sensitive data: the protocol\'s salt opens the chain\'s tags, another salt is told apart', async () => {
  const { salt, tags } = await prepareStudyTags(['VitalSigns', 'Genomics', 'SubstanceUse']);
  assert.deepEqual(tags, sealScope(salt, ['Genomics', 'SubstanceUse']), 'standard categories stay in clear');
  assert.deepEqual(openStudyTags(salt, tags), ['SubstanceUse', 'Genomics']);
  const anotherSalt = await newConsentSalt();
  assert.throws(() => openStudyTags(anotherSalt, tags), /not under this protocol's salt/);
  // One tag swapped for another study's: the protocol does not match the study.
  const other = await prepareStudyTags(['Genomics']);
  const mixed = [...tags.slice(1), other.tags[0]];
  assert.throws(() => openStudyTags(salt, mixed), /not under this protocol's salt/);
  assert.throws(() => openStudyTags(salt, ['0x00']), /tags\[0\]/);
  // The wallet boxes the protocol's salt to the patient, the institute and the holder.
  const patient = await patientEncryptionKeyPair(mnemonicGenerate(), HOSPITAL);
  const institute = await encryptionKeyPair(crypto.getRandomValues(new Uint8Array(32)));
  const salts = await sealSaltTo(salt, [patient.publicKey, institute.publicKey]);
  assert.equal(salts.length, SEALED_SALT_BOXES);
  for (const keyPair of [patient, institute]) {
    assert.deepEqual((await openSealedScope(checkSealedScope({ tags, salts }), keyPair)).categories, ['SubstanceUse', 'Genomics']);
  }
  await assert.rejects(sealSaltTo(salt, []), /recipients/);
});
