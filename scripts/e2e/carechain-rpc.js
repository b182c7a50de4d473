// CareChain's custom JSON-RPC methods (`consent_*`, `patient_*`, `providers_*`, `rewards_*`, `claims_*`, `trace_*`) for
// @polkadot/api.
//
//   import { ApiPromise, WsProvider } from '@polkadot/api';
//   import { rpc } from './carechain-rpc.js';
//   const api = await ApiPromise.create({ provider: new WsProvider(url), rpc });
//   const decision = (await api.rpc.consent.checkAccess(patient, accessor, 'LabResults', 'read', 'TREAT')).toJSON();
//
// Every method answers JSON (see the README's RPC reference), so results are `Json` codecs:
// call `.toJSON()` on them. Lists are `Vec<Json>` (`.toJSON()` is an array); nullable answers
// are `Option<Json>`: `.isNone`, or `.unwrap().toJSON()`.
// Every method but `fromFhir` and `readNonce` takes an optional block hash `at` as its last
// parameter. Reads of consents, logs and anchors are party-signed: pass the `auth` that
// `signedRead` builds (see the README's "Party-signed reads"):
//
//   const auth = await signedRead(api, patientPair, 'consent_listByPatient', [patient]);
//   const consents = (await api.rpc.consent.listByPatient(patient, auth)).toJSON();
import { bnToU8a, hexToU8a, stringToU8a, u8aConcat, u8aToHex, u8aWrapBytes } from '@polkadot/util';
import { blake2AsU8a, decodeAddress } from '@polkadot/util-crypto';

const at = { name: 'at', type: 'BlockHash', isOptional: true };
const account = (name) => ({ name, type: 'AccountId' });
const text = (name) => ({ name, type: 'Text' });
const consentId = { name: 'id', type: 'u64' };
const auth = { name: 'auth', type: 'Json' };

