// Read throughput and latency of JSON-RPC methods over HTTP, measured with wrk (a maintained
// load generator, Debian's `wrk`): a fixed number of keep-alive connections for a fixed time.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { rpc } from '../../e2e/lib/network.js';

const run = promisify(execFile);

/** wrk's duration text (`812.00us`, `2.12ms`, `1.01s`) in milliseconds. */
function millis(text) {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  if (!match) throw new Error(`unexpected wrk latency \`${text}\``);
  const scale = { us: 0.001, ms: 1, s: 1_000, m: 60_000 }[match[2]];
  return Number(match[1]) * scale;
}

/** Parses wrk's `--latency` report. */
export function parseWrk(output) {
  const perSecond = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const p50 = /^\s+50%\s+(\S+)/m.exec(output);
  const p99 = /^\s+99%\s+(\S+)/m.exec(output);
  const total = /(\d+) requests in/.exec(output);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  if (!perSecond || !p50 || !p99 || !total) throw new Error(`unexpected wrk output:\n${output}`);
  return {
    requestsPerSecond: Number(perSecond[1]),
    p50Ms: millis(p50[1]),
    p99Ms: millis(p99[1]),
    requests: Number(total[1]),
    non2xx: non2xx ? Number(non2xx[1]) : 0,
    socketErrors: errors ? errors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
  };
}

/**
 * Measures each `{ name, method, params }` for `seconds` with `connections` connections (two wrk
 * threads). Each request is first sent once and its answer checked, so wrk measures real answers.
 */
export async function readBenchmark(port, requests, { seconds, connections }) {
  const dir = await mkdtemp(path.join(tmpdir(), 'carechain-wrk-'));
  try {
    const results = [];
    for (const { name, method, params, check } of requests) {
      check(await rpc(port, method, params));
      const body = JSON.stringify({ id: 1, jsonrpc: '2.0', method, params });
      const script = path.join(dir, `${method}.lua`);
      await writeFile(
        script,
        [
          'wrk.method = "POST"',
          `wrk.body = ${JSON.stringify(body)}`,
          'wrk.headers["Content-Type"] = "application/json"',
          '',
        ].join('\n'),
      );
      const { stdout } = await run('wrk', [
        '-t2',
        `-c${connections}`,
        `-d${seconds}s`,
        '--latency',
        '-s',
        script,
        `http://127.0.0.1:${port}`,
      ]);
      results.push({ name, method, connections, seconds, ...parseWrk(stdout) });
    }
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
