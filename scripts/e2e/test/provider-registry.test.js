// The provider registry through @polkadot/api: a provider applies, the Council approves it by
// motion, and the ProviderRegistryApi runtime API reports it (as clinic software would read it);
// a provider publishes and rotates the encryption key consent salts are sealed to.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { u8aToHex } from '@polkadot/util';
import { encryptionKeyPair, newConsentSalt, openSalt, sealSalt } from 'carechain-pseudonyms';

import { rpc } from '../carechain-rpc.js';
import { executionResult, runMotion } from '../lib/council.js';
import { startNode } from '../lib/node.js';
import { devAccounts, eventsOf, freshAccount, fundedAccount, submit } from '../lib/tx.js';

const CARE = 10n ** 12n;
const LICENSE = `0x${'ab'.repeat(32)}`;

describe('provider registry', () => {
  let node;
  let api;
  let keys;

  before(async () => {
    node = await startNode({ rpc });
    api = node.api;
    keys = await devAccounts();
  });

  after(async () => {
    await node?.stop();
  });

  /** The runtime API's view of `address`, as plain JSON, or null. */
  async function providerView(address) {
    const view = await api.call.providerRegistryApi.provider(address);
    return view.isSome ? view.unwrap() : null;
  }

  /** A fresh account funded by Alice with 1 000 CARE. */
  const funded = (name) => fundedAccount(api, keys.alice, name, 1_000n * CARE);

  async function applyAs(account, { kind = 'Clinic', name = 'Harbour Street Clinic', jurisdiction = 'GB' } = {}) {
    const tx = api.tx.providerRegistry.apply(kind, name, jurisdiction, LICENSE);
    return submit(api, tx, account);
  }

  test('the demo providers of the dev chain are active', async () => {
    const hospital = await providerView(keys.bob.address);
    assert.ok(hospital, 'Bob is a registered provider');
    assert.equal(hospital.kind.toString(), 'Hospital');
    assert.equal(hospital.status.toString(), 'Active');
    assert.equal(hospital.name.toString(), 'Riverside General Hospital');
    assert.equal((await providerView(keys.charlie.address)).kind.toString(), 'Laboratory');
    assert.equal((await providerView(keys.ferdie.address)).kind.toString(), 'ResearchInstitute');
    assert.equal(await providerView(keys.dave.address), null, 'Dave is a patient, not a provider');
  });

  test('an application approved by a Council majority makes the provider active', async () => {
    const clinic = await funded('clinic');
    const applied = await applyAs(clinic);
    assert.equal(applied.error, null);
    const [event] = eventsOf(applied.events, 'providerRegistry', 'Applied');
    assert.ok(event, 'an Applied event');
    assert.ok(event.data.deposit.toBigInt() > 0n, 'a deposit is held');
    const { data } = await api.query.system.account(clinic.address);
    assert.equal(data.reserved.toBigInt(), event.data.deposit.toBigInt());

    let view = await providerView(clinic.address);
    assert.equal(view.status.toString(), 'Pending');
    assert.equal(view.name.toString(), 'Harbour Street Clinic');
    assert.equal(view.jurisdiction.toHex(), '0x4742'); // "GB"

    const events = await runMotion(api, api.tx.providerRegistry.approve(clinic.address), {
      proposer: keys.alice,
      ayes: [keys.alice, keys.bob],
    });
    assert.ok(executionResult(events)?.isOk, `motion executed: ${executionResult(events)}`);
    assert.equal(eventsOf(events, 'providerRegistry', 'Approved').length, 1);
    view = await providerView(clinic.address);
    assert.equal(view.status.toString(), 'Active');
  });

  test('a motion without a majority leaves the application pending', async () => {
    const lab = await funded('lab');
    assert.equal((await applyAs(lab, { kind: 'Laboratory', name: 'Eastside Lab' })).error, null);

    const voted = await runMotion(api, api.tx.providerRegistry.approve(lab.address), {
      proposer: keys.alice,
      ayes: [keys.alice],
      nays: [keys.bob, keys.charlie],
    });
    assert.equal(eventsOf(voted, 'council', 'Disapproved').length, 1);
    assert.equal((await providerView(lab.address)).status.toString(), 'Pending');

    // One member alone (threshold 1) executes at once, but as 1 of 3: not a majority.
    const alone = await runMotion(api, api.tx.providerRegistry.approve(lab.address), {
      proposer: keys.alice,
      threshold: 1,
    });
    const result = executionResult(alone);
    assert.ok(result?.isErr, `executed with ${result}`);
    assert.ok(result.asErr.isBadOrigin, `${result}`);
    assert.equal((await providerView(lab.address)).status.toString(), 'Pending');
  });

  test('a staff member is reported with the organisation and its standing', async () => {
    const nurse = await freshAccount('nurse');
    const { error } = await submit(api, api.tx.providerRegistry.addStaff(nurse.address), keys.bob);
    assert.equal(error, null);
    const view = await providerView(nurse.address);
    assert.equal(view.role.isStaff, true);
    assert.equal(view.role.asStaff.organisation.toString(), keys.bob.address);
    assert.equal(view.kind.toString(), 'Hospital');
    assert.equal(view.status.toString(), 'Active');

    // One organisation per member: the laboratory cannot take the hospital's nurse.
    const poach = await submit(api, api.tx.providerRegistry.addStaff(nurse.address), keys.charlie);
    assert.equal(poach.error, 'providerRegistry.AlreadyStaff');
    assert.equal((await providerView(nurse.address)).role.asStaff.organisation.toString(), keys.bob.address);
  });

  test('a provider publishes and rotates its encryption key, and a salt sealed to it opens with its secret', async () => {
    const providersGet = async (address) => (await api.rpc.providers.get(address)).unwrapOr(null)?.toJSON();
    const hospital = await funded('keyed-hospital');
    assert.equal((await applyAs(hospital, { kind: 'Hospital', name: 'Keyed Hospital' })).error, null);
    assert.equal((await providersGet(hospital.address)).encryptionKey, null);

    // A pending provider may publish: the key is ready when the Council approves.
    const pair = await encryptionKeyPair(crypto.getRandomValues(new Uint8Array(32)));
    const depositBefore = (await providerView(hospital.address)).deposit.toBigInt();
    const published = await submit(api, api.tx.providerRegistry.setEncryptionKey(u8aToHex(pair.publicKey)), hospital);
    assert.equal(published.error, null);
    const [event] = eventsOf(published.events, 'providerRegistry', 'EncryptionKeySet');
    assert.equal(event.data.key.toHex(), u8aToHex(pair.publicKey));
    assert.equal(event.data.rotated.isTrue, false);
    assert.ok((await providerView(hospital.address)).deposit.toBigInt() > depositBefore, 'the key adds a deposit');
    const view = await providersGet(hospital.address);
    assert.equal(view.encryptionKey, u8aToHex(pair.publicKey));

    // What a patient's wallet does with the published key, and what the hospital's gateway does.
    const salt = await newConsentSalt();
    const sealed = await sealSalt(salt, view.encryptionKey);
    assert.deepEqual(await openSalt(sealed, pair), salt);

    // A rotation: salts sealed from now on open with the new key only.
    const next = await encryptionKeyPair(crypto.getRandomValues(new Uint8Array(32)));
    const rotated = await submit(api, api.tx.providerRegistry.setEncryptionKey(u8aToHex(next.publicKey)), hospital);
    assert.equal(rotated.error, null);
    assert.equal(eventsOf(rotated.events, 'providerRegistry', 'EncryptionKeySet')[0].data.rotated.isTrue, true);
    const resealed = await sealSalt(salt, (await providersGet(hospital.address)).encryptionKey);
    await assert.rejects(openSalt(resealed, pair), /does not open with this key/);
    assert.deepEqual(await openSalt(resealed, next), salt);

    // Refused, nothing stored: a key of small order, the same key again, an account that is
    // not a provider.
    const refused = [
      [hospital, `0x01${'00'.repeat(31)}`, 'providerRegistry.UnusableEncryptionKey'],
      [hospital, u8aToHex(next.publicKey), 'providerRegistry.EncryptionKeyUnchanged'],
      [keys.dave, u8aToHex(pair.publicKey), 'providerRegistry.NotRegistered'],
    ];
    for (const [who, key, expected] of refused) {
      assert.equal((await submit(api, api.tx.providerRegistry.setEncryptionKey(key), who)).error, expected, key);
    }
    assert.equal((await providersGet(hospital.address)).encryptionKey, u8aToHex(next.publicKey));
    assert.ok((await api.query.providerRegistry.encryptionKeys(keys.dave.address)).isNone);
  });

  test('bad applications fail with a specific error and change nothing', async () => {
    const applicant = await funded('bad-input');
    const before = (await api.query.system.account(applicant.address)).data;

    const cases = [
      [{ name: 'x'.repeat(129) }, 'providerRegistry.NameTooLong'],
      [{ name: '' }, 'providerRegistry.NameEmpty'],
      [{ jurisdiction: 'UK' }, 'providerRegistry.InvalidJurisdiction'],
      [{ jurisdiction: 'gb' }, 'providerRegistry.InvalidJurisdiction'],
    ];
    for (const [input, expected] of cases) {
      const { error } = await applyAs(applicant, input);
      assert.equal(error, expected, JSON.stringify(input));
    }
    assert.equal(await providerView(applicant.address), null);
    const after = (await api.query.system.account(applicant.address)).data;
    assert.equal(after.reserved.toBigInt(), before.reserved.toBigInt());

    // A duplicate application, and approval of an account that never applied.
    assert.equal((await applyAs(keys.bob, { kind: 'Hospital' })).error, 'providerRegistry.AlreadyRegistered');
    const sudoApprove = api.tx.sudo.sudo(api.tx.providerRegistry.approve(keys.dave.address));
    const { events } = await submit(api, sudoApprove, keys.alice);
    const [sudid] = eventsOf(events, 'sudo', 'Sudid');
    const { section, name } = api.registry.findMetaError(sudid.data.sudoResult.asErr.asModule);
    assert.equal(`${section}.${name}`, 'providerRegistry.NotRegistered');
  });
});
