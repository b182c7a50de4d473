// The operators' emergency brake on a real node: a Council motion pauses
// `Consent::record_access`, a provider's call is refused (at the top level and inside a batch),
// the paused call is listed in storage, and a second motion unpauses it so the call works again.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { executionResult, runMotion } from '../lib/council.js';
import { startNode } from '../lib/node.js';
import { devAccounts, eventsOf, submit } from '../lib/tx.js';

const RECORD_ACCESS = ['Consent', 'record_access'];

describe('call pause', () => {
  let node;
  let api;
  let keys;

  before(async () => {
    node = await startNode();
    api = node.api;
    keys = await devAccounts();
  });

  after(async () => {
    await node?.stop();
  });

  // Bob's hospital holds Dave's lab-results consent in the dev preset.
  function recordAccess() {
    return api.tx.consent.recordAccess(keys.dave.address, 'LabResults', 'Treatment', 'Read', null);
  }

  async function motion(call) {
    const events = await runMotion(api, call, { proposer: keys.alice, ayes: [keys.alice, keys.bob] });
    assert.ok(executionResult(events)?.isOk, `motion executed: ${executionResult(events)}`);
    return events;
  }

  test('the Council pauses record_access and a provider\'s call is refused', async () => {
    assert.equal((await submit(api, recordAccess(), keys.bob)).error, null, 'works before the pause');

    const events = await motion(api.tx.txPause.pause(RECORD_ACCESS));
    const [paused] = eventsOf(events, 'txPause', 'CallPaused');
    assert.deepEqual(paused.data.fullName.map((name) => name.toUtf8()), RECORD_ACCESS);
    const entries = await api.query.txPause.pausedCalls.keys();
    assert.deepEqual(
      entries.map(({ args: [[pallet, call]] }) => [pallet.toUtf8(), call.toUtf8()]),
      [RECORD_ACCESS],
    );

    const refused = await submit(api, recordAccess(), keys.bob);
    assert.equal(refused.error, 'system.CallFiltered');
    assert.equal(eventsOf(refused.events, 'consent', 'AccessRecorded').length, 0);
    const batched = await submit(api, api.tx.utility.batchAll([recordAccess()]), keys.bob);
    assert.equal(batched.error, 'system.CallFiltered');
  });

  test('a motion cannot pause the Council itself', async () => {
    const events = await runMotion(api, api.tx.txPause.pause(['Council', 'close']), {
      proposer: keys.alice,
      ayes: [keys.alice, keys.bob],
    });
    const result = executionResult(events);
    assert.ok(result?.isErr, 'the motion executed and failed');
    const { section, name } = api.registry.findMetaError(result.asErr.asModule);
    assert.equal(`${section}.${name}`, 'txPause.Unpausable');
  });

  test('a second motion unpauses it and the call works again', async () => {
    const events = await motion(api.tx.txPause.unpause(RECORD_ACCESS));
    assert.equal(eventsOf(events, 'txPause', 'CallUnpaused').length, 1);
    assert.equal((await api.query.txPause.pausedCalls.keys()).length, 0);
    const logged = await submit(api, recordAccess(), keys.bob);
    assert.equal(logged.error, null);
    assert.equal(eventsOf(logged.events, 'consent', 'AccessRecorded').length, 1);
  });
});
