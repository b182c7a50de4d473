// Sealed scopes, scheme v1 (PRIVACY.md goal 2; the runtime's side is
// `carechain_primitives::sealed`): a consent covers the five sensitive categories only as salted
// tags, and its salt reaches each party as a libsodium sealed box to the party's X25519 key.
//
//   tag(salt, category) = blake2_128("carechain/sealed/1/tag" ++ salt ++ [category's bit index])
//   padding i           = blake2_128("carechain/sealed/1/pad" ++ salt ++ [i])
//
// Every consent carries exactly five tags (one per sensitive category it covers, padding for
// the rest) sorted ascending, so nobody without the salt can tell which sensitive categories a
// consent covers, how many, or whether any. A salt is 32 random bytes; `sealSalt` seals it to a
// party's public key (`crypto_box_seal`: X25519, XSalsa20-Poly1305, an ephemeral key; 80
// bytes) and only that party's secret key opens it (`openSalt`).
//
// Keys: a provider publishes its X25519 public key in the provider registry
// (`providerRegistry.setEncryptionKey`, read back as `encryptionKey` by `providers_get`); a
// patient's key per pseudonym is derived from the phrase, so the phrase alone opens every salt
// sealed to the patient:
//
//   seed = blake2_256("carechain/1/x25519" ++ mini secret ++ pseudonym public key)
//   key pair = crypto_box_seed_keypair(seed)   (secret = SHA-512(seed)[0..32], as libsodium)
import sodium from 'libsodium-wrappers';
import { hexToU8a, isHex, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady, decodeAddress, mnemonicToMiniSecret, mnemonicValidate } from '@polkadot/util-crypto';

/** Tags every sealed scope carries: one per sensitive category. */
export const SEALED_TAGS = 5;
/** Bytes of a salt sealed to one key: ephemeral public key (32), authenticator (16), salt (32). */
export const SEALED_SALT_BYTES = 80;
/** The sensitive categories and their bit index in CareChain's category set. */
export const SENSITIVE_CATEGORIES = Object.freeze({
  MentalHealth: 13,
  SubstanceUse: 14,
  SexualReproductive: 15,
  Genomics: 16,
  Hiv: 17,
});

const TAG_DOMAIN = stringToU8a('carechain/sealed/1/tag');
const PAD_DOMAIN = stringToU8a('carechain/sealed/1/pad');

/** Bytes of `value` (a Uint8Array or 0x hex), which must be `length` long; `field` names it in the error. */
function bytes(value, length, field) {
  const u8a = typeof value === 'string' ? (isHex(value) ? hexToU8a(value) : null) : value;
  if (!(u8a instanceof Uint8Array) || u8a.length !== length) {
    throw new Error(`${field}: expected ${length} bytes (0x hex or Uint8Array)`);
  }
  return u8a;
}

function categoryIndex(category) {
  const index = SENSITIVE_CATEGORIES[category];
  if (index === undefined) {
    throw new Error(`${category} is not a sensitive category (${Object.keys(SENSITIVE_CATEGORIES).join(', ')})`);
  }
  return index;
}

/** Lexicographic order of byte strings, as Rust orders `[u8; 16]`. */
function compareBytes(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}

/** The tag of sensitive `category` under `salt`, 0x hex. */
export function sealedTag(salt, category) {
  const preimage = u8aConcat(TAG_DOMAIN, bytes(salt, 32, 'salt'), new Uint8Array([categoryIndex(category)]));
  return u8aToHex(blake2AsU8a(preimage, 128));
}

/** The `i`-th padding tag under `salt`, 0x hex. */
export function paddingTag(salt, i) {
  const preimage = u8aConcat(PAD_DOMAIN, bytes(salt, 32, 'salt'), new Uint8Array([i]));
  return u8aToHex(blake2AsU8a(preimage, 128));
}

/**
 * The five tags of a consent covering `categories` under `salt` (standard categories are
 * ignored: they stay in clear), sorted ascending, 0x hex: what goes on chain with the grant.
 */
