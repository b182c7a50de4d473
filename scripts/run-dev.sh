#!/usr/bin/env bash
# Sets up, builds and starts a CareChain development chain (Alice validates, Alice/Bob/Charlie
# form the council) with its public RPC face, builds the patient app (portal/) and serves it
# beside the chain, then prints the links. Extra arguments go to `carechain`; RPC_PORT (default
# 9944, loopback: the node's own organisation), PUBLIC_RPC_PORT (default 9955, what patients'
# apps use) and PORTAL_PORT (default 5173) set the ports.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/carechain/target}"

bash scripts/setup.sh
cargo build --locked --release -p carechain-node
npm --prefix portal run build --silent

rpc_port="${RPC_PORT:-9944}"
public_port="${PUBLIC_RPC_PORT:-9955}"
portal_port="${PORTAL_PORT:-5173}"

# The patient app is a folder of static files; vite's preview server serves it until the node stops.
node portal/node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port "$portal_port" --strictPort \
	portal >/dev/null 2>&1 &
portal_pid=$!
trap 'kill "$portal_pid" 2>/dev/null || true' EXIT

cat <<MSG

CareChain dev chain starting; RPC on ws://127.0.0.1:${rpc_port}, public face on ws://127.0.0.1:${public_port}
Open polkadot.js apps: https://polkadot.js.org/apps/?rpc=ws://127.0.0.1:${rpc_port}
Open the patient app:  http://127.0.0.1:${portal_port}/?node=ws://127.0.0.1:${public_port}
(Ctrl-C stops both; the chain is kept in a temporary directory and discarded.)

MSG
"$CARGO_TARGET_DIR/release/carechain" --dev --tmp --rpc-port "$rpc_port" \
	--public-rpc-addr "127.0.0.1:${public_port}" "$@"
