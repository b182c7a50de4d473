// Insurance claims through @polkadot/api on a real node (issue 20): an insurer registers a
// coverage under the patient's insurer pseudonym and the patient accepts it fee-free; the hospital
// anchors a record under the patient's hospital pseudonym and bills it with a commitment only the
// insurer can open; the insurer checks the opening against the anchors, answers with a partial
// payment and CARC codes, and the hospital is paid in that very block; the patient's explanation of
// benefit shows the split. Then what the chain refuses: the same service billed to another insurer
// (duplicate key), a claim without the billing consent, a service date outside the coverage, an
// amount over the cap, an unknown reason code; anchors of another organisation are caught by the
// insurer's check and denied. Last, the node is restarted two days later (`--dev-clock-offset-days`)
// and an unanswered claim is escalated and paid by the Council.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { WsProvider } from '@polkadot/api';
import { stringToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, decodeAddress } from '@polkadot/util-crypto';

import { rpc, signedRead } from '../carechain-rpc.js';
import { anchorOf, claimCommitments, recordKey } from '../lib/claims.js';
import { executionResult, runMotion } from '../lib/council.js';
import { DEV_ARGS, startNode } from '../lib/node.js';
import { devAccounts, eventsOf, freeBalance, freshAccount, submit } from '../lib/tx.js';

const CARE = 10n ** 12n;
const DAY = 86_400_000;
const PLAN = 1;

