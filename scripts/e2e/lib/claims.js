// What a provider's billing software computes for a claim (primitives/src/claim.rs): the anchor
// of a record key, the service commitment and the duplicate key, all blake2-256.
import { stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, decodeAddress } from '@polkadot/util-crypto';

/** A fresh 32-byte record key (the secret a provider keeps with a record); `label` tells them apart. */
export function recordKey(label) {
  return blake2AsU8a(stringToU8a(`record ${label} ${Date.now()} ${Math.random()}`));
}

/** The anchor a billable record is written with: `blake2_256(record key)`. */
export function anchorOf(key) {
  return blake2AsU8a(key);
}

/**
 * The `serviceCommitment` and `duplicateKey` of a claim by `organisation` of records `recordKeys`
 * anchored under `hospitalPseudonym`, for the service on `serviceDate` (days since 1970-01-01):
 * `blake2_256("carechain/claim/service" ++ pseudonym ++ SCALE(keys))` and
 * `blake2_256("carechain/claim/duplicate" ++ organisation ++ SCALE(day) ++ commitment)`.
 */
export function claimCommitments(api, { hospitalPseudonym, recordKeys, serviceDate, organisation }) {
  const keysScale = api.createType('Vec<[u8;32]>', recordKeys.map((key) => u8aToHex(key))).toU8a();
  const commitment = blake2AsU8a(u8aConcat(stringToU8a('carechain/claim/service'), decodeAddress(hospitalPseudonym), keysScale));
  const day = api.createType('u32', serviceDate).toU8a();
  const duplicateKey = blake2AsU8a(u8aConcat(stringToU8a('carechain/claim/duplicate'), decodeAddress(organisation), day, commitment));
  return { serviceCommitment: u8aToHex(commitment), duplicateKey: u8aToHex(duplicateKey) };
}
