// The dev chain's sealed demo consent, made as `scripts/run-dev.sh` makes it
// (`examples/sealed-demo.mjs`): Dave's mental-health data granted to the demo hospital, sealed.
// On chain it is five tags and three boxes; Dave's key from the dev phrase and the hospital's
// key (the file its FHIR gateway holds) open it, and the gateway serves it as a Consent with
// the PSY security label.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { DEV_PHRASE } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { encryptionKeyPair, openSealedScope, patientEncryptionKeyPair } from 'carechain-pseudonyms';

import { rpc as rpcDefinitions, signedRead } from '../carechain-rpc.js';
import { startGateway } from '../lib/gateway.js';
import { startNode } from '../lib/node.js';
import { devAccounts } from '../lib/tx.js';

const script = new URL('../examples/sealed-demo.mjs', import.meta.url).pathname;

describe("run-dev's sealed demo consent", () => {
  let node;
  let gateway;
  let keys;
  let keyFile;
  let hospitalSeed;
  let demo;

  before(async () => {
    node = await startNode({ rpc: rpcDefinitions });
    keys = await devAccounts();
    hospitalSeed = crypto.getRandomValues(new Uint8Array(32));
    keyFile = path.join(await mkdtemp(path.join(tmpdir(), 'carechain-demo-')), 'hospital.x25519');
    await writeFile(keyFile, `${u8aToHex(hospitalSeed)}\n`, { mode: 0o600 });
    const { stdout } = await promisify(execFile)(process.execPath, [script, node.rpcUrl, keyFile], {
      timeout: 90_000,
    });
    demo = JSON.parse(stdout);
  });

  after(async () => {
    await gateway?.stop();
    await node?.stop();
  });

  test('is sealed on chain and opens with the dev phrase and with the hospital\'s key', async () => {
    const { api } = node;
    const hospital = await encryptionKeyPair(hospitalSeed);
    assert.equal(demo.hospitalKey, u8aToHex(hospital.publicKey));
    assert.equal((await api.rpc.providers.get(keys.bob.address)).unwrap().toJSON().encryptionKey, demo.hospitalKey);
    const auth = await signedRead(api, keys.dave, 'consent_get', [demo.consentId]);
    const consent = (await api.rpc.consent.get(demo.consentId, auth)).unwrap().toJSON();
    assert.deepEqual([consent.patient, consent.grantee, consent.categories], [keys.dave.address, keys.bob.address, []]);
    assert.deepEqual([consent.sealed.tags.length, consent.sealed.salts.length], [5, 3]);
    const dave = await patientEncryptionKeyPair(DEV_PHRASE, keys.dave.address);
    for (const keyPair of [dave, hospital]) {
      assert.deepEqual((await openSealedScope(consent.sealed, keyPair)).categories, ['MentalHealth']);
    }
  });

  test("the hospital's gateway, holding the key file, serves it labelled PSY", async () => {
    gateway = await startGateway({ nodeUrl: node.rpcUrl, key: '//Bob', args: ['--encryption-key-file', keyFile] });
    const response = await fetch(`${gateway.versionedUrl}/Consent/${demo.consentId}`, {
      headers: { accept: 'application/fhir+json' },
    });
    assert.equal(response.status, 200);
    const resource = await response.json();
    assert.match(JSON.stringify(resource.provision), /"PSY"/);
  });
});
