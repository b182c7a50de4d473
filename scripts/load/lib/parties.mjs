// The load's accounts: funded by Alice, onboarded as patients by Riverside General Hospital (Bob),
// taken on as the hospital's staff, each consenting to the hospital's lab-results reads. The same
// accounts then send transfers, grant consents and record accesses.
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { submit } from '../../e2e/lib/tx.js';

const CARE = 10n ** 12n;
/** Calls per `utility.batchAll` during set-up (well within a block's weight). */
const BATCH = 100;

// Call arguments are lists of the enums' variants.
export const LAB_RESULTS = ['LabResults'];
export const READ = ['Read'];
export const TREAT = ['Treatment'];
export const DAY_MS = 86_400_000n;

/** Submits `calls` from `signer` as `utility.batchAll`s of `BATCH`; throws on any failure. */
async function batched(api, signer, calls, what) {
  for (let start = 0; start < calls.length; start += BATCH) {
    const tx = api.tx.utility.batchAll(calls.slice(start, start + BATCH));
    const { error } = await submit(api, tx, signer);
    if (error) throw new Error(`${what}: ${error}`);
  }
}

/**
 * `count` accounts (`//load/<i>`), each funded with 1 000 CARE, a registered patient, staff of the
 * hospital and consenting to the hospital's lab-results reads for treatment. Returns the key pairs
 * and the well-known accounts.
 */
export async function loadParties(api, count) {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const [alice, bob, dave] = ['//Alice', '//Bob', '//Dave'].map((uri) => keyring.addFromUri(uri));
  const accounts = Array.from({ length: count }, (_, i) => keyring.addFromUri(`//load/${i}`));

  await batched(
    api,
    alice,
    accounts.map((a) => api.tx.balances.transferKeepAlive(a.address, 1_000n * CARE)),
    'funding',
  );
  await batched(
    api,
    bob,
    accounts.flatMap((a, i) => [
      api.tx.patientIdentity.onboard(a.address, `0x${i.toString(16).padStart(64, '0')}`),
      api.tx.providerRegistry.addStaff(a.address),
    ]),
    'onboarding',
  );
  const now = (await api.query.timestamp.now()).toBigInt();
  await Promise.all(
    accounts.map(async (a) => {
      const grant = api.tx.consent.grant(bob.address, LAB_RESULTS, READ, TREAT, now + 30n * DAY_MS);
      const { error } = await submit(api, grant, a);
      if (error) throw new Error(`set-up grant: ${error}`);
    }),
  );
  return { accounts, alice, bob, dave };
}
