// The dev chain as polkadot.js apps sees it: chain properties, metadata, transfers that are
// included and finalized, Council motions, sudo.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { executionResult, runMotion } from '../lib/council.js';
import { startNode, TEST_BLOCK_TIME_MS } from '../lib/node.js';
import { devAccounts, eventsOf, freshAccount, submit } from '../lib/tx.js';

const CARE = 10n ** 12n;

describe('dev chain', () => {
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

  test('chain properties are CARE, 12 decimals, SS58 prefix 42', async () => {
    const properties = await api.rpc.system.properties();
    assert.deepEqual(properties.tokenSymbol.unwrap().map(String), ['CARE']);
    assert.deepEqual(properties.tokenDecimals.unwrap().map(Number), [12]);
    assert.equal(properties.ss58Format.unwrap().toNumber(), 42);
    // What wallets derive from them: addresses in SS58 prefix 42, balances in CARE.
    assert.equal(api.registry.chainSS58, 42);
    assert.deepEqual(api.registry.chainTokens, ['CARE']);
    assert.equal((await api.rpc.system.chain()).toString(), 'CareChain Development');
  });

  test('metadata lists the runtime pallets', () => {
    const pallets = api.runtimeMetadata.asLatest.pallets.map((p) => p.name.toString());
    for (const name of [
      'System',
      'Timestamp',
      'Aura',
      'Grandpa',
      'Balances',
      'TransactionPayment',
      'Sudo',
      'Utility',
      'Council',
      'CouncilMembership',
      'Parameters',
      'SkipFeelessPayment',
      'BlockTime',
      'ProviderRegistry',
      'PatientIdentity',
    ]) {
      assert.ok(pallets.includes(name), `pallet ${name} missing from ${pallets}`);
    }
    assert.equal(api.runtimeVersion.specName.toString(), 'carechain');
  });

  test('blocks follow the slot duration the genesis chose', async () => {
    assert.equal((await api.call.auraApi.slotDuration()).toNumber(), TEST_BLOCK_TIME_MS);
    assert.equal((await api.query.blockTime.slotDuration()).toNumber(), TEST_BLOCK_TIME_MS);
    // Each block's Aura slot is its timestamp divided by that duration (Aura refuses any other),
    // and consecutive blocks are less than the production 6 s apart.
    let header = await api.rpc.chain.getHeader();
    while (header.number.toNumber() < 3) {
      await new Promise((resolve) => setTimeout(resolve, TEST_BLOCK_TIME_MS / 2));
      header = await api.rpc.chain.getHeader();
    }
    const timing = async (number) => {
      const at = await api.at(await api.rpc.chain.getBlockHash(number));
      return { moment: (await at.query.timestamp.now()).toNumber(), slot: (await at.query.aura.currentSlot()).toNumber() };
    };
    const n = header.number.toNumber();
    const [previous, last] = [await timing(n - 1), await timing(n)];
    for (const { moment, slot } of [previous, last]) {
      assert.equal(slot, Math.floor(moment / TEST_BLOCK_TIME_MS));
    }
    assert.ok(last.slot > previous.slot);
    assert.ok(last.moment - previous.moment < 6_000, `${last.moment - previous.moment} ms apart`);
  });

  test('a transfer from Alice is included, then finalized', async () => {
    const dest = await freshAccount('transfer');
    const amount = 5n * CARE;
    const tx = api.tx.balances.transferKeepAlive(dest.address, amount);
    const { blockHash, events, error } = await submit(api, tx, keys.alice, { finalized: true });
    assert.equal(error, null);
    assert.equal(eventsOf(events, 'balances', 'Transfer').length, 1);
    assert.equal(eventsOf(events, 'system', 'ExtrinsicSuccess').length, 1);

    const finalizedHead = await api.rpc.chain.getFinalizedHead();
    const finalizedNumber = (await api.rpc.chain.getHeader(finalizedHead)).number.toNumber();
    const blockNumber = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
    assert.ok(blockNumber <= finalizedNumber, `block ${blockNumber} not final (${finalizedNumber})`);

    const { data } = await api.query.system.account(dest.address);
    assert.equal(data.free.toBigInt(), amount);
  });

  describe('Council', () => {
    const motionDurationKey = { Governance: { MotionDuration: null } };

    async function motionDuration() {
      const value = await api.query.parameters.parameters(motionDurationKey);
      return value.isSome ? value.unwrap().asGovernance.asMotionDuration.toNumber() : null;
    }

    test('a motion voted through by a majority executes', async () => {
      assert.equal(await motionDuration(), null, 'the default is in force');
      const call = api.tx.parameters.setParameter({ Governance: { MotionDuration: [null, 1200] } });
      const events = await runMotion(api, call, { proposer: keys.alice, ayes: [keys.alice, keys.bob] });
      assert.equal(eventsOf(events, 'council', 'Approved').length, 1);
      const result = executionResult(events);
      assert.ok(result?.isOk, `executed with ${result}`);
      assert.equal(await motionDuration(), 1200);
    });

    test('a motion without enough votes does not execute', async () => {
      const before = await motionDuration();
      const call = api.tx.parameters.setParameter({ Governance: { MotionDuration: [null, 7] } });
      const events = await runMotion(api, call, {
        proposer: keys.alice,
        ayes: [keys.alice],
        nays: [keys.bob, keys.charlie],
      });
      assert.equal(eventsOf(events, 'council', 'Disapproved').length, 1);
      assert.equal(eventsOf(events, 'council', 'Executed').length, 0);
      assert.equal(await motionDuration(), before);
    });

    test('an account outside the council cannot propose', async () => {
      const call = api.tx.parameters.setParameter({ Governance: { MotionDuration: [null, 9] } });
      const tx = api.tx.council.propose(2, call, call.encodedLength);
      const { error } = await submit(api, tx, keys.dave);
      assert.equal(error, 'council.NotMember');
    });
  });

  test('sudo dispatches a root call on the dev chain', async () => {
    const dest = await freshAccount('sudo');
    const amount = 42n * CARE;
    const tx = api.tx.sudo.sudo(api.tx.balances.forceSetBalance(dest.address, amount));
    const { events, error } = await submit(api, tx, keys.alice);
    assert.equal(error, null);
    const [sudid] = eventsOf(events, 'sudo', 'Sudid');
    assert.ok(sudid.data.sudoResult.isOk, sudid.data.sudoResult.toString());
    const { data } = await api.query.system.account(dest.address);
    assert.equal(data.free.toBigInt(), amount);
  });

  test('sudo refuses anyone but the key holder', async () => {
    const tx = api.tx.sudo.sudo(api.tx.balances.forceSetBalance(keys.bob.address, 1n));
    const { error } = await submit(api, tx, keys.bob);
    assert.equal(error, 'sudo.RequireSudo');
  });
});
