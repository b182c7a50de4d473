// CareChain's custom JSON-RPC methods (`consent_*`, `providers_*`) for @polkadot/api.
//
//   import { ApiPromise, WsProvider } from '@polkadot/api';
//   import { rpc } from './carechain-rpc.js';
//   const api = await ApiPromise.create({ provider: new WsProvider(url), rpc });
//   const decision = (await api.rpc.consent.checkAccess(patient, accessor, 'LabResults', 'read', 'TREAT')).toJSON();
//
// Every method answers JSON (see the README's RPC reference), so results are `Json` codecs:
// call `.toJSON()` on them. Lists are `Vec<Json>` (`.toJSON()` is an array); nullable answers
// are `Option<Json>`: `.isNone`, or `.unwrap().toJSON()`.
// Every method but `fromFhir` takes an optional block hash `at` as its last parameter.
import { bnToU8a, hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, decodeAddress } from '@polkadot/util-crypto';

const at = { name: 'at', type: 'BlockHash', isOptional: true };
const account = (name) => ({ name, type: 'AccountId' });
const text = (name) => ({ name, type: 'Text' });
const consentId = { name: 'id', type: 'u64' };

/** The `rpc` option of `ApiPromise.create` for a CareChain node. */
export const rpc = {
  consent: {
    checkAccess: {
      description:
        'May `accessor` do `action` (read/write) on the patient\'s `category` data for `purpose` (TREAT, ...) now? ' +
        '{ decision: "permit"|"deny", consentId, expiresAt, reason }',
      params: [account('patient'), account('accessor'), text('category'), text('action'), text('purpose'), at],
      type: 'Json',
    },
    get: {
      description: 'The consent `id` as JSON, or null.',
      params: [consentId, at],
      type: 'Option<Json>',
    },
    listByPatient: {
      description: 'The stored consents of a patient.',
      params: [account('patient'), at],
      type: 'Vec<Json>',
    },
    listByGrantee: {
      description: 'The stored consents naming a provider or staff member.',
      params: [account('grantee'), at],
      type: 'Vec<Json>',
    },
    accessLog: {
      description: 'A patient\'s access log: { count, head, recent: [entries] }.',
      params: [account('patient'), at],
      type: 'Json',
    },
    verifyRecord: {
      description: 'Who anchored the record `recordHash` of a patient, when, in which category; or null.',
      params: [account('patient'), { name: 'recordHash', type: 'H256' }, at],
      type: 'Option<Json>',
    },
    toFhir: {
      description: 'The consent `id` as a FHIR R5 Consent resource, or null.',
      params: [consentId, at],
      type: 'Option<Json>',
    },
    fromFhir: {
      description:
        'The arguments of `consent.grant` a FHIR R5 Consent stands for, or an error naming the FHIR element ' +
        'CareChain cannot express.',
      params: [{ name: 'resource', type: 'Json' }],
      type: 'Json',
    },
  },
  providers: {
    get: {
      description: 'A provider (or a staff member with their organisation\'s standing) as JSON, or null.',
      params: [account('account'), at],
      type: 'Option<Json>',
    },
  },
};

// SPEC 2: the bit of each name is its position in these lists (stored on chain, never changed).
export const CATEGORIES = [
  'Demographics', 'Allergies', 'Medications', 'Conditions', 'Immunizations', 'LabResults',
  'VitalSigns', 'Imaging', 'Procedures', 'ClinicalNotes', 'CarePlans', 'Encounters', 'Billing',
  'MentalHealth', 'SubstanceUse', 'SexualReproductive', 'Genomics', 'Hiv',
];
export const ACTIONS = ['read', 'write'];
export const PURPOSES = ['TREAT', 'ETREAT', 'HPAYMT', 'HOPERAT', 'HRESCH', 'PUBHLTH', 'PATRQT'];

/** The bit set (an integer on chain) of `names`, each a member of `all`. */
export function bits(all, names) {
  return names.reduce((set, name) => {
    const bit = all.indexOf(name);
    if (bit < 0) throw new Error(`unknown name ${name}; one of ${all.join(', ')}`);
    return set | (1 << bit);
  }, 0);
}

/**
 * The `consent.grant` transaction a `consent_fromFhir` answer stands for. The patient named in
 * `grant.patient` must sign it.
 */
export function grantCall(api, grant) {
  return api.tx.consent.grant(
    grant.grantee,
    bits(CATEGORIES, grant.categories),
    bits(ACTIONS, grant.actions),
    bits(PURPOSES, grant.purposes),
    grant.expiresAt,
  );
}

/**
 * The head of a patient's access-log hash chain after `entries` (as `consent_accessLog` returns
 * them), starting from `head` (32 zero bytes before the first access ever):
 * `head' = blake2_256(head ++ SCALE(entry))`. A patient's app that recomputes the node's `head`
 * from entries it holds knows none was changed or left out.
 */
export function accessLogHead(entries, head = `0x${'00'.repeat(32)}`) {
  let current = hexToU8a(head);
  for (const entry of entries) {
    const encoded = u8aConcat(
      decodeAddress(entry.accessor),
      decodeAddress(entry.organisation),
      [CATEGORIES.indexOf(entry.category)],
      [PURPOSES.indexOf(entry.purpose)],
      [ACTIONS.indexOf(entry.action)],
      bnToU8a(entry.consentId, { bitLength: 64 }),
      bnToU8a(entry.time, { bitLength: 64 }),
      entry.recordHash ? u8aConcat([1], hexToU8a(entry.recordHash)) : [0],
    );
    current = blake2AsU8a(u8aConcat(current, encoded), 256);
  }
  return u8aToHex(current);
}
