#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build and test CareChain.
# Idempotent: every step checks first and does nothing when its tool is already present.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf '[setup] %s\n' "$*"; }

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages the build and the tests use, each looked up by the command it provides:
# protoc for prost-build (sc-network, litep2p); wrk and rsvg-convert for the load harness
# (HTTP read benchmark, SVG chart to PNG); chromium for the patient app's browser test (Debian's
# package; on Ubuntu `chromium` is a snap stub: install Google Chrome's .deb or a chromium build
# instead and point CHROMIUM_BIN at it; no tool here downloads a browser of its own).
missing_packages=()
command -v protoc >/dev/null 2>&1 || missing_packages+=(protobuf-compiler)
command -v wrk >/dev/null 2>&1 || missing_packages+=(wrk)
command -v rsvg-convert >/dev/null 2>&1 || missing_packages+=(librsvg2-bin)
[ -x "${CHROMIUM_BIN:-/usr/bin/chromium}" ] || missing_packages+=(chromium)
if [ "${#missing_packages[@]}" -gt 0 ]; then
	log "installing ${missing_packages[*]}"
	as_root apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"${missing_packages[@]}" >/dev/null
fi

# Rust: the toolchain pinned in rust-toolchain.toml, with the wasm targets and rust-src.
# rustup does not auto-install targets here, so add what is missing.
if command -v rustup >/dev/null 2>&1; then
	cd "$repo_root"
	installed_targets="$(rustup target list --installed)"
	for target in wasm32v1-none wasm32-unknown-unknown; do
		if ! grep -qx "$target" <<<"$installed_targets"; then
			log "adding rust target $target"
			rustup target add "$target"
		fi
	done
	if ! rustup component list --installed | grep -q '^rust-src'; then
		log "adding rust-src"
		rustup component add rust-src
	fi
fi

if ! command -v cargo-nextest >/dev/null 2>&1; then
	log "installing cargo-nextest"
	cargo install --locked cargo-nextest
fi

# Node.js packages of the end-to-end tests and the load harness (one npm workspace in
# scripts/), exactly as locked.
js_dir="$repo_root/scripts"
if [ -f "$js_dir/package-lock.json" ]; then
	if [ ! -d "$js_dir/node_modules/@polkadot/api" ] \
		|| [ "$js_dir/package-lock.json" -nt "$js_dir/node_modules/.package-lock.json" ]; then
		log "installing JavaScript packages (npm ci)"
		(cd "$js_dir" && npm ci --no-audit --no-fund --loglevel=error)
	fi
fi

# The patient app's packages (portal/, its own lock file: Vite and the @polkadot packages it
# bundles), exactly as locked.
portal_dir="$repo_root/portal"
if [ ! -d "$portal_dir/node_modules/vite" ] \
	|| [ "$portal_dir/package-lock.json" -nt "$portal_dir/node_modules/.package-lock.json" ]; then
	log "installing the patient app's JavaScript packages (npm ci)"
	(cd "$portal_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi

# The independent FHIR R5 model the e2e validates every FHIR resource against: Python's
# fhir.resources in a venv beside the target directory, at the versions scripts/fhir pins.
fhir_venv="$HOME/.cache/carechain/fhir-venv"
fhir_requirements="$repo_root/scripts/fhir/requirements.txt"
if [ ! -x "$fhir_venv/bin/python" ] || [ "$fhir_requirements" -nt "$fhir_venv/.installed" ]; then
	log "installing fhir.resources (R5) into $fhir_venv"
	python3 -m venv "$fhir_venv"
	"$fhir_venv/bin/pip" install --quiet --disable-pip-version-check -r "$fhir_requirements"
	touch "$fhir_venv/.installed"
fi

log "ready"
