// CareChain pseudonyms, derivation scheme v1: one account per relationship, all derived from the
// patient's one secret phrase, so that nothing on chain links two of them.
//
// Every pseudonym is an sr25519 key hard-derived from the phrase along a path of this scheme
// (hard junctions only: a leaked pseudonym key reveals neither the phrase nor any other
// pseudonym, and public keys cannot be derived from one another):
//
//   //carechain//1//provider//<provider's SS58 address, prefix 42>   a data holder
//   //carechain//1//study//<study id>                                a research study
//   //carechain//1//emergency                                        on the patient's card
//   //carechain//1//guardian//<ward pseudonym's SS58, prefix 42>     a guardian's key for one ward
//                                                                    pseudonym (derived from the
//                                                                    guardian's phrase)
//
// (Addresses, not hex: a hex junction means raw bytes to polkadot.js but text to sp-core, so
// the two would derive different keys; a 48-character address is text to both.)
//
// `1` is the scheme's version; a later scheme changes it and keeps these paths readable. The same
// paths work with `carechain key inspect "<phrase>//carechain//1//..."` and any Substrate wallet.
//
// The identity commitment a pseudonym registers is salted per pseudonym with a salt only the
// phrase yields: `salt = blake2_256("carechain/1/salt" ++ mini secret ++ pseudonym public key)`,
// `commitment = blake2_256(salt ++ UTF-8 identifiers)`, so two pseudonyms of one patient never
// share a commitment, and forgetting the phrase makes every commitment meaningless.
//
// A release authorisation (scheme v1) lets a data holder release data to another of the
// patient's pseudonyms (a study's, or the emergency one) that it has never seen on chain: the
// holder pseudonym signs, `<Bytes>`-wrapped as `signRaw` does,
//
//   carechain/release/1:<genesis hash, 0x hex>:<holder pseudonym>:<recipient pseudonym>:<purpose>
//
// where `purpose` is `study:<id>` or `emergency` and both pseudonyms are SS58 (prefix 42). The
// wallet hands it to the holder off chain (with a study's data request, or as a QR on the
// emergency card). The holder checks the signature is its own patient's and then asks the chain
// (`consent_checkAccess`) whether the recipient's consent lets the accessor read; on chain the
// two pseudonyms never meet. The holder learns that its patient is that study's participant (or
// carries that emergency pseudonym): it must, to release the data.
import { Keyring } from '@polkadot/keyring';
import { isHex, stringToU8a, u8aConcat, u8aToHex, u8aWrapBytes } from '@polkadot/util';
import {
  blake2AsU8a,
  cryptoWaitReady,
  decodeAddress,
  encodeAddress,
  mnemonicToMiniSecret,
  mnemonicValidate,
  signatureVerify,
} from '@polkadot/util-crypto';

/** The version of the derivation scheme, the second junction of every path. */
export const SCHEME_VERSION = 1;
const ROOT = `//carechain//${SCHEME_VERSION}`;

/** An account's address in the generic format (prefix 42), whatever format it was given in. */
function generic(account) {
  return encodeAddress(decodeAddress(account), 42);
}

/** The derivation path of a relationship: `{ provider }`, `{ study }`, `{ emergency: true }` or `{ ward }`. */
export function pseudonymPath(relationship) {
  if (relationship.provider) return `${ROOT}//provider//${generic(relationship.provider)}`;
  if (relationship.study !== undefined) {
    const id = BigInt(relationship.study);
    if (id < 0n) throw new Error('a study id is a non-negative integer');
    return `${ROOT}//study//${id}`;
  }
  if (relationship.emergency) return `${ROOT}//emergency`;
  if (relationship.ward) return `${ROOT}//guardian//${generic(relationship.ward)}`;
  throw new Error('a relationship names a provider, a study, a ward, or is the emergency one');
}

function checkedPhrase(phrase) {
  if (!mnemonicValidate(phrase)) throw new Error('not a valid BIP-39 secret phrase');
  return phrase;
}

