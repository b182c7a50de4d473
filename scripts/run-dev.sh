#!/usr/bin/env bash
# Sets up, builds and starts a CareChain development chain (Alice validates, Alice/Bob/Charlie
# form the council) with its public RPC face, builds the patient app (portal/) and serves it
# beside the chain, then prints the links. Extra arguments go to `carechain`; RPC_PORT (default
# 9944, loopback: the node's own organisation), PUBLIC_RPC_PORT (default 9955, what patients'
# apps use), PORTAL_PORT (default 5173) and FHIR_PORT (default 8080: the FHIR R5 gateway a clinic
# runs, here as the demo hospital, Bob) set the ports.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/carechain/target}"

bash scripts/setup.sh
cargo build --locked --release -p carechain-node -p carechain-fhir-gateway
npm --prefix portal run build --silent

rpc_port="${RPC_PORT:-9944}"
public_port="${PUBLIC_RPC_PORT:-9955}"
portal_port="${PORTAL_PORT:-5173}"
fhir_port="${FHIR_PORT:-8080}"

# The patient app is a folder of static files; vite's preview server serves it until the node stops.
node portal/node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port "$portal_port" --strictPort \
	portal >/dev/null 2>&1 &
portal_pid=$!
# The demo hospital's encryption key: a fresh seed for this run, in a file only its gateway reads.
demo_dir="$(mktemp -d)"
hospital_key="$demo_dir/hospital.x25519"
(umask 077 && printf '0x%s\n' "$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')" >"$hospital_key")
# The demo hospital's FHIR gateway, reading the node's public face with the hospital's dev key
# and opening sealed consents with its encryption key; it connects when the first FHIR request
# comes, so it may start before the node.
CARECHAIN_KEY=//Bob "$CARGO_TARGET_DIR/release/carechain-fhir-gateway" \
	--node "ws://127.0.0.1:${public_port}" --listen "127.0.0.1:${fhir_port}" \
	--encryption-key-file "$hospital_key" >/dev/null 2>&1 &
gateway_pid=$!
# Once the node answers: the hospital publishes that key and Dave grants it his mental-health
# data sealed (scripts/e2e/examples/sealed-demo.mjs), so the demo shows a sealed consent; then a
# demo insurer covers Dave's insurer pseudonym and pays part of a claim of the hospital
# (scripts/e2e/examples/claims-demo.mjs). One after the other: both sign as the hospital.
(
	node scripts/e2e/examples/sealed-demo.mjs "ws://127.0.0.1:${rpc_port}" "$hospital_key" \
		>"$demo_dir/sealed-demo.json" 2>"$demo_dir/sealed-demo.log"
	node scripts/e2e/examples/claims-demo.mjs "ws://127.0.0.1:${rpc_port}" \
		>"$demo_dir/claims-demo.json" 2>"$demo_dir/claims-demo.log"
) &
demo_pid=$!
trap 'kill "$portal_pid" "$gateway_pid" "$demo_pid" 2>/dev/null || true; rm -rf "$demo_dir"' EXIT

cat <<MSG

CareChain dev chain starting; RPC on ws://127.0.0.1:${rpc_port}, public face on ws://127.0.0.1:${public_port}
Open polkadot.js apps: https://polkadot.js.org/apps/?rpc=ws://127.0.0.1:${rpc_port}
Open the patient app:  http://127.0.0.1:${portal_port}/?node=ws://127.0.0.1:${public_port}
FHIR R5 gateway of the demo hospital (Bob): http://127.0.0.1:${fhir_port}/fhir/metadata
Dave's sealed mental-health consent to the hospital, once granted: ${demo_dir}/sealed-demo.json
A demo coverage and a partly paid claim, once made: ${demo_dir}/claims-demo.json
  (its answer as FHIR: http://127.0.0.1:${fhir_port}/fhir/ClaimResponse/<claimId>)
(Ctrl-C stops them all; the chain is kept in a temporary directory and discarded.)

MSG
"$CARGO_TARGET_DIR/release/carechain" --dev --tmp --rpc-port "$rpc_port" \
	--public-rpc-addr "127.0.0.1:${public_port}" "$@"
