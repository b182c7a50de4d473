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
import { Keyring } from '@polkadot/keyring';
import { stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import {
  blake2AsU8a,
  cryptoWaitReady,
  decodeAddress,
  encodeAddress,
  mnemonicToMiniSecret,
  mnemonicValidate,
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