describe('insurance claims', () => {
  const basePath = mkdtempSync(join(tmpdir(), 'carechain-claims-'));
  let node;
  let api;
  let keys;
  let insurer;
  let otherInsurer;
  let member; // the patient's pseudonym for the insurer
  let otherMember; // the same patient's pseudonym for the other insurer
  let pseudonym; // the same patient's pseudonym for the hospital
  let coverage;
  let otherCoverage;
  let today;
  let claimId;

  before(async () => {
    node = await startNode({ basePath, rpc });
    api = node.api;
    keys = await devAccounts();
    // The chain's day is the wall clock's (its genesis block has no time yet).
    today = Math.floor(Date.now() / DAY);
    [insurer, otherInsurer] = [await freshAccount('insurer'), await freshAccount('other-insurer')];
    [member, otherMember, pseudonym] = [await freshAccount('member'), await freshAccount('member-2'), await freshAccount('hospital-pseudonym')];
    const fund = api.tx.utility.batchAll(
      [insurer, otherInsurer].map((who) => api.tx.balances.transferKeepAlive(who.address, 10_000n * CARE)),
    );
    assert.equal((await submit(api, fund, keys.alice)).error, null);
    for (const [who, name] of [[insurer, 'Meridian Mutual'], [otherInsurer, 'Harbour Health Cover']]) {
      const apply = api.tx.providerRegistry.apply('Insurer', name, 'GB', `0x${'51'.repeat(32)}`);
      assert.equal((await submit(api, apply, who)).error, null);
      const approve = api.tx.sudo.sudo(api.tx.providerRegistry.approve(who.address));
      assert.equal((await submit(api, approve, keys.alice)).error, null);
    }
    // Each organisation onboards the patient's pseudonym for it, in its own extrinsic: none
    // holds a token, and nothing names two of them together.
    for (const [who, organisation, seed] of [[member, insurer, '71'], [otherMember, otherInsurer, '72'], [pseudonym, keys.bob, '73']]) {
      const onboard = api.tx.patientIdentity.onboard(who.address, `0x${seed.repeat(32)}`);
      assert.equal((await submit(api, onboard, organisation)).error, null);
    }
  });

  after(async () => {
    await node?.stop();
    rmSync(basePath, { recursive: true, force: true });
  });

  const terms = (perClaimCap = 1_000n * CARE) => ({
    filingLimitDays: 90,
    perClaimCap,
    coverageCap: 10_000n * CARE,
    priorAuthorisation: 0,
    promptPayDays: 1,
    appealWindowDays: 30,
  });

  const commitments = (recordKeys, serviceDate) =>
    claimCommitments(api, { hospitalPseudonym: pseudonym.address, recordKeys, serviceDate, organisation: keys.bob.address });
  function claimTerms(recordKeys, { amount = 300n * CARE, serviceDate = today } = {}) {
    return {
      claimUse: 'Claim',
      setting: 'Outpatient',
      serviceDate,
      amount,
      claimHash: u8aToHex(blake2AsU8a(stringToU8a(`FHIR Claim ${Math.random()}`))),
      ...commitments(recordKeys, serviceDate),
      priorAuthorisation: null,
    };
  }
  /** `author` (Bob, unless said) anchors `recordKeys` under the hospital pseudonym. */
  async function anchor(recordKeys, author = keys.bob) {
    const writes = recordKeys.map((key) => api.tx.consent.recordAccess(pseudonym.address, 'Encounters', 'Treatment', 'Write', u8aToHex(anchorOf(key))));
    assert.equal((await submit(api, api.tx.utility.batchAll(writes), author)).error, null);
  }
  async function submitClaim(coverageId, body, signer = keys.bob) {
    const { events, error } = await submit(api, api.tx.claims.submitClaim(coverageId, body), signer);
    const [submitted] = eventsOf(events, 'claims', 'ClaimSubmitted');
    return { error, id: submitted?.data.claimId.toNumber() };
  }

  test('an insurer registers a coverage and the member accepts it fee-free, granting the billing consent', async () => {
    for (const [who, holder] of [[insurer, member], [otherInsurer, otherMember]]) {
      assert.equal((await submit(api, api.tx.claims.setPlan(PLAN, terms()), who)).error, null);
      assert.equal((await submit(api, api.tx.claims.fundFloat(2_000n * CARE), who)).error, null);
      const register = api.tx.claims.registerCoverage(holder.address, PLAN, today - 30, today + 300, `0x${'99'.repeat(32)}`);
      const { events, error } = await submit(api, register, who);
      assert.equal(error, null);
      const id = eventsOf(events, 'claims', 'CoverageRegistered')[0].data.coverageId.toNumber();
      if (who === insurer) coverage = id;
      else otherCoverage = id;
      assert.equal((await api.call.claimsApi.coverageActive(id, today)).isTrue, false, 'not before acceptance');
      const accepted = await submit(api, api.tx.claims.acceptCoverage(id), holder);
      assert.equal(accepted.error, null);
      assert.equal(eventsOf(accepted.events, 'skipFeelessPayment', 'FeeSkipped').length, 1);
      assert.equal(await freeBalance(api, holder.address), 0n, 'accepting is fee-free');
      assert.equal((await api.call.claimsApi.coverageActive(id, today)).isTrue, true);
      const billing = await api.call.consentApi.checkAccess(holder.address, who.address, 'Billing', 'Read', 'Payment');
      assert.equal(billing.type, 'Permit', 'the insurer may read Billing for payment');
    }
    // The hospital may not read the patient's data under the insurer pseudonym.
    const hospital = await api.call.consentApi.checkAccess(member.address, keys.bob.address, 'Billing', 'Read', 'Payment');
    assert.equal(hospital.type, 'Deny');
  });

  test('the hospital bills an anchored record; the insurer opens it and pays in part in the same block', async () => {
    const grant = api.tx.consent.grant(keys.bob.address, ['Encounters'], ['Read', 'Write'], ['Treatment'], Date.now() + 300 * DAY);
    assert.equal((await submit(api, grant, pseudonym)).error, null);
    const visit = [recordKey('visit'), recordKey('lab order')];
    await anchor(visit);
    const body = claimTerms(visit);
    const submitted = await submitClaim(coverage, body);
    assert.equal(submitted.error, null);
    claimId = submitted.id;
    const claim = (await api.call.claimsApi.claim(claimId)).unwrap();
    assert.equal(claim.status.toString(), 'Submitted');
    assert.ok(claim.deposit.toBigInt() > 0n, 'a claim deposit is held from the hospital');
    // Nothing the claim stores names the hospital pseudonym or a record.
    const stored = claim.toHex();
    for (const secret of [decodeAddress(pseudonym.address), ...visit, ...visit.map(anchorOf)]) {
      assert.ok(!stored.includes(u8aToHex(secret).slice(2)), 'the claim names no pseudonym or record');
    }

    // The insurer, handed the pseudonym and the record keys off chain, checks them on chain.
    const opened = await api.call.claimsApi.verifyService(claimId, pseudonym.address, visit.map((k) => u8aToHex(k)));
    assert.ok(opened.isOk, opened.toString());
    const wrong = await api.call.claimsApi.verifyService(claimId, member.address, visit.map((k) => u8aToHex(k)));
    assert.equal(wrong.asErr.toString(), 'CommitmentDiffers');

    const adjustments = [
      { group: 'ContractualObligation', reason: 'FeeSchedule', remark: 'N381' },
      { group: 'PatientResponsibility', reason: 'Copayment', remark: null },
    ];
    const answer = api.tx.claims.adjudicate(claimId, 'Partial', 220n * CARE, 30n * CARE, adjustments);
    const { blockHash, events, error } = await submit(api, answer, insurer);
    assert.equal(error, null);
    const [adjudicated] = eventsOf(events, 'claims', 'ClaimAdjudicated');
    assert.equal(adjudicated.data.paidNow.toBigInt(), 220n * CARE);
    const header = await api.rpc.chain.getHeader(blockHash);
    const [before, after] = await Promise.all([
      api.query.system.account.at(header.parentHash, keys.bob.address),
      api.query.system.account.at(blockHash, keys.bob.address),
    ]);
    assert.equal(after.data.free.toBigInt() - before.data.free.toBigInt(), 220n * CARE, 'paid in the block of the answer');

    const eob = (await api.call.claimsApi.explanationOfBenefit(claimId)).unwrap();
    assert.equal(eob.billed.toBigInt(), 300n * CARE);
    assert.equal(eob.paid.toBigInt(), 220n * CARE);
    assert.equal(eob.patientShare.toBigInt(), 30n * CARE);
    assert.equal(eob.outcome.unwrap().toString(), 'Partial');
    assert.deepEqual(eob.adjustments.map((a) => [a.group.toString(), a.reason.toString()]), [
      ['ContractualObligation', 'FeeSchedule'],
      ['PatientResponsibility', 'Copayment'],
    ]);
    const [held, owed] = await api.call.claimsApi.floatOf(insurer.address);
    assert.equal(held.toBigInt(), 1_780n * CARE);
    assert.equal(owed.toBigInt(), 0n);
  });

  test('the patient, the insurer and the hospital read the claim through party-signed RPC; no one else', async () => {
    // The patient's app reads its explanation of benefit as the insurer pseudonym.
    const auth = await signedRead(api, member, 'claims_explanationOfBenefit', [claimId]);
    const eob = (await api.rpc.claims.explanationOfBenefit(claimId, auth)).unwrap().toJSON();
    assert.equal(eob.billed, String(300n * CARE));
    assert.equal(eob.paid, String(220n * CARE));
    assert.equal(eob.patientShare, String(30n * CARE));
    assert.equal(eob.outcome, 'partial');
    assert.deepEqual(eob.adjustments, [{ group: 'CO', reason: 45, remark: 'N381' }, { group: 'PR', reason: 3 }]);
    for (const reader of [insurer, keys.bob]) {
      const signed = await signedRead(api, reader, 'claims_claim', [claimId]);
      const claim = (await api.rpc.claims.claim(claimId, signed)).unwrap().toJSON();
      assert.equal(claim.status, 'adjudicated');
      assert.equal(claim.organisation, keys.bob.address);
    }
    // The other insurer and the hospital pseudonym are not parties of the claim.
    for (const stranger of [otherInsurer, pseudonym]) {
      const signed = await signedRead(api, stranger, 'claims_claim', [claimId]);
      await assert.rejects(api.rpc.claims.claim(claimId, signed), /-32010.*notAParty/);
    }
    const coverages = (await api.rpc.claims.coveragesOf(member.address, await signedRead(api, member, 'claims_coveragesOf', [member.address]))).toJSON();
    assert.deepEqual(coverages.map((c) => c.id), [coverage]);
    // Eligibility is open: yes or no for a coverage id.
    assert.equal((await api.rpc.claims.eligibility(coverage, today)).toJSON().inforce, true);
    assert.equal((await api.rpc.claims.eligibility(coverage, today + 301)).toJSON().inforce, false);
    // Only the claim's insurer may check an opening.
    const keysParam = [u8aToHex(recordKey('any'))];
    const byHospital = await signedRead(api, keys.bob, 'claims_verifyService', [claimId, pseudonym.address, keysParam]);
    await assert.rejects(api.rpc.claims.verifyService(claimId, pseudonym.address, keysParam, byHospital), /-32010.*notAParty/);
    const byInsurer = await signedRead(api, insurer, 'claims_verifyService', [claimId, pseudonym.address, keysParam]);
    const check = (await api.rpc.claims.verifyService(claimId, pseudonym.address, keysParam, byInsurer)).toJSON();
    assert.deepEqual(check, { holds: false, mismatch: 'commitmentDiffers', carc: 16 });
  });

  test('the chain refuses a duplicate with another payer, a claim without the billing consent, and bad input', async () => {
    // The same visit billed to the patient's other insurer: the key is the same, whoever pays.
    const visit = [recordKey('duplicate')];
    await anchor(visit);
    assert.equal((await submitClaim(coverage, claimTerms(visit))).error, null);
    const stored = (await api.query.claims.nextClaimId()).toNumber();
    assert.equal((await submitClaim(otherCoverage, claimTerms(visit))).error, 'claims.DuplicateClaim');

    const fresh = [recordKey('fresh')];
    await anchor(fresh);
    assert.equal((await submitClaim(coverage, claimTerms(fresh, { serviceDate: today - 31 }))).error, 'claims.ServiceOutsideCoverage');
    assert.equal((await submitClaim(coverage, claimTerms(fresh, { amount: 1_001n * CARE }))).error, 'claims.AmountOverCap');

    // The member revokes the billing consent of the other coverage: no claim may be filed on it.
    const consentId = (await api.call.claimsApi.coverage(otherCoverage)).unwrap().billingConsent.unwrap();
    assert.equal((await submit(api, api.tx.consent.revoke(consentId), otherMember)).error, null);
    assert.equal((await submitClaim(otherCoverage, claimTerms(fresh))).error, 'claims.NoBillingConsent');
    assert.equal((await api.call.claimsApi.coverageActive(otherCoverage, today)).isTrue, false);

    // An unknown reason code (CARC 17) cannot even be decoded: the node refuses the bytes.
    const good = api.tx.claims.adjudicate(claimId, 'Denied', 0, 0, [{ group: 'ContractualObligation', reason: 'NonCovered', remark: null }]);
    await good.signAsync(otherInsurer);
    const hex = good.toHex();
    const carc96 = '04006000'; // one adjustment: group CO, CARC 96, no remark
    assert.equal(hex.lastIndexOf(carc96), hex.length - carc96.length, 'the adjustment ends the call');
    const bad = `${hex.slice(0, -carc96.length)}04001100`;
    const raw = new WsProvider(node.rpcUrl, false);
    await raw.connect();
    await raw.isReady;
    // The runtime cannot decode it: the node refuses it before the pool (error 1002).
    await assert.rejects(raw.send('author_submitExtrinsic', [bad]), /1002|Verification Error/);
    await raw.disconnect();
    const claim = (await api.call.claimsApi.claim(claimId)).unwrap();
    assert.equal(claim.status.toString(), 'Adjudicated', 'nothing changed');

    assert.equal((await api.query.claims.nextClaimId()).toNumber(), stored, 'no refused claim was stored');
  });

  test('records anchored by another organisation open but fail the insurer\'s check and are denied', async () => {
    const grant = api.tx.consent.grant(keys.charlie.address, ['LabResults'], ['Write'], ['Treatment'], Date.now() + 30 * DAY);
    assert.equal((await submit(api, grant, pseudonym)).error, null);
    const labRecord = [recordKey('lab record')];
    const write = api.tx.consent.recordAccess(pseudonym.address, 'LabResults', 'Treatment', 'Write', u8aToHex(anchorOf(labRecord[0])));
    assert.equal((await submit(api, write, keys.charlie)).error, null);
    const { error, id } = await submitClaim(coverage, claimTerms(labRecord));
    assert.equal(error, null, 'the chain cannot tell: the anchors are committed');
    const opened = await api.call.claimsApi.verifyService(id, pseudonym.address, [u8aToHex(labRecord[0])]);
    assert.equal(opened.asErr.toString(), '{"anchoredByAnotherOrganisation":0}');
    const bobBefore = await freeBalance(api, keys.bob.address);
    const deny = api.tx.claims.adjudicate(id, 'Denied', 0, 0, [{ group: 'ContractualObligation', reason: 'LacksInformation', remark: 'MA130' }]);
    assert.equal((await submit(api, deny, insurer)).error, null);
    assert.equal(await freeBalance(api, keys.bob.address), bobBefore, 'nothing paid');
    const eob = (await api.call.claimsApi.explanationOfBenefit(id)).unwrap();
    assert.equal(eob.adjustments[0].reason.toString(), 'LacksInformation');
  });

  test('no block, extrinsic or event names the insurer pseudonym beside the hospital pseudonym', async () => {
    // The observer's question: is there a path from the pseudonym the insurer knows to the
    // patient's hospital relationship? The claims above billed the hospital pseudonym's records.
    const [memberHex, pseudonymHex] = [member, pseudonym].map((who) => u8aToHex(decodeAddress(who.address)).slice(2));
    const head = (await api.rpc.chain.getHeader()).number.toNumber();
    let scanned = 0;
    for (let number = 1; number <= head; number += 1) {
      const hash = await api.rpc.chain.getBlockHash(number);
      const [block, events] = await Promise.all([api.rpc.chain.getBlock(hash), api.query.system.events.at(hash)]);
      for (const extrinsic of block.block.extrinsics) {
        const hex = extrinsic.toHex();
        assert.ok(!(hex.includes(memberHex) && hex.includes(pseudonymHex)), `block ${number}: an extrinsic names both`);
      }
      for (const record of events) {
        const hex = record.event.toHex();
        assert.ok(!(hex.includes(memberHex) && hex.includes(pseudonymHex)), `block ${number}: an event names both`);
      }
      scanned += 1;
    }
    assert.ok(scanned > 20, `only ${scanned} blocks`);
    // And no claim stored names the pseudonym or a record key.
    for (const [, claim] of await api.query.claims.claims.entries()) {
      const hex = claim.toHex();
      assert.ok(!hex.includes(pseudonymHex), 'a claim names the hospital pseudonym');
    }
  });

  test('an answer missing its deadline is escalated, and the Council pays it from the float', async () => {
    const visit = [recordKey('late')];
    await anchor(visit);
    const { error, id } = await submitClaim(coverage, claimTerms(visit, { amount: 100n * CARE }));
    assert.equal(error, null);
    assert.equal((await submit(api, api.tx.claims.escalate(id), keys.bob)).error, 'claims.AnswerNotDue');

    // Two days later: the same chain, restarted with its clock two days ahead.
    await node.stop();
    node = await startNode({ basePath, rpc, args: [...DEV_ARGS, '--dev-clock-offset-days', '2'] });
    api = node.api;
    const escalated = await submit(api, api.tx.claims.escalate(id), keys.bob);
    assert.equal(escalated.error, null);
    assert.equal(eventsOf(escalated.events, 'claims', 'ClaimEscalated').length, 1);

    const bobBefore = await freeBalance(api, keys.bob.address);
    const events = await runMotion(api, api.tx.claims.payEscalated(id, 100n * CARE), {
      proposer: keys.alice,
      ayes: [keys.alice, keys.charlie],
    });
    assert.ok(executionResult(events)?.isOk, `motion executed: ${executionResult(events)}`);
    assert.equal(await freeBalance(api, keys.bob.address), bobBefore + 100n * CARE);
    const claim = (await api.call.claimsApi.claim(id)).unwrap();
    assert.equal(claim.adjudication.unwrap().byCouncil.isTrue, true);
  });
});