export function sealScope(salt, categories) {
  const sensitive = [...new Set(categories)].filter((c) => c in SENSITIVE_CATEGORIES);
  const tags = sensitive.map((c) => sealedTag(salt, c));
  for (let i = 0; tags.length < SEALED_TAGS; i += 1) tags.push(paddingTag(salt, i));
  return tags.map((t) => hexToU8a(t)).sort(compareBytes).map((t) => u8aToHex(t));
}

/** The sensitive category `tag` stands for under `salt`, or `null` (padding, or another salt). */
export function openTag(salt, tag) {
  const wanted = u8aToHex(bytes(tag, 16, 'tag'));
  return Object.keys(SENSITIVE_CATEGORIES).find((c) => sealedTag(salt, c) === wanted) ?? null;
}

/** The sensitive categories a consent's `tags` cover under `salt`, in CareChain's order. */
export function openScope(salt, tags) {
  const opened = new Set(tags.map((t) => openTag(salt, t)).filter(Boolean));
  return Object.keys(SENSITIVE_CATEGORIES).filter((c) => opened.has(c));
}

/** A fresh random consent salt (32 bytes). */
export async function newConsentSalt() {
  await sodium.ready;
  return sodium.randombytes_buf(32);
}

/** The X25519 key pair of a 32-byte `seed`: `{ publicKey, secretKey }` (Uint8Array), as libsodium's seed key pair. */
export async function encryptionKeyPair(seed) {
  await sodium.ready;
  const pair = sodium.crypto_box_seed_keypair(bytes(seed, 32, 'seed'));
  return { publicKey: pair.publicKey, secretKey: pair.privateKey };
}

/** The X25519 key pair of the patient's pseudonym `pseudonymAccount`, from the patient's `phrase`. */
export async function patientEncryptionKeyPair(phrase, pseudonymAccount) {
  await cryptoWaitReady();
  if (!mnemonicValidate(phrase)) throw new Error('not a valid BIP-39 secret phrase');
  const mini = mnemonicToMiniSecret(phrase);
  const seed = blake2AsU8a(u8aConcat(stringToU8a('carechain/1/x25519'), mini, decodeAddress(pseudonymAccount)), 256);
  return encryptionKeyPair(seed);
}

/** `salt` sealed to the X25519 `publicKey` (80 bytes, 0x hex). */
export async function sealSalt(salt, publicKey) {
  await sodium.ready;
  return u8aToHex(sodium.crypto_box_seal(bytes(salt, 32, 'salt'), bytes(publicKey, 32, 'publicKey')));
}

/**
 * The salt in `sealed`, opened with `keyPair` (`{ publicKey, secretKey }`); throws, saying so,
 * when the box is malformed or was not sealed to this key.
 */
export async function openSalt(sealed, keyPair) {
  await sodium.ready;
  const box = bytes(sealed, SEALED_SALT_BYTES, 'sealed salt');
  let salt;
  try {
    salt = sodium.crypto_box_seal_open(box, keyPair.publicKey, keyPair.secretKey);
  } catch {
    throw new Error('the sealed salt does not open with this key: it was sealed to another key, or altered');
  }
  if (salt.length !== 32) throw new Error(`the sealed salt opened to ${salt.length} bytes, not 32`);
  return salt;
}

/** Sealed boxes of its salt every sealed scope carries: the patient's, the grantee's, the data holder's. */
export const SEALED_SALT_BOXES = 3;

/**
 * A sealed scope for `consent.grantSealed` (or `emergencyAccessSealed`): a fresh salt, the five
 * tags of the sensitive `categories` (standard ones are ignored: they go in clear), and the
 * salt sealed to each of `recipients` (X25519 public keys: the patient's own, so the phrase
 * opens it again; the grantee's; the data holder's, when there is one). Missing boxes are
 * sealed to throwaway keys, so the count says nothing. Returns `{ salt, sealed: { tags, salts } }`,
 * `sealed` being the call's `SealedScope` argument.
 */
export async function prepareSealedScope(categories, recipients) {
  // With no sensitive category, the scope is padding only: a wallet may seal every consent so
  // that none says whether it covers a sensitive category.
  const sensitive = categories.filter((c) => c in SENSITIVE_CATEGORIES);
  const salt = await newConsentSalt();
  const salts = await sealSaltTo(salt, recipients);
  return { salt, sealed: checkSealedScope({ tags: sealScope(salt, sensitive), salts }) };
}

