// A manufacturer's side of drug traceability: the salted leaves of a batch's packs, the Merkle
// root `traceability.commission` takes, and each pack's proof, exactly as the runtime computes
// them (pallets/traceability/src/serials.rs):
//
//   leaf = blake2_256(SCALE(("carechain/trace/pack/v1", salt, gtin: u64, lot, serial, expiry: u32)))
//
// and binary-merkle-tree's tree (pairs hashed with BLAKE2b-256, an odd last node promoted).
//
//   const batch = serialisedBatch({ gtin, lot, expiry, serials });
//   api.tx.traceability.commission(gtin, lot, expiry, serials.length, batch.root);
//   api.rpc.trace.verify(gtinDigits, serial, lot, isoDate, batch.proof(i));
import { bnToU8a, compactAddLength, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, randomAsU8a } from '@polkadot/util-crypto';

const DOMAIN = stringToU8a('carechain/trace/pack/v1');

/** The GS1 mod-10 check digit of the digits `data` (a string). */
export function checkDigit(data) {
  let sum = 0;
  [...data].reverse().forEach((digit, i) => {
    sum += Number(digit) * (i % 2 === 0 ? 3 : 1);
  });
  return String((10 - (sum % 10)) % 10);
}

/** The 14-digit GTIN of the 13 digits `data` (indicator, company prefix, item reference). */
export const gtin14 = (data) => `${data}${checkDigit(data)}`;

/** The 18-digit SSCC of the 17 digits `data`, as the u64 the chain takes. */
export const sscc = (data) => BigInt(`${data}${checkDigit(data)}`);

/** The leaf of one pack. `gtin` is the 14-digit string, `salt` 32 bytes. */
export function packLeaf({ salt, gtin, lot, serial, expiry }) {
  return blake2AsU8a(
    u8aConcat(
      compactAddLength(DOMAIN),
      salt,
      bnToU8a(BigInt(gtin), { bitLength: 64, isLe: true }),
      compactAddLength(stringToU8a(lot)),
      compactAddLength(stringToU8a(serial)),
      bnToU8a(expiry, { bitLength: 32, isLe: true }),
    ),
    256,
  );
}

const hashPair = (a, b) => blake2AsU8a(u8aConcat(a, b), 256);

/** The rows of the tree over `leaves`, leaves first, root last. */
function rows(leaves) {
  const all = [leaves];
  while (all[all.length - 1].length > 1) {
    const row = all[all.length - 1];
    const next = [];
    for (let i = 0; i < row.length; i += 2) next.push(i + 1 < row.length ? hashPair(row[i], row[i + 1]) : row[i]);
    all.push(next);
  }
  return all;
}

/**
 * A batch as its manufacturer makes it: a random salt per pack (unless `salts` are given), the
 * leaves, the root, and per pack the proof `trace_verify` takes and the `PackRef` calls take.
 */
export function serialisedBatch({ gtin, lot, expiry, serials, salts = serials.map(() => randomAsU8a(32)) }) {
  const leaves = serials.map((serial, i) => packLeaf({ salt: salts[i], gtin, lot, serial, expiry }));
  const tree = rows(leaves);
  const path = (index) => {
    const hashes = [];
    let position = index;
    for (const row of tree.slice(0, -1)) {
      const sibling = position % 2 === 1 ? position - 1 : position + 1;
      if (sibling < row.length) hashes.push(u8aToHex(row[sibling]));
      position = Math.floor(position / 2);
    }
    return hashes;
  };
  return {
    root: u8aToHex(tree[tree.length - 1][0]),
    leaves: leaves.map((leaf) => u8aToHex(leaf)),
    /** The proof of pack `index`, as `trace_verify` takes it. */
    proof: (index) => ({ salt: u8aToHex(salts[index]), index, path: path(index) }),
    /** Pack `index` as `dispense` and `flag_pack` name it (no serial). */
    packRef: (index) => ({ gtin: BigInt(gtin), lot, leaf: u8aToHex(leaves[index]), index, path: path(index) }),
  };
}

/** The ISO date (YYYY-MM-DD) of `day`, days since 1970-01-01. */
export const isoDate = (day) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * The `--dev` chain's demo batch (runtime/src/genesis_config_presets.rs): Meridian
 * Pharmaceuticals' GTIN 0501234567890?, lot DEMO-LOT-1, expiry 2029-12-31, twelve packs
 * DEMO000001.. whose salts are public (blake2_256 of "demo pack salt: " and the serial), all in
 * case 0 5012345 000000001 ?, in transit to Thames Valley Pharma Wholesale (//Bob//stash).
 */
export function demoBatch() {
  const serials = Array.from({ length: 12 }, (_, i) => `DEMO${String(i + 1).padStart(6, '0')}`);
  const salts = serials.map((serial) => blake2AsU8a(stringToU8a(`demo pack salt: ${serial}`), 256));
  const batch = { gtin: gtin14('0501234567890'), lot: 'DEMO-LOT-1', expiry: 21_914, serials };
  return { ...batch, case: sscc('05012345000000001'), ...serialisedBatch({ ...batch, salts }) };
}
