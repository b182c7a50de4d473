// A clinic's integration with CareChain, worked through against a dev chain:
//
//   scripts/run-dev.sh                      # in another terminal
//   node scripts/e2e/examples/clinic.mjs [ws://127.0.0.1:9944]
//
// 1. May the hospital (Bob) read Dave's lab results for treatment? (consent_checkAccess)
// 2. Which consents has Dave given? (consent_listByPatient, a read Dave signs: only the patient,
//    a guardian or, for consents naming it, the grantee may read consents)
// 3. The clinic's EHR posts a FHIR R5 Consent: Dave lets the laboratory (Charlie) read his
//    imaging for treatment for 7 days. consent_fromFhir turns it into the arguments of
//    `consent.grant`, which Dave signs (here with the dev key //Dave; a real patient signs in
//    their wallet).
// 4. The laboratory may now read Dave's imaging; the consent reads back as FHIR.
// 5. Dave revokes it, and the laboratory is denied imaging at once. (The reason is
//    CategoryNotCovered, not Revoked: a check reports the nearest miss among the accessor's
//    consents, and the laboratory still holds Dave's lab-results consent.)
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

import { grantCall, rpc, signedRead } from '../carechain-rpc.js';

const url = process.argv[2] ?? 'ws://127.0.0.1:9944';
const DAY = 86_400_000;

/** Signs and submits `tx`, resolving to its events once it is in a block. */
function send(api, tx, signer) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (dispatchError) {
        const { section, name } = api.registry.findMetaError(dispatchError.asModule);
        reject(new Error(`${section}.${name}`));
      } else if (status.isInBlock) {
        resolve(events.map(({ event }) => event));
      }
    }).catch(reject);
  });
}

await cryptoWaitReady();
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const dave = keyring.addFromUri('//Dave');
const hospital = keyring.addFromUri('//Bob').address;
const laboratoryKey = keyring.addFromUri('//Charlie');
const laboratory = laboratoryKey.address;

const api = await ApiPromise.create({ provider: new WsProvider(url), rpc, noInitWarn: true });
try {
  const check = async (accessor, category) =>
    (await api.rpc.consent.checkAccess(dave.address, accessor, category, 'read', 'TREAT')).toJSON();

  console.log('1. hospital reads Dave\'s lab results:', JSON.stringify(await check(hospital, 'LabResults')));

  const listAuth = await signedRead(api, dave, 'consent_listByPatient', [dave.address]);
  const consents = (await api.rpc.consent.listByPatient(dave.address, listAuth)).toJSON();
  console.log(`2. Dave has ${consents.length} consents:`);
  for (const c of consents) {
    console.log(`   #${c.id} ${c.grantee} ${c.categories.join('+')} ${c.actions.join('+')} ${c.purposes.join('+')} ${c.status}`);
  }

  const posted = {
    resourceType: 'Consent',
    status: 'active',
    subject: { reference: `Patient/${dave.address}` },
    grantee: [{ reference: `Organization/${laboratory}` }],
    period: { end: new Date(Date.now() + 7 * DAY).toISOString() },
    decision: 'deny',
    provision: [{
      action: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'access' }] }],
      purpose: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'TREAT' }],
      resourceType: [{ system: 'http://hl7.org/fhir/fhir-types', code: 'ImagingStudy' }],
      code: [{ coding: [{ system: 'https://carechain.example/fhir/CodeSystem/data-category', code: 'Imaging' }] }],
    }],
  };
  const grant = (await api.rpc.consent.fromFhir(posted)).toJSON();
  console.log('3. the FHIR Consent is the grant', JSON.stringify(grant));
  const events = await send(api, grantCall(api, grant), dave);
  const granted = events.find((e) => e.section === 'consent' && e.method === 'ConsentGranted');
  const id = granted.data.consentId.toNumber();
  console.log(`   Dave signed it: consent #${id}`);

  console.log('4. laboratory reads Dave\'s imaging:', JSON.stringify(await check(laboratory, 'Imaging')));
  // The laboratory, the consent's grantee, reads it as FHIR with its own signature.
  const fhirAuth = await signedRead(api, laboratoryKey, 'consent_toFhir', [id]);
  const fhir = (await api.rpc.consent.toFhir(id, fhirAuth)).unwrap().toJSON();
  console.log(`   as FHIR: ${fhir.status}, ${fhir.provision.map((p) => p.code[0].coding[0].code)}, until ${fhir.period.end}`);

  await send(api, api.tx.consent.revoke(id), dave);
  const getAuth = await signedRead(api, dave, 'consent_get', [id]);
  const status = (await api.rpc.consent.get(id, getAuth)).unwrap().toJSON().status;
  console.log(`5. consent #${id} is ${status}; laboratory reads imaging:`, JSON.stringify(await check(laboratory, 'Imaging')));
} finally {
  await api.disconnect();
}
