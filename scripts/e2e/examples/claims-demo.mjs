// The development chain's demo coverage and claim, which `scripts/run-dev.sh` makes once the node
// is up: a demo insurer ("Meridian Mutual Health", approved by the dev chain's sudo) publishes a
// plan and funds its claims float; Dave's insurer pseudonym (//Dave//insurer, onboarded by the
// insurer, holding no token) accepts a coverage fee-free; the demo hospital (Bob) anchors a lab
// record under Dave's account it already holds records of and bills it; the insurer answers with
// a partial payment (CO-45 fee schedule, PR-3 co-payment), paid to the hospital in that block.
// Not in the genesis preset: a claim is made of days (service date, filing limit, prompt-pay
// deadline) and a genesis block has no time.
//
//   node scripts/e2e/examples/claims-demo.mjs ws://127.0.0.1:9944
//
// Prints `{ "insurer", "member", "coverageId", "claimId", "recordKey" }`.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';

import { rpc } from '../carechain-rpc.js';
import { anchorOf, claimCommitments, recordKey } from '../lib/claims.js';
import { devAccounts, eventsOf, submit } from '../lib/tx.js';

const CARE = 10n ** 12n;
const DAY = 86_400_000;
/** The demo insurer's plan. */
const PLAN = 1;

/** Submits `tx` signed by `signer`, throwing what the chain refused with `what` in the message. */
async function must(api, tx, signer, what) {
  const result = await submit(api, tx, signer);
  if (result.error) throw new Error(`${what}: ${result.error}`);
  return result.events;
}

/** Makes the demo coverage and claim; returns their ids and the accounts and key involved. */
export async function claimsDemo(api) {
  const keys = await devAccounts();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const insurer = keyring.addFromUri('//Meridian');
  const member = keyring.addFromUri('//Dave//insurer');
  // The genesis block has no timestamp: wait for a block.
  while ((await api.rpc.chain.getHeader()).number.toNumber() < 1) await new Promise((r) => setTimeout(r, 500));
  const today = Math.floor((await api.query.timestamp.now()).toNumber() / DAY);

  await must(api, api.tx.balances.transferKeepAlive(insurer.address, 5_000n * CARE), keys.alice, 'funding the insurer');
  const apply = api.tx.providerRegistry.apply('Insurer', 'Meridian Mutual Health', 'GB', `0x${'4d'.repeat(32)}`);
  await must(api, apply, insurer, 'the insurer applies');
  await must(api, api.tx.sudo.sudo(api.tx.providerRegistry.approve(insurer.address)), keys.alice, 'approving the insurer');
  const plan = { filingLimitDays: 90, perClaimCap: 1_000n * CARE, coverageCap: 10_000n * CARE, priorAuthorisation: 0, promptPayDays: 30, appealWindowDays: 60 };
  await must(api, api.tx.claims.setPlan(PLAN, plan), insurer, 'the plan');
  await must(api, api.tx.claims.fundFloat(2_000n * CARE), insurer, 'the float');
  await must(api, api.tx.patientIdentity.onboard(member.address, `0x${'4e'.repeat(32)}`), insurer, 'onboarding the member');
  const registered = await must(api, api.tx.claims.registerCoverage(member.address, PLAN, today - 30, today + 335, `0x${'4f'.repeat(32)}`), insurer, 'the coverage');
  const coverageId = eventsOf(registered, 'claims', 'CoverageRegistered')[0].data.coverageId.toNumber();
  await must(api, api.tx.claims.acceptCoverage(coverageId), member, 'the member accepts');

  // Dave lets the hospital write his lab results (dev preset): it anchors the visit's record.
  const key = recordKey('demo lab report');
  await must(api, api.tx.consent.recordAccess(keys.dave.address, 'LabResults', 'Treatment', 'Write', u8aToHex(anchorOf(key))), keys.bob, 'anchoring the record');
  const terms = {
    claimUse: 'Claim',
    setting: 'Laboratory',
    serviceDate: today,
    amount: 120n * CARE,
    claimHash: `0x${'50'.repeat(32)}`,
    ...claimCommitments(api, { hospitalPseudonym: keys.dave.address, recordKeys: [key], serviceDate: today, organisation: keys.bob.address }),
    priorAuthorisation: null,
  };
  const submitted = await must(api, api.tx.claims.submitClaim(coverageId, terms), keys.bob, 'the claim');
  const claimId = eventsOf(submitted, 'claims', 'ClaimSubmitted')[0].data.claimId.toNumber();
  const adjustments = [
    { group: 'ContractualObligation', reason: 'FeeSchedule', remark: 'N381' },
    { group: 'PatientResponsibility', reason: 'Copayment', remark: null },
  ];
  await must(api, api.tx.claims.adjudicate(claimId, 'Partial', 80n * CARE, 20n * CARE, adjustments), insurer, 'the answer');
  return { insurer: insurer.address, member: member.address, coverageId, claimId, recordKey: u8aToHex(key) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [url = 'ws://127.0.0.1:9944'] = process.argv.slice(2);
  // The node may still be starting: the provider retries until it answers.
  const api = await ApiPromise.create({ provider: new WsProvider(url, 1_000), noInitWarn: true, rpc });
  try {
    console.log(JSON.stringify(await claimsDemo(api)));
  } finally {
    await api.disconnect();
  }
}
