#!/usr/bin/env node
// Writes the EPCIS 2.0 JSON-LD document of one batch, read from a node:
//
//   node scripts/epcis/cli.js --ws ws://127.0.0.1:9944 --gtin 05012345678900 --lot DEMO-LOT-1 \
//     [--from 1] [--to <block>] [--packs packs.json] [--out batch.epcis.json]
//
// `--packs` is the manufacturer's table of the batch's packs, a JSON array of
// `{ "leaf": "0x…", "serial": "…" }`, so that pack events name serials; without it they name
// leaves. The node must hold the state of the blocks read (an archive node for old history).
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { ApiPromise, WsProvider } from '@polkadot/api';

import { epcisDocument } from './index.js';
import { batchRecords } from './scan.js';

const { values } = parseArgs({
  options: {
    ws: { type: 'string', default: 'ws://127.0.0.1:9944' },
    gtin: { type: 'string' },
    lot: { type: 'string' },
    from: { type: 'string', default: '1' },
    to: { type: 'string' },
    packs: { type: 'string' },
    out: { type: 'string' },
  },
});

function fail(message) {
  process.stderr.write(`carechain-epcis: ${message}\n`);
  process.exit(2);
}

if (!values.gtin || !/^\d{14}$/.test(values.gtin)) fail('--gtin must be the 14-digit GTIN');
if (!values.lot) fail('--lot is required');
const from = Number(values.from);
const to = values.to === undefined ? undefined : Number(values.to);
if (!Number.isInteger(from) || from < 1) fail('--from must be a block number of 1 or more');
if (to !== undefined && (!Number.isInteger(to) || to < from)) fail('--to must be a block number not below --from');

let serials = new Map();
if (values.packs) {
  const table = JSON.parse(await readFile(values.packs, 'utf8'));
  if (!Array.isArray(table) || table.some((row) => typeof row.leaf !== 'string' || typeof row.serial !== 'string')) {
    fail('--packs must be a JSON array of { "leaf": "0x…", "serial": "…" }');
  }
  serials = new Map(table.map(({ leaf, serial }) => [leaf, serial]));
}

const api = await ApiPromise.create({ provider: new WsProvider(values.ws), noInitWarn: true });
try {
  const records = await batchRecords(api, { gtin: values.gtin, lot: values.lot, from, to });
  const document = JSON.stringify(epcisDocument({ gtin: values.gtin, lot: values.lot, records, serials }), null, 2);
  if (values.out) await writeFile(values.out, `${document}\n`);
  else process.stdout.write(`${document}\n`);
} finally {
  await api.disconnect();
}
