#!/usr/bin/env bash
# Starts the four validators of `--chain local` (Alice, Bob, Charlie, Dave) on loopback, waits
# until they finalize blocks, prints their RPC endpoints, and stops them all on Ctrl-C.
#
# Each node has a fixed node key (so its peer id, and the bootnode address the others use, are
# known in advance), its own base path under $NETWORK_DIR (default: a new temporary directory,
# removed on exit), P2P port 30333+i and RPC port 9944+i.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/carechain/target}"
bin="${CARECHAIN_BIN:-$CARGO_TARGET_DIR/release/carechain}"
if [ ! -x "$bin" ]; then
	(cd "$repo_root" && cargo build --locked --release -p carechain-node)
fi

names=(alice bob charlie dave)
p2p_base="${P2P_PORT_BASE:-30333}"
rpc_base="${RPC_PORT_BASE:-9944}"
if [ -n "${NETWORK_DIR:-}" ]; then
	dir="$NETWORK_DIR"
	keep_dir=1
else
	dir="$(mktemp -d -t carechain-local-XXXXXX)"
	keep_dir=0
fi
mkdir -p "$dir"

pids=()
stop_all() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	wait 2>/dev/null || true
	[ "$keep_dir" -eq 1 ] || rm -rf "$dir"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# Fixed node keys: node i has the secret key i (32 bytes, hex).
peer_id() { "$bin" key inspect-node-key --file "$dir/$1/node-key"; }
for i in "${!names[@]}"; do
	mkdir -p "$dir/${names[$i]}"
	printf '%064x' "$((i + 1))" >"$dir/${names[$i]}/node-key"
done
bootnode="/ip4/127.0.0.1/tcp/${p2p_base}/p2p/$(peer_id alice)"

for i in "${!names[@]}"; do
	name="${names[$i]}"
	args=(--chain local "--$name" --base-path "$dir/$name" --node-key-file "$dir/$name/node-key"
		--listen-addr "/ip4/127.0.0.1/tcp/$((p2p_base + i))" --rpc-port "$((rpc_base + i))"
		--no-mdns --no-prometheus --no-telemetry --allow-private-ip)
	[ "$i" -gt 0 ] && args+=(--bootnodes "$bootnode")
	"$bin" "${args[@]}" >"$dir/$name.log" 2>&1 &
	pids+=("$!")
done

echo "waiting for the four validators to finalize blocks (logs in $dir/*.log) ..."
finalized() {
	curl -s -H 'Content-Type: application/json' \
		-d '{"id":1,"jsonrpc":"2.0","method":"chain_getFinalizedHead"}' "http://127.0.0.1:$1" |
		sed -n 's/.*"result":"\(0x[0-9a-f]*\)".*/\1/p' |
		xargs -r -I{} curl -s -H 'Content-Type: application/json' \
			-d '{"id":1,"jsonrpc":"2.0","method":"chain_getHeader","params":["{}"]}' "http://127.0.0.1:$1" |
		sed -n 's/.*"number":"\(0x[0-9a-f]*\)".*/\1/p'
}
deadline=$((SECONDS + 180))
until
	all=1
	for i in "${!names[@]}"; do
		n="$(finalized "$((rpc_base + i))" || true)"
		[ -n "$n" ] && [ "$((n))" -ge 2 ] || all=0
	done
	[ "$all" -eq 1 ]
do
	if [ "$SECONDS" -gt "$deadline" ]; then
		echo "the validators did not finalize within 180 s; see $dir/*.log" >&2
		exit 1
	fi
	sleep 2
done

echo "CareChain local network is finalizing. RPC endpoints:"
for i in "${!names[@]}"; do
	printf '  %-8s ws://127.0.0.1:%s  https://polkadot.js.org/apps/?rpc=ws://127.0.0.1:%s\n' \
		"${names[$i]}" "$((rpc_base + i))" "$((rpc_base + i))"
done
echo "Ctrl-C stops all four."
wait
