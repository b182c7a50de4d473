#!/usr/bin/env bash
# Everything CI checks, in the order a developer would: set-up, formatting, the node build, unit
# and runtime tests, benchmarks run as tests, then end-to-end tests against a real node.
#
# All cargo steps share one profile (release) and one target directory, so the node and the tests
# reuse each other's compiled dependencies.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/carechain/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# The runtime's build script also builds the upgrade-test wasm blob (spec_version one higher)
# that `runtime-upgrade.test.js` proposes, from the same wasm dependencies as the node's; set for
# every step so that no step sees the variable change and runs the build script again.
export CARECHAIN_UPGRADE_TEST_WASM=1

timings=()
step() {
	local name="$1"
	shift
	printf '\n==> %s\n' "$name"
	local start=$SECONDS
	"$@"
	timings+=("$(printf '%6ss  %s' "$((SECONDS - start))" "$name")")
}

# Pallets whose benchmarks run as tests against their mock runtimes.
benchmarked_pallets() {
	local dir
	for dir in pallets/*/; do
		[ -f "$dir/src/benchmarking.rs" ] && printf -- '-p %s ' "$(basename "$dir" | sed 's/^/pallet-/')"
	done
}

step "set-up" bash scripts/setup.sh
step "formatting" cargo fmt --all --check
# One feature graph for the node and the tests: building every workspace target in one cargo call
# (dev-dependencies included) resolves features once, so the tests below reuse every compiled
# dependency, the runtime's wasm and its build script (wasm-opt's C++) instead of compiling a
# second graph. The `carechain` binary is the same code; dev-dependencies only add `std` features.
step "build node and tests (release)" cargo build --locked --release --workspace --all-targets
step "unit and runtime tests" cargo nextest run --locked --release --workspace --no-fail-fast
# Clippy, warnings denied: among them the runtime crates' panic lints (no unwrap, expect,
# indexing, unchecked arithmetic or panic outside tests). Same profile, features and environment
# as the build above, so the runtime's build script (and its wasm) is not run again; only the
# check-mode metadata of the dependencies is new.
step "clippy (warnings denied)" cargo clippy --locked --release --workspace --all-targets -- -D warnings
bench_args="$(benchmarked_pallets)"
if [ -n "$bench_args" ]; then
	# shellcheck disable=SC2086 # one `-p` flag per pallet
	step "benchmarks as tests" env SKIP_WASM_BUILD=1 cargo nextest run --locked --release \
		--features runtime-benchmarks $bench_args --no-fail-fast -E 'test(/bench/)'
fi
# The e2e files run three at a time, each on its own nodes and ports, on 2-second blocks
# (`--dev-block-time`, the same runtime). Each test fails after 10 minutes (`--test-timeout`) and
# the whole step after 40, so a lost subscription fails the run instead of stalling CI.
step "end-to-end tests (real nodes, @polkadot/api)" \
	env CARECHAIN_BIN="$CARGO_TARGET_DIR/release/carechain" timeout --kill-after=30 2400 \
	npm --prefix scripts/e2e test
# A small run of the load harness (about a minute, cut off after five), so that it keeps
# working; the full run is `node scripts/load/run.mjs` (README, "Load").
step "load harness (quick)" \
	env CARECHAIN_BIN="$CARGO_TARGET_DIR/release/carechain" timeout 300 node scripts/load/run.mjs --quick

printf '\n==> all passed; time per step:\n'
printf '%s\n' "${timings[@]}"
