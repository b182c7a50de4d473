// Starts a real `carechain` process on free loopback ports and connects @polkadot/api to it.
//
// The binary is `$CARECHAIN_BIN`, or `$CARGO_TARGET_DIR/release/carechain`.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import path from 'node:path';

import { ApiPromise, WsProvider } from '@polkadot/api';

/**
 * Block time of the chains the tests start, in milliseconds (`--dev-block-time`): a third of the
 * production 6 s, so the same runtime runs the tests three times faster. Nothing in the tests
 * depends on the value beyond waiting less.
 */
export const TEST_BLOCK_TIME_MS = 2_000;

/** `--dev` with the tests' block time. */
export const DEV_ARGS = ['--dev', '--dev-block-time', String(TEST_BLOCK_TIME_MS)];

/** Path of the node binary under test. */
export function nodeBinary() {
  if (process.env.CARECHAIN_BIN) return process.env.CARECHAIN_BIN;
  const target =
    process.env.CARGO_TARGET_DIR || path.join(homedir(), '.cache', 'carechain', 'target');
  return path.join(target, 'release', 'carechain');
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * Runs `carechain` with `args` to completion (for commands that must exit by themselves).
 * `env` adds environment variables. Resolves to `{ code, stdout, stderr }`.
 */
export async function runNodeCommand(args, options = {}) {
  return runBinary(nodeBinary(), args, options);
}

/** The `carechain-clinic` binary: beside the node's (`CARECHAIN_CLINIC_BIN` overrides it). */
export function clinicBinary() {
  return process.env.CARECHAIN_CLINIC_BIN || path.join(path.dirname(nodeBinary()), 'carechain-clinic');
}

/** Runs `carechain-clinic` with `args` to completion, as `runNodeCommand` does. */
export async function runClinicCommand(args, options = {}) {
  return runBinary(clinicBinary(), args, options);
}

async function runBinary(binary, args, { timeoutMs = 60_000, env = {} } = {}) {
  const child = spawn(binary, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code] = await once(child, 'exit');
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** Every node started by this process, so that none outlives the tests. */
const running = new Set();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts a node (`DEV_ARGS` unless `args` says otherwise) with a temporary database (or the one in
 * `basePath`, to restart a chain) and waits until
 * its RPC answers. Returns `{ api, rpcUrl, rpcPort, pid, logs, stop }`; `stop()` disconnects and kills
 * it. `onLog` receives every chunk of the node's log (stderr) as it comes.
 */
export async function startNode({
  args = DEV_ARGS,
  rpc = {},
  readyTimeoutMs = 120_000,
  onLog = () => {},
  basePath = null,
} = {}) {
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const child = spawn(
    nodeBinary(),
    [
      ...args,
      ...(basePath ? ['--base-path', basePath] : ['--tmp']),
      '--rpc-port', String(rpcPort),
      '--listen-addr', `/ip4/127.0.0.1/tcp/${p2pPort}`,
      '--no-prometheus',
      '--no-telemetry',
      '--no-mdns',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  running.add(child);
  let logs = '';
  child.stderr.on('data', (chunk) => {
    logs = (logs + chunk).slice(-200_000);
    onLog(chunk.toString());
  });
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
    running.delete(child);
  });

  const rpcUrl = `ws://127.0.0.1:${rpcPort}`;
  const deadline = Date.now() + readyTimeoutMs;
  while (!logs.includes('Running JSON-RPC server')) {
    if (exited) throw new Error(`carechain exited early (${JSON.stringify(exited)}):\n${logs}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`carechain did not start its RPC server in time:\n${logs}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const provider = new WsProvider(rpcUrl, 1_000);
  const api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true, rpc });

  async function stop() {
    await api.disconnect().catch(() => {});
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await once(child, 'exit').catch(() => {});
      clearTimeout(timer);
    }
  }

  return { api, rpcUrl, rpcPort, pid: child.pid, logs: () => logs, stop };
}
