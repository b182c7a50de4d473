// The four `--chain local` validators (Alice, Bob, Charlie, Dave) as real processes on loopback,
// each with its own database, fixed node key and ports; read through plain JSON-RPC over HTTP.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { freePort, nodeBinary, runNodeCommand, TEST_BLOCK_TIME_MS } from './node.js';

export const VALIDATORS = ['alice', 'bob', 'charlie', 'dave'];

/** Calls a JSON-RPC method on the node listening on `port`; rejects on an RPC error. */
export async function rpc(port, method, params = []) {
  const response = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ id: 1, jsonrpc: '2.0', method, params }),
    signal: AbortSignal.timeout(5_000),
  });
  const body = await response.json();
  if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.result;
}

/**
 * POSTs a raw `body` to a node's HTTP JSON-RPC endpoint `url` and resolves to
 * `{ status, json }`; `json` is null when the answer is no JSON (an HTTP-level refusal such as
 * 413 has no JSON-RPC body).
 */
export async function postRaw(url, body, { timeoutMs = 30_000 } = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  try {
    return { status: response.status, json: JSON.parse(text) };
  } catch {
    return { status: response.status, json: null };
  }
}

/** The finalized block number of the node on `port`, or -1 if it does not answer. */
export async function finalizedNumber(port) {
  try {
    const hash = await rpc(port, 'chain_getFinalizedHead');
    return Number((await rpc(port, 'chain_getHeader', [hash])).number);
  } catch {
    return -1;
  }
}

/** The hash and state root of block `number` as the node on `port` has it. */
export async function blockAt(port, number) {
  const hash = await rpc(port, 'chain_getBlockHash', [number]);
  const header = await rpc(port, 'chain_getHeader', [hash]);
  return { hash, stateRoot: header.stateRoot };
}

/** Polls `check` until it returns true; rejects with `what` after `timeoutMs`. */
export async function waitFor(what, check, { timeoutMs = 120_000, intervalMs = 500 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Prepares the four validators (directories, node keys, ports) without starting them.
 * `network.start(name)` starts one (again, on its own database), `network.kill(name)` kills it
 * with SIGKILL, `network.stopAll()` kills every process and removes the directories.
 */
export async function localNetwork() {
  const dir = await mkdtemp(path.join(tmpdir(), 'carechain-network-'));
  const nodes = {};
  for (const [index, name] of VALIDATORS.entries()) {
    const base = path.join(dir, name);
    await mkdir(base, { recursive: true });
    const keyFile = path.join(base, 'node-key');
    await writeFile(keyFile, (index + 1).toString(16).padStart(64, '0'));
    nodes[name] = { name, base, keyFile, p2p: await freePort(), rpcPort: await freePort(), child: null, logs: '' };
  }
  const peer = await runNodeCommand(['key', 'inspect-node-key', '--file', nodes.alice.keyFile]);
  if (peer.code !== 0) throw new Error(`inspect-node-key failed: ${peer.stderr}`);
  const bootnode = `/ip4/127.0.0.1/tcp/${nodes.alice.p2p}/p2p/${peer.stdout.trim()}`;

  function start(name) {
    const node = nodes[name];
    const args = [
      '--chain', 'local', `--${name}`,
      '--dev-block-time', String(TEST_BLOCK_TIME_MS),
      '--base-path', node.base,
      '--node-key-file', node.keyFile,
      '--listen-addr', `/ip4/127.0.0.1/tcp/${node.p2p}`,
      '--rpc-port', String(node.rpcPort),
      '--no-mdns', '--no-prometheus', '--no-telemetry', '--allow-private-ip',
    ];
    if (name !== 'alice') args.push('--bootnodes', bootnode);
    node.child = spawn(nodeBinary(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    node.child.stderr.on('data', (chunk) => {
      node.logs = (node.logs + chunk).slice(-100_000);
    });
    return node;
  }

  async function kill(name) {
    const { child } = nodes[name];
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  async function stopAll() {
    await Promise.all(VALIDATORS.map(kill));
    await rm(dir, { recursive: true, force: true });
  }

  return { nodes, start, kill, stopAll };
}
