// The development chain's sealed demo consent, which `scripts/run-dev.sh` makes once the node is
// up: the demo hospital (Bob) publishes the encryption key its FHIR gateway holds, and Dave's
// wallet grants the hospital his mental-health data, read for treatment for 90 days, sealed
// (`grantSealed`): on chain, five tags and the salt boxed to Dave's key and the hospital's.
// Dave's key is the one a wallet derives from the dev phrase for //Dave
// (`patientEncryptionKeyPair(DEV_PHRASE, Dave)`), so the demo opens with the dev phrase alone.
//
//   node scripts/e2e/examples/sealed-demo.mjs ws://127.0.0.1:9944 <hospital key file>
//
// The key file holds the hospital's X25519 seed (0x + 64 hex digits), as the gateway's
// `--encryption-key-file` reads it. Prints `{ "consentId", "hospitalKey" }`.
import { readFile } from 'node:fs/promises';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { DEV_PHRASE } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { encryptionKeyPair, patientEncryptionKeyPair, prepareSealedScope } from 'carechain-pseudonyms';

import { rpc } from '../carechain-rpc.js';
import { devAccounts, eventsOf, submit } from '../lib/tx.js';

/** How long the sealed demo consent lasts (ms): well within `MaxConsentDuration`. */
const DEMO_DURATION = 90n * 86_400_000n;

/**
 * Publishes the hospital's key (from `hospitalSeed`) and grants it Dave's mental-health data,
 * sealed. Returns `{ consentId, hospitalKey }`.
 */
export async function sealedDemoConsent(api, hospitalSeed) {
  const keys = await devAccounts();
  const hospital = await encryptionKeyPair(hospitalSeed);
  const hospitalKey = u8aToHex(hospital.publicKey);
  const published = await submit(api, api.tx.providerRegistry.setEncryptionKey(hospitalKey), keys.bob);
  // Run twice against one chain, the key is already the hospital's: not an error here.
  if (published.error && published.error !== 'providerRegistry.EncryptionKeyUnchanged') {
    throw new Error(`publishing the hospital's key: ${published.error}`);
  }
  const dave = await patientEncryptionKeyPair(DEV_PHRASE, keys.dave.address);
  const { sealed } = await prepareSealedScope(['MentalHealth'], [dave.publicKey, hospital.publicKey]);
  // The genesis block has no timestamp: read the time once a block is built.
  while ((await api.rpc.chain.getHeader()).number.toNumber() < 1) await new Promise((r) => setTimeout(r, 500));
  const expiresAt = (await api.query.timestamp.now()).toBigInt() + DEMO_DURATION;
  const grant = api.tx.consent.grantSealed(keys.bob.address, [], sealed, ['Read'], ['Treatment'], expiresAt);
  const granted = await submit(api, grant, keys.dave);
  if (granted.error) throw new Error(`Dave's sealed grant: ${granted.error}`);
  const consentId = eventsOf(granted.events, 'consent', 'ConsentGranted')[0].data.consentId.toNumber();
  return { consentId, hospitalKey };
}

/** The seed a key file holds (one line, 0x + 64 hex digits). */
export async function readSeedFile(path) {
  const text = (await readFile(path, 'utf8')).trim();
  if (!/^0x[0-9a-fA-F]{64}$/.test(text)) throw new Error(`${path} does not hold a 32-byte seed (0x and 64 hex digits)`);
  return Uint8Array.from(Buffer.from(text.slice(2), 'hex'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [url = 'ws://127.0.0.1:9944', keyFile] = process.argv.slice(2);
  if (!keyFile) {
    console.error('usage: sealed-demo.mjs <ws url> <hospital key file>');
    process.exit(2);
  }
  // The node may still be starting: the provider retries until it answers.
  const api = await ApiPromise.create({ provider: new WsProvider(url, 1_000), noInitWarn: true, rpc });
  try {
    console.log(JSON.stringify(await sealedDemoConsent(api, await readSeedFile(keyFile))));
  } finally {
    await api.disconnect();
  }
}