/** The sr25519 key pair of `relationship` (see `pseudonymPath`) of the holder of `phrase`. */
export async function pseudonym(phrase, relationship) {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  return keyring.addFromUri(`${checkedPhrase(phrase)}${pseudonymPath(relationship)}`);
}

/** The pseudonym a patient uses with the provider `provider` that holds their data. */
export const providerPseudonym = (phrase, provider) => pseudonym(phrase, { provider });
/** The pseudonym a patient enrols, and is paid, under in study `study`. */
export const studyPseudonym = (phrase, study) => pseudonym(phrase, { study });
/** The pseudonym on the patient's emergency card, for break-glass by a team that never met them. */
export const emergencyPseudonym = (phrase) => pseudonym(phrase, { emergency: true });
/** A guardian's own key for acting for the ward pseudonym `ward`, from the guardian's phrase. */
export const guardianKey = (guardianPhrase, ward) => pseudonym(guardianPhrase, { ward });

/** The secret salt of `pseudonymAccount`'s identity commitment, from `phrase`. */
export async function commitmentSalt(phrase, pseudonymAccount) {
  await cryptoWaitReady();
  const mini = mnemonicToMiniSecret(checkedPhrase(phrase));
  return blake2AsU8a(u8aConcat(stringToU8a('carechain/1/salt'), mini, decodeAddress(pseudonymAccount)), 256);
}

/** The identity commitment `pseudonymAccount` registers: `blake2_256(salt ++ identifiers)`, 0x hex. */
export async function identityCommitment(phrase, pseudonymAccount, identifiers) {
  const salt = await commitmentSalt(phrase, pseudonymAccount);
  return u8aToHex(blake2AsU8a(u8aConcat(salt, stringToU8a(identifiers)), 256));
}

/** The purpose text of a release to `{ study }` or `{ emergency: true }`. */
function releasePurpose(recipient) {
  if (recipient.study !== undefined) return `study:${BigInt(recipient.study)}`;
  if (recipient.emergency) return 'emergency';
  throw new Error('a release goes to a study or to the emergency pseudonym');
}

/** The text a release authorisation signs (see the scheme at the top of this file). */
export function releaseMessage({ genesisHash, holder, recipient, purpose }) {
  if (!isHex(genesisHash, 256)) throw new Error('genesisHash: a 32-byte 0x hex string');
  return `carechain/release/${SCHEME_VERSION}:${genesisHash.toLowerCase()}:${generic(holder)}:${generic(recipient)}:${purpose}`;
}

/**
 * The patient's authorisation for the provider `holder` (the data holder, by its address) to
 * release data to the patient's pseudonym of `to` (`{ study: id }` or `{ emergency: true }`) on
 * the chain of `genesisHash`: `{ holder, recipient, purpose, signature }`, the two pseudonyms'
 * addresses, signed by the holder pseudonym.
 */
export async function releaseAuthorisation(phrase, { holder, to, genesisHash }) {
  const holderPair = await providerPseudonym(phrase, holder);
  const recipientPair = await pseudonym(phrase, to);
  const authorisation = {
    holder: holderPair.address,
    recipient: recipientPair.address,
    purpose: releasePurpose(to),
  };
  const message = releaseMessage({ genesisHash, ...authorisation });
  return { ...authorisation, signature: u8aToHex(holderPair.sign(u8aWrapBytes(stringToU8a(message)))) };
}

/**
 * Whether `authorisation` is a release its holder pseudonym signed for this chain: what the data
 * holder checks before it asks the chain whether the recipient's consent lets the accessor read.
 */
export async function verifyReleaseAuthorisation(authorisation, genesisHash) {
  await cryptoWaitReady();
  const { holder, recipient, purpose, signature } = authorisation;
  if (purpose !== 'emergency' && !/^study:\d+$/.test(purpose ?? '')) return false;
  if (!isHex(signature, 512)) return false;
  let message;
  try {
    message = releaseMessage({ genesisHash, holder, recipient, purpose });
  } catch {
    return false;
  }
  const wrapped = u8aWrapBytes(stringToU8a(message));
  return signatureVerify(wrapped, signature, holder).isValid;
}
export * from './sealing.js';
