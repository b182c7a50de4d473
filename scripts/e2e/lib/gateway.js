// Starts `carechain-fhir-gateway` (beside the node's binary; `CARECHAIN_GATEWAY_BIN` overrides it)
// against a node, as a clinic runs it next to its EHR, and validates FHIR resources against an
// independent R5 model (Python's fhir.resources, in the venv `scripts/setup.sh` makes).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { nodeBinary } from './node.js';

/** Path of the gateway binary under test. */
export function gatewayBinary() {
  return process.env.CARECHAIN_GATEWAY_BIN || path.join(path.dirname(nodeBinary()), 'carechain-fhir-gateway');
}

/**
 * Starts the gateway on a free port, reading `nodeUrl` with the clinic key `key` (a secret URI)
 * and any further `args` (e.g. `--encryption-key-file`),
 * and waits for the line that announces its URL. Returns `{ baseUrl, versionedUrl, output, stop }`.
 */
export async function startGateway({ nodeUrl, key, args = [], readyTimeoutMs = 30_000 }) {
  const child = spawn(gatewayBinary(), ['--node', nodeUrl, '--listen', '127.0.0.1:0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CARECHAIN_KEY: key },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const deadline = Date.now() + readyTimeoutMs;
  let match;
  while (!(match = output.match(/FHIR R5 at (http:\/\/\S+\/fhir) \(pinned: (http:\/\/\S+\/fhir\/R5)\)/))) {
    if (exited) throw new Error(`the gateway exited (${JSON.stringify(exited)}):\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the gateway did not start in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  process.on('exit', () => child.kill('SIGKILL'));
  async function stop() {
    if (exited) return;
    child.kill('SIGTERM');
    await once(child, 'exit').catch(() => {});
  }
  return { baseUrl: match[1], versionedUrl: match[2], output: () => output, isRunning: () => !exited, stop };
}

/** The Python of the venv holding fhir.resources (`CARECHAIN_FHIR_PYTHON` overrides it). */
function fhirPython() {
  return process.env.CARECHAIN_FHIR_PYTHON || path.join(homedir(), '.cache', 'carechain', 'fhir-venv', 'bin', 'python');
}

const validator = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fhir', 'validate.py');

/**
 * The verdicts of Python's fhir.resources (R5) on `resources`, in order: `{ valid: true }` or
 * `{ valid: false, errors: [...] }`; with `roundTrip`, a valid verdict also holds `resource`, the
 * resource as the model writes it back.
 */
export async function validateR5(resources, { roundTrip = false } = {}) {
  const args = roundTrip ? [validator, '--round-trip'] : [validator];
  const child = spawn(fhirPython(), args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdin.end(JSON.stringify(resources));
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`validate.py exited with ${code}: ${stderr}`);
  return JSON.parse(stdout);
}
