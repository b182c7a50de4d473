// Everything the app knows of one patient: their pseudonyms (one per relationship, derived from
// the phrase with `carechain-pseudonyms`) and, for each, what the chain holds, read by the
// pseudonym itself through party-signed reads (`patient_get`, `consent_*`), so that the app
// works on a node's public face, which serves no raw state. Nothing here links two pseudonyms
// on chain: each read is signed by its own pseudonym, and transactions go through the spacing
// queue. (The node that answers sees which pseudonyms one browser reads: PRIVACY.md's RPC
// operator. A patient who minds uses their own provider's node, or one node per pseudonym.)
import { openSealedScope, openTag, patientEncryptionKeyPair, providerPseudonym, studyPseudonym } from 'carechain-pseudonyms';
import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { accessLogHead } from '../../scripts/e2e/carechain-rpc.js';
import { partyRead } from './chain.js';

/** `address` in the generic format (prefix 42), or null when it is not an account address. */
export function accountAddress(address) {
  try {
    const bytes = decodeAddress(address.trim());
    return bytes.length === 32 ? encodeAddress(bytes, 42) : null;
  } catch {
    return null;
  }
}

/** The key pair of a relationship (`{ kind: 'provider', provider }` or `{ kind: 'study', study }`). */
export function pseudonymOf(phrase, relationship) {
  return relationship.kind === 'study'
    ? studyPseudonym(phrase, relationship.study)
    : providerPseudonym(phrase, relationship.provider);
}

/** The relationship's name for people. */
export function relationshipName(relationship) {
  return relationship.kind === 'study' ? `Study ${relationship.study}` : relationship.name;
}

/**
 * Whether the access log `log` (as `consent_accessLog` answers the patient) is the one its
 * on-chain head commits to: `verified` when the entries fold to the head, `tampered` when they
 * do not, `unchecked` when the link before the first entry is not known (`since` absent: entries
 * moved from state by an upgrade) and no checkpoint reaches them. Folding from `since` is enough:
 * passing off other entries that reach the same head would take a second preimage of blake2.
 * `checkpoint` is the `{ count, head }` this app verified last time (or null); the answer has
 * the new checkpoint to keep.
 */
export function checkLog(log, checkpoint) {
  const entries = log.recent ?? [];
  const first = entries.length ? entries[0].index : log.count;
  let from = null;
  if (first === 0) from = { count: 0, head: `0x${'00'.repeat(32)}` };
  else if (log.since) from = { count: first, head: log.since };
  else if (checkpoint && checkpoint.count >= first && checkpoint.count <= log.count) from = checkpoint;
  if (!from) return { status: 'unchecked', checkpoint };
  const rest = entries.filter((entry) => entry.index >= from.count);
  if (from.count + rest.length !== log.count) return { status: 'tampered', checkpoint };
  const head = accessLogHead(rest, from.head);
  if (head !== log.head) return { status: 'tampered', checkpoint };
  return { status: 'verified', checkpoint: { count: log.count, head } };
}

/** What the chain holds of one pseudonym, read by the pseudonym. */
async function loadPseudonym(api, phrase, relationship, checkpoint) {
  const pair = await pseudonymOf(phrase, relationship);
  const address = pair.address;
  const record = await partyRead(api, pair, 'patient_get', [address]);
  const view = { relationship, pair, address, record, consents: [], requests: [], log: null, logCheck: null };
  if (relationship.kind === 'study') {
    view.study = (await api.rpc.rewards.study(relationship.study)).toJSON();
    view.enrolment = record?.enrolments.find((enrolment) => enrolment.studyId === relationship.study) ?? null;
  }
  if (!record) return view;
  const [consents, requests, log] = await Promise.all([
    partyRead(api, pair, 'consent_listByPatient', [address]),
    partyRead(api, pair, 'consent_pendingRequests', [address]),
    partyRead(api, pair, 'consent_accessLog', [address]),
  ]);
  view.consents = consents;
  view.requests = requests;
  view.log = log;
  view.logCheck = checkLog(log, checkpoint);
  await openSealed(phrase, address, consents, log, requests);
  return view;
}

/**
 * Opens each sealed consent and request of the pseudonym with the patient's key, derived from
 * the phrase: `sensitive` lists the sensitive categories each covers or asks for (`null` when
 * it was sealed to another key), and each log entry under a consent reads its tag as the
 * category. The chain and the node see tags only.
 */
async function openSealed(phrase, address, consents, log, requests) {
  const sealed = consents.filter((consent) => consent.sealed);
  const sealedRequests = requests.filter((request) => request.sealed);
  if (sealed.length === 0 && sealedRequests.length === 0) return;
  const keyPair = await patientEncryptionKeyPair(phrase, address);
  for (const request of sealedRequests) {
    request.sensitive = (await openSealedScope(request.sealed, keyPair))?.categories ?? null;
  }
  const salts = new Map();
  for (const consent of sealed) {
    const opened = await openSealedScope(consent.sealed, keyPair);
    if (opened) {
      consent.sensitive = opened.categories;
      salts.set(consent.id, opened.salt);
    }
  }
  for (const entry of log?.recent ?? []) {
    const salt = entry.sealedTag ? salts.get(entry.consentId) : null;
    if (salt) entry.category = openTag(salt, entry.sealedTag) ?? 'sealed';
  }
}

/** Reads every pseudonym of the vault's relationships; notes the new log checkpoints in it. */
export async function loadPatient(api, vault) {
  const { phrase, relationships, checkpoints } = vault.contents;
  const pseudonyms = [];
  for (const relationship of relationships) {
    const checkpoint = checkpoints[relationshipKey(relationship)] ?? null;
    const view = await loadPseudonym(api, phrase, relationship, checkpoint);
    if (view.logCheck?.status === 'verified') checkpoints[relationshipKey(relationship)] = view.logCheck.checkpoint;
    pseudonyms.push(view);
  }
  return pseudonyms;
}

/** A stable key of a relationship in the vault. */
export const relationshipKey = (relationship) =>
  relationship.kind === 'study' ? `study:${relationship.study}` : `provider:${relationship.provider}`;