/** The `rpc` option of `ApiPromise.create` for a CareChain node. */
export const rpc = {
  consent: {
    checkAccess: {
      description:
        'May `accessor` do `action` (read/write) on the patient\'s `category` data for `purpose` (TREAT, ...) now? ' +
        '{ decision: "permit"|"deny", consentId, expiresAt, reason }',
      // `category`: a standard category's name, or a sensitive one's sealed tag (0x + 32 hex digits).
      params: [account('patient'), account('accessor'), text('category'), text('action'), text('purpose'), at],
      type: 'Json',
    },
    readNonce: {
      description: 'A fresh nonce for one party-signed read of this node: { nonce, issuedAt, expiresAt }.',
      params: [],
      type: 'Json',
    },
    get: {
      description: 'The consent `id` as JSON, or null (to its patient, guardians, grantee).',
      params: [consentId, auth, at],
      type: 'Option<Json>',
    },
    listByPatient: {
      description: 'The stored consents of a patient (to the patient and guardians).',
      params: [account('patient'), auth, at],
      type: 'Vec<Json>',
    },
    listByGrantee: {
      description: 'The stored consents naming a provider or staff member (to it and its organisation).',
      params: [account('grantee'), auth, at],
      type: 'Vec<Json>',
    },
    accessLog: {
      description:
        'A patient\'s access log: { scope, count, head, since, recent: [last 32 entries] } (whole to the ' +
        'patient and guardians, `recent` folding from `since` into `head`; an accessor sees its own entries).',
      params: [account('patient'), auth, at],
      type: 'Json',
    },
    pendingRequests: {
      description:
        'The requests waiting for a patient\'s answer, oldest first: [{ id, requester, organisation, categories, ' +
        'actions, purposes, durationMs, justificationHash, lapsesAt, sealed?: { tags, salts } }] (to the patient ' +
        'and guardians; `sealed` for a sealed request only).',
      params: [account('patient'), auth, at],
      type: 'Vec<Json>',
    },
    verifyRecord: {
      description: 'Who anchored the record `recordHash` of a patient, when, in which category; or null.',
      params: [account('patient'), { name: 'recordHash', type: 'H256' }, auth, at],
      type: 'Option<Json>',
    },
    toFhir: {
      description: 'The consent `id` as a FHIR R5 Consent resource, or null (to the parties of `get`).',
      params: [consentId, auth, at],
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
  patient: {
    get: {
      description:
        'A patient\'s registration: { account, onboarded, emergencyAccess, guardians: [{ account, until }], ' +
        'feeless: { perDay, usedToday, leftToday }, enrolments: [{ studyId, consentId, paid }] }, or null ' +
        '(to the patient and guardians).',
      params: [account('patient'), auth, at],
      type: 'Option<Json>',
    },
  },
  providers: {
    get: {
      description: 'A provider (or a staff member with their organisation\'s standing) as JSON, or null.',
      params: [account('account'), at],
      type: 'Option<Json>',
    },
  },
  rewards: {
    study: {
      description:
        'The open study `id`\'s public terms: { id, institute, categories, rewardPerParticipant, maxParticipants, ' +
        'participants, enrollmentEndsAt, dataUseEndsAt, protocolHash, sealedTags?: [tag] }, or null.',
      params: [{ name: 'id', type: 'u64' }, at],
      type: 'Option<Json>',
    },
  },
  claims: {
    eligibility: {
      description: 'Is coverage `coverage` in force on `day` (days since 1970-01-01)? { coverage, day, inforce }.',
      params: [{ name: 'coverage', type: 'u64' }, { name: 'day', type: 'u32' }, at],
      type: 'Json',
    },
    coverage: {
      description: 'The coverage `id` as JSON, or null (to its member, guardians, insurer).',
      params: [{ name: 'id', type: 'u64' }, auth, at],
      type: 'Option<Json>',
    },
    coveragesOf: {
      description: 'The coverages of a member (to the member and guardians).',
      params: [account('member'), auth, at],
      type: 'Vec<Json>',
    },
    claim: {
      description: 'The open claim `id` as JSON, or null (to the member, guardians, insurer, billing provider).',
      params: [{ name: 'id', type: 'u64' }, auth, at],
      type: 'Option<Json>',
    },
    explanationOfBenefit: {
      description:
        'The explanation of benefit of claim `id`: { claim, coverage, serviceDate, billed, paid, patientShare, ' +
        'status, outcome?, adjustments: [{ group, reason, remark? }] }, or null (to the parties of claims_claim).',
      params: [{ name: 'id', type: 'u64' }, auth, at],
      type: 'Option<Json>',
    },
    verifyService: {
      description:
        'Whether a hospital pseudonym and record keys open claim `id` and every record was anchored by the billing ' +
        'provider before the claim: { holds, mismatch?, record?, carc? } (to the claim\'s insurer only).',
      params: [{ name: 'id', type: 'u64' }, account('hospitalPseudonym'), { name: 'recordKeys', type: 'Vec<H256>' }, auth, at],
      type: 'Json',
    },
  },
  trace: {
    verify: {
      description:
        'What a drug pack verifies as: gtin (8-14 digits), serial, lot, expiry (YYYY-MM-DD), proof ' +
        '{ salt, index, path } and an optional verifier account: { verdict, saleable, today }.',
      params: [
        text('gtin'), text('serial'), text('lot'), text('expiry'), { name: 'proof', type: 'Json' },
        { name: 'verifier', type: 'AccountId', isOptional: true }, at,
      ],
      type: 'Json',
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

/**
 * The list argument of a call (`grant`, `request_access`, `emergency_access`, `create_study`)
 * naming `names`, each a member of `all`: the enum's variant index is the name's bit.
 */
export function variants(all, names) {
  return names.map((name) => {
    const index = all.indexOf(name);
    if (index < 0) throw new Error(`unknown name ${name}; one of ${all.join(', ')}`);
    return index;
  });
}

/**
 * The `consent.grant` transaction a `consent_fromFhir` answer stands for. The patient named in
 * `grant.patient` must sign it.
 */
export function grantCall(api, grant) {
  return api.tx.consent.grant(
    grant.grantee,
    variants(CATEGORIES, grant.categories),
    variants(ACTIONS, grant.actions),
    variants(PURPOSES, grant.purposes),
    grant.expiresAt,
  );
}

/**
 * The `grant_sealed` call of `grant` (as `grantCall`'s, `categories` the standard ones) with
 * `grant.sealed`, a `SealedScope` made by `prepareSealedScope` of carechain-pseudonyms.
 */
export function sealedGrantCall(api, grant) {
  return api.tx.consent.grantSealed(
    grant.grantee,
    variants(CATEGORIES, grant.categories),
    grant.sealed,
    variants(ACTIONS, grant.actions),
    variants(PURPOSES, grant.purposes),
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
      // `AccessedCategory`: `Clear(category)` or `Sealed(tag)`.
      entry.sealedTag ? u8aConcat([1], hexToU8a(entry.sealedTag)) : [0, CATEGORIES.indexOf(entry.category)],
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

/** The parameters (other than `auth` and `at`) of each party-signed read, by kind. */
export const SIGNED_READS = {
  consent_get: ['id'],
  consent_listByPatient: ['account'],
  consent_listByGrantee: ['account'],
  consent_accessLog: ['account'],
  consent_pendingRequests: ['account'],
  consent_verifyRecord: ['account', 'hash'],
  consent_toFhir: ['id'],
  patient_get: ['account'],
  claims_coverage: ['id'],
  claims_coveragesOf: ['account'],
  claims_claim: ['id'],
  claims_explanationOfBenefit: ['id'],
  claims_verifyService: ['id', 'account', 'hashes'],
};

/** A parameter in its canonical form in the signed message: accounts as the hex of their bytes, ids as decimal text. */
function canonical(kind, value) {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'account': return u8aToHex(decodeAddress(value.toString()));
    case 'id': return BigInt(value.toString()).toString();
    case 'hash': return value.toString().toLowerCase();
    case 'hashes': return [...value].map((hash) => hash.toString().toLowerCase());
    default: throw new Error(`unknown parameter kind ${kind}`);
  }
}

/**
 * The text a party signs for a read of `method` with `params` (without `auth`; `at` last, or
 * absent) on the chain of `genesisHash`, at `timestamp` (unix ms) with the node's `nonce`.
 */
export function readMessage({ genesisHash, method, params, timestamp, nonce }) {
  const kinds = SIGNED_READS[method];
  if (!kinds) throw new Error(`${method} is not a party-signed read`);
  const values = kinds.map((kind, index) => canonical(kind, params[index]));
  values.push(canonical('hash', params[kinds.length]));
  return [
    'carechain read v1',
    `genesis: ${genesisHash.toLowerCase()}`,
    `method: ${method}`,
    `params: ${JSON.stringify(values)}`,
    `timestamp: ${timestamp}`,
    `nonce: ${nonce.toLowerCase()}`,
  ].join('\n');
}

/**
 * The `auth` of a read signed by `pair` (a keyring pair), as `signRaw` signs: over the message
 * wrapped in `<Bytes>`...`</Bytes>`.
 */
export function readAuth({ pair, genesisHash, method, params, nonce, timestamp = Date.now() }) {
  const message = readMessage({ genesisHash, method, params, timestamp, nonce });
  const signature = u8aToHex(pair.sign(u8aWrapBytes(stringToU8a(message))));
  return { signer: pair.address, timestamp, nonce, signature };
}

/** The last `consent_readNonce` call of each api: the next one waits for it. */
const nonceCalls = new WeakMap();

/**
 * A fresh nonce of the node of `api`. @polkadot/api answers identical calls in flight at once
 * with one answer, and a nonce is single use, so the calls of one api are made one at a time.
 */
function freshNonce(api) {
  const previous = nonceCalls.get(api) ?? Promise.resolve();
  const call = previous.catch(() => {}).then(() => api.rpc.consent.readNonce());
  nonceCalls.set(api, call);
  return call.then((answer) => answer.toJSON().nonce);
}

/** Asks the node of `api` for a nonce and returns `pair`'s `auth` for `method(params)`. */
export async function signedRead(api, pair, method, params) {
  const nonce = await freshNonce(api);
  return readAuth({ pair, genesisHash: api.genesisHash.toHex(), method, params, nonce });
}

/**
 * The whole parameter list of a party-signed read for raw JSON-RPC: `args`, then `pair`'s
 * `auth` over them, then `at` if given.
 */
export function signedParams({ pair, genesisHash, nonce, method, args, at = null, timestamp }) {
  const auth = readAuth({ pair, genesisHash, method, params: [...args, at], nonce, timestamp });
  return at === null ? [...args, auth] : [...args, auth, at];
}
