// The deepest proof `trace_verify` can be asked: a batch of the runtime's most packs (2^20),
// so a pack's path is 20 hashes. The tree need not be built: a root is any fold of one leaf
// with 20 sibling hashes, so the harness draws the siblings, folds pack 0's leaf up to the root
// and commissions a batch under that root; the proof then verifies as every real one does.
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, randomAsU8a } from '@polkadot/util-crypto';

import { demoBatch, isoDate, packLeaf } from '../../e2e/trace.js';
import { submit } from '../../e2e/lib/tx.js';

const DEPTH = 20;

/**
 * Commissions the deep batch as the dev chain's demo manufacturer (`maker`, //Alice//stash, whose
 * product is the demo GTIN) and returns `trace_verify`'s parameters for its pack 0.
 */
export async function deepestProof(api, maker) {
  const { gtin } = demoBatch();
  const lot = 'LOAD-DEEPEST';
  const serial = 'LOAD000001';
  const today = (await api.call.traceabilityApi.today()).toNumber();
  const expiry = today + 365;
  const salt = randomAsU8a(32);
  const path = Array.from({ length: DEPTH }, () => randomAsU8a(32));
  // Pack 0 is always the left child, so each level hashes (node, sibling).
  const root = path.reduce((node, sibling) => blake2AsU8a(u8aConcat(node, sibling), 256), packLeaf({ salt, gtin, lot, serial, expiry }));
  const { error } = await submit(api, api.tx.traceability.commission(BigInt(gtin), lot, expiry, 1 << DEPTH, u8aToHex(root)), maker);
  if (error) throw new Error(`commissioning the deepest batch: ${error}`);
  const proof = { salt: u8aToHex(salt), index: 0, path: path.map((hash) => u8aToHex(hash)) };
  return [gtin, serial, lot, isoDate(expiry), proof];
}
