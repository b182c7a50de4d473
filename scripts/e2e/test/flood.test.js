// Hostile traffic against a real node: 10,000 malformed and random-byte extrinsics through
// `author_submitExtrinsic` and 10,000 malformed JSON-RPC requests. Every one is refused; the node
// keeps producing blocks and serving, a real transaction still lands, and its resident memory at
// the end is within 200 MiB of where it started. The figures go to the test's diagnostics.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { u8aToHex } from '@polkadot/util';

import { postRaw, rpc } from '../lib/network.js';
import { startNode } from '../lib/node.js';
import { devAccounts, freshAccount, submit } from '../lib/tx.js';

const EXTRINSICS = 10_000;
const REQUESTS = 10_000;
const BATCH = 100;
// Requests in flight at once. The e2e files run three at a time on two cores, so the flood must not
// starve its neighbours (or its own WebSocket's pings): 8 batches of 100 keep the node saturated.
const CONCURRENCY = 8;
// Generous per request: under a loaded machine a batch of 100 validations can take many seconds.
const REQUEST_TIMEOUT_MS = 120_000;
const MAX_RSS_GROWTH_MIB = 200;

/** A deterministic pseudo-random generator (xorshift32), so a failure can be replayed. */
function generator(seed) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  return {
    below: (n) => next() % n,
    bytes: (length) => {
      const bytes = new Uint8Array(length);
      for (let i = 0; i < length; i++) bytes[i] = next() & 0xff;
      return bytes;
    },
  };
}

/** Resident memory of a process, in MiB. */
async function residentMiB(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]);
  return kib / 1024;
}

/** Runs `jobs` (functions returning promises) with at most `limit` in flight. */
async function inParallel(jobs, limit) {
  const results = [];
  let next = 0;
  async function worker() {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]();
    }
  }
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