/**
 * `salt` sealed to each of `recipients` (1 to 3 X25519 public keys), the rest of the three
 * boxes to throwaway keys so that the count says nothing, shuffled so that a box's position
 * does not say whose it is: the `salts` of a `SealedScope`. A patient's wallet enrolling in a
 * study of sensitive data boxes the protocol's salt this way (`dataRewards.enrollSealed`).
 */
export async function sealSaltTo(salt, recipients) {
  if (recipients.length === 0 || recipients.length > SEALED_SALT_BOXES) {
    throw new Error(`recipients: 1 to ${SEALED_SALT_BOXES} public keys (the patient's, the grantee's, the data holder's)`);
  }
  await sodium.ready;
  const keys = [...recipients];
  while (keys.length < SEALED_SALT_BOXES) keys.push(sodium.crypto_box_keypair().publicKey);
  const salts = await Promise.all(keys.map((key, i) => sealSalt(salt, bytes(key, 32, `recipients[${i}]`))));
  for (let i = salts.length - 1; i > 0; i -= 1) {
    const j = sodium.randombytes_uniform(i + 1);
    [salts[i], salts[j]] = [salts[j], salts[i]];
  }
  return salts;
}

/**
 * A study of sensitive data, as its institute seals it: a fresh salt, published with the
 * protocol, and the five tags of the sensitive `categories` under it (standard ones go in
 * clear), the `sealedTags` of `dataRewards.createStudySealed`. Returns `{ salt, tags }`.
 */
export async function prepareStudyTags(categories) {
  const sensitive = categories.filter((c) => c in SENSITIVE_CATEGORIES);
  const salt = await newConsentSalt();
  return { salt, tags: sealScope(salt, sensitive) };
}

/**
 * What a study of sensitive data studies, as a patient's wallet checks it before enrolling:
 * the sensitive categories the chain's `tags` (`rewards_study`'s `sealedTags`) stand for under
 * the protocol's `salt`. Throws if a tag is neither a category nor padding under that salt: the
 * protocol the patient was given is not the study's.
 */
export function openStudyTags(salt, tags) {
  const chain = tags.map((tag, i) => u8aToHex(bytes(tag, 16, `tags[${i}]`)));
  const categories = openScope(salt, chain);
  if (sealScope(salt, categories).join() !== chain.join()) {
    throw new Error("the study's tags are not under this protocol's salt: the protocol is not this study's");
  }
  return categories;
}

/**
 * `sealed` if it is a `SealedScope` the runtime can take: exactly five 16-byte tags, strictly
 * ascending, and exactly three 80-byte boxes. Throws naming the field otherwise; check a scope
 * made by hand with it, since polkadot.js silently truncates a longer fixed-length list and
 * pads a shorter one with zeros.
 */
export function checkSealedScope(sealed) {
  const { tags, salts } = sealed ?? {};
  if (!Array.isArray(tags) || tags.length !== SEALED_TAGS) throw new Error(`tags: expected exactly ${SEALED_TAGS} tags`);
  if (!Array.isArray(salts) || salts.length !== SEALED_SALT_BOXES) throw new Error(`salts: expected exactly ${SEALED_SALT_BOXES} sealed salts`);
  const bytesOfTags = tags.map((tag, i) => bytes(tag, 16, `tags[${i}]`));
  salts.forEach((box, i) => bytes(box, SEALED_SALT_BYTES, `salts[${i}]`));
  for (let i = 1; i < bytesOfTags.length; i += 1) {
    if (compareBytes(bytesOfTags[i - 1], bytesOfTags[i]) >= 0) throw new Error('tags: not strictly ascending');
  }
  return sealed;
}

/**
 * What a party reads of a consent's sealed scope (`sealed` as `consent_get` returns it:
 * `{ tags, salts }`) with its `keyPair`: `{ salt, categories }` (the sensitive categories
 * covered), or `null` if no box opens with the key (the party is none of the consent's).
 */
export async function openSealedScope(sealed, keyPair) {
  for (const box of sealed.salts) {
    try {
      const salt = await openSalt(box, keyPair);
      return { salt, categories: openScope(salt, sealed.tags) };
    } catch {
      // Another party's box.
    }
  }
  return null;
}
