#!/usr/bin/env bash
# Sets up, builds and starts a CareChain development chain (Alice validates, Alice/Bob/Charlie
# form the council), then prints the polkadot.js apps link. Extra arguments go to `carechain`;
# RPC_PORT (default 9944) sets the RPC port.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/carechain/target}"

bash scripts/setup.sh
cargo build --locked --release -p carechain-node

rpc_port="${RPC_PORT:-9944}"
cat <<MSG

CareChain dev chain starting; RPC on ws://127.0.0.1:${rpc_port}
Open polkadot.js apps: https://polkadot.js.org/apps/?rpc=ws://127.0.0.1:${rpc_port}
(Ctrl-C stops the node; the chain is kept in a temporary directory and discarded.)

MSG
exec "$CARGO_TARGET_DIR/release/carechain" --dev --tmp --rpc-port "$rpc_port" "$@"