describe('flood of malformed input', () => {
  let node;
  let api;
  let keys;
  let httpUrl;
  let rssBefore;

  before(async () => {
    node = await startNode();
    api = node.api;
    keys = await devAccounts();
    httpUrl = node.rpcUrl.replace('ws://', 'http://');
    rssBefore = await residentMiB(node.pid);
  });

  after(async () => {
    await node?.stop();
  });

  /** Posts `body` as is; resolves to `{ status, json }` (`json` null if the body is not JSON). */
  function post(body) {
    return postRaw(httpUrl, body, { timeoutMs: REQUEST_TIMEOUT_MS });
  }

  test('10,000 malformed and random-byte extrinsics are each refused', async (t) => {
    const random = generator(0xc0ffee);
    // A real, correctly signed transfer whose bytes the cases below damage.
    const transfer = await api.tx.balances.transferKeepAlive(keys.bob.address, 1n).signAsync(keys.alice);
    const valid = transfer.toU8a();
    const prefix = valid.length < 16_384 ? 2 : 4; // the compact length prefix
    const signatureAt = prefix + 1 + 33 + 1; // version, MultiAddress::Id, signature kind
    // A signed transfer from an account that holds nothing: well formed, cannot pay its fee.
    const pauper = await freshAccount('pauper');
    const unfunded = (await api.tx.balances.transferKeepAlive(keys.bob.address, 1n).signAsync(pauper)).toHex();

    const cases = [
      () => u8aToHex(random.bytes(1 + random.below(512))),
      () => u8aToHex(random.bytes(100_000 + random.below(1_000))),
      () => {
        const damaged = valid.slice();
        damaged[signatureAt + random.below(64)] ^= 1 + random.below(255);
        return u8aToHex(damaged);
      },
      () => u8aToHex(valid.slice(0, 1 + random.below(valid.length - 1))),
      () => {
        // Any signed byte changed: the signer, the extensions or the call.
        const forged = valid.slice();
        const at = prefix + 1 + random.below(valid.length - prefix - 1);
        if (at < signatureAt - 1 || at >= signatureAt + 64) forged[at] ^= 1 + random.below(255);
        else forged[prefix + 1] ^= 1; // the signature itself is another case: change the signer
        return u8aToHex(forged);
      },
      () => {
        // Any format byte but the signed v4 one (0x84) the rest of the bytes were built for.
        const version = valid.slice();
        version[prefix] = [0x00, 0x03, 0x04, 0x05, 0x45, 0xc4, 0xff][random.below(7)];
        return u8aToHex(version);
      },
      () => unfunded,
      () => '0x',
      () => `0x${'zz'.repeat(1 + random.below(8))}`,
      () => random.below(1_000_000),
    ];
    // Each batch is built when it is sent, so the test's event loop never blocks for long (the
    // node drops a WebSocket whose pings go unanswered) and at most CONCURRENCY batches are in memory.
    const batchOf = (first) =>
      Array.from({ length: Math.min(BATCH, EXTRINSICS - first) }, (_, i) => ({
        jsonrpc: '2.0',
        id: first + i,
        method: 'author_submitExtrinsic',
        params: [cases[(first + i) % cases.length]()],
      }));

    const started = Date.now();
    const batches = [];
    for (let first = 0; first < EXTRINSICS; first += BATCH) {
      batches.push(() => post(JSON.stringify(batchOf(first))));
    }
    const answers = (await inParallel(batches, CONCURRENCY)).flatMap(({ status, json }) => {
      assert.equal(status, 200);
      assert.ok(Array.isArray(json), 'a batch is answered with a batch');
      return json;
    });
    const elapsed = (Date.now() - started) / 1000;

    assert.equal(answers.length, EXTRINSICS);
    const codes = new Map();
    for (const answer of answers) {
      assert.equal(answer.result, undefined, `request ${answer.id} was accepted: ${answer.result}`);
      assert.ok(answer.error, `request ${answer.id} has an error`);
      codes.set(answer.error.code, (codes.get(answer.error.code) ?? 0) + 1);
    }
    // Nothing reached the pool.
    assert.deepEqual((await rpc(node.rpcPort, 'author_pendingExtrinsics')), []);
    t.diagnostic(
      `${EXTRINSICS} extrinsics refused in ${elapsed.toFixed(1)} s ` +
        `(${Math.round(EXTRINSICS / elapsed)}/s); error codes ${JSON.stringify(Object.fromEntries(codes))}`,
    );
  });

  test('10,000 malformed JSON-RPC requests are each answered with an error', async (t) => {
    const random = generator(0xbadc0de);
    const text = (length) => Buffer.from(random.bytes(length)).toString('latin1');
    const bodies = [
      () => text(1 + random.below(256)), // not JSON at all
      () => '{"jsonrpc":"2.0","id":1,"method":"system_health"', // truncated
      () => JSON.stringify({ jsonrpc: '2.0', id: 1, method: `no_such_method_${random.below(1e6)}` }),
      () => JSON.stringify({ jsonrpc: '1.0', id: 1, method: 'system_health' }),
      () => JSON.stringify({ jsonrpc: '2.0', id: 1, method: 42 }),
      () => JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain_getBlock', params: [random.below(1e9)] }),
      () => JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'state_getStorage', params: ['0xzz'] }),
      () => JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'state_call', params: ['Core_version', 7] }),
      () => JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain_getHeader', params: { hash: [] } }),
      () => JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'x'.repeat(10_000) }),
      () => JSON.stringify([]),
      () => '[' + '['.repeat(1_000) + ']'.repeat(1_000) + ']',
    ];
    const started = Date.now();
    const answers = await inParallel(
      Array.from({ length: REQUESTS }, (_, i) => () => post(bodies[i % bodies.length]())),
      CONCURRENCY,
    );
    const elapsed = (Date.now() - started) / 1000;

    const outcomes = new Map();
    answers.forEach(({ status, json }, i) => {
      const refusedOverHttp = status >= 400;
      const errors = Array.isArray(json) ? json : [json];
      const refusedInJson = json !== null && errors.every((answer) => answer?.error && answer.result === undefined);
      assert.ok(refusedOverHttp || refusedInJson, `request ${i} (kind ${i % bodies.length}) was not refused`);
      const key = refusedInJson ? `json ${errors[0].error.code}` : `http ${status}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    });
    t.diagnostic(
      `${REQUESTS} requests refused in ${elapsed.toFixed(1)} s ` +
        `(${Math.round(REQUESTS / elapsed)}/s); ${JSON.stringify(Object.fromEntries(outcomes))}`,
    );
  });

  test('afterwards the node produces blocks, serves, takes a real transaction, and kept its memory', async (t) => {
    // The node closes a WebSocket whose pings went unanswered while it was flooded; the client
    // reconnects on its own, and the node must take it back.
    if (!api.isConnected) {
      await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the node did not take the WebSocket back in 60 s')), 60_000);
        api.once('connected', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    await api.isReady;
    const before = (await api.rpc.chain.getHeader()).number.toNumber();
    const health = await rpc(node.rpcPort, 'system_health');
    assert.equal(typeof health.peers, 'number');
    const receiver = await freshAccount('receiver');
    const { error } = await submit(api, api.tx.balances.transferKeepAlive(receiver.address, 10n ** 12n), keys.alice);
    assert.equal(error, null);
    const afterwards = (await api.rpc.chain.getHeader()).number.toNumber();
    assert.ok(afterwards > before, `blocks still come: #${before} -> #${afterwards}`);

    const rssAfter = await residentMiB(node.pid);
    t.diagnostic(`resident memory ${rssBefore.toFixed(0)} MiB before, ${rssAfter.toFixed(0)} MiB after`);
    assert.ok(
      rssAfter - rssBefore < MAX_RSS_GROWTH_MIB,
      `memory grew by ${(rssAfter - rssBefore).toFixed(0)} MiB`,
    );
  });
});
