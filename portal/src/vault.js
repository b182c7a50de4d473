// The patient's secret phrase and the list of their relationships, kept in the browser only
// encrypted under a passphrase: polkadot.js's encrypted JSON (scrypt key derivation,
// xsalsa20-poly1305), the format wallets use for exported accounts. Nothing is kept in clear:
// closing the page forgets the passphrase, and the vault opens only with it.
import { stringToU8a, u8aToString } from '@polkadot/util';
import { cryptoWaitReady, jsonDecrypt, jsonEncrypt, mnemonicValidate } from '@polkadot/util-crypto';

const STORAGE_KEY = 'carechain-portal/vault/1';
/** The shortest passphrase the app accepts. */
export const MIN_PASSPHRASE = 8;

/** Whether this browser holds a vault. */
export const hasVault = () => localStorage.getItem(STORAGE_KEY) !== null;

/** Forgets the vault (after "erase me", or to start again with another phrase). */
export const forgetVault = () => localStorage.removeItem(STORAGE_KEY);

/** Why `passphrase` (with its repetition `again`) cannot protect a vault, or null. */
export function passphraseProblem(passphrase, again) {
  if (passphrase.length < MIN_PASSPHRASE) return `The passphrase needs at least ${MIN_PASSPHRASE} characters.`;
  if (passphrase !== again) return 'The two passphrases are not the same.';
  return null;
}

/** Why `phrase` is not a secret phrase this app can restore, or null. */
export function phraseProblem(phrase) {
  const words = phrase.trim().split(/\s+/).filter(Boolean);
  if (![12, 15, 18, 21, 24].includes(words.length)) {
    return `A secret phrase has 12 or 24 words; this one has ${words.length}.`;
  }
  if (!mnemonicValidate(words.join(' '))) {
    return 'This is not a valid secret phrase: check each word and their order.';
  }
  return null;
}

/** The normal form of a phrase as typed: single spaces, lower case. */
export const normalPhrase = (phrase) => phrase.trim().toLowerCase().split(/\s+/).join(' ');

/**
 * An open vault: `contents` is `{ phrase, relationships, checkpoints }`; `save()` encrypts it
 * again under the passphrase it was opened with.
 */
class OpenVault {
  #passphrase;

  constructor(contents, passphrase) {
    this.contents = contents;
    this.#passphrase = passphrase;
  }

  save() {
    const encrypted = jsonEncrypt(stringToU8a(JSON.stringify(this.contents)), ['scrypt', 'xsalsa20-poly1305'], this.#passphrase);
    localStorage.setItem(STORAGE_KEY, JSON.stringify(encrypted));
  }
}

/** Creates (and saves) a vault for `phrase` under `passphrase`. */
export async function createVault(phrase, passphrase) {
  await cryptoWaitReady();
  const vault = new OpenVault({ version: 1, phrase: normalPhrase(phrase), relationships: [], checkpoints: {} }, passphrase);
  vault.save();
  return vault;
}

/** Opens the stored vault with `passphrase`; throws a sentence when it does not open. */
export async function openVault(passphrase) {
  await cryptoWaitReady();
  const stored = localStorage.getItem(STORAGE_KEY);
  if (!stored) throw new Error('This browser holds no CareChain secret yet.');
  let contents;
  try {
    contents = JSON.parse(u8aToString(jsonDecrypt(JSON.parse(stored), passphrase)));
  } catch {
    throw new Error('That passphrase does not open the secret kept in this browser.');
  }
  return new OpenVault(contents, passphrase);
}
