#!/usr/bin/env bash
#! Installs what building, running and testing CRM Card needs on a Debian machine with rustup.
#! Idempotent: every step checks first and returns in well under a second when already done.
#! Usage: scripts/install-tools.sh [build|test|bench]   (test also installs chromium, PostgreSQL, npm
#! packages; bench those and wrk)
set -euo pipefail

what=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
CARGO_LEPTOS_VERSION=0.3.11
WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen crate pinned in Cargo.toml
BINARYEN_VERSION=132.0.0       # never Debian's binaryen 108: it breaks hydration
TOOLS_DIR=${CRM_TOOLS_DIR:-$HOME/.cache/crm-card/tools}
export PATH="$TOOLS_DIR/node_modules/.bin:$HOME/.cargo/bin:$PATH"

log() { printf '\033[1m[tools]\033[0m %s\n' "$*" >&2; }

apt_updated=0
apt_install() {
  if [ $apt_updated = 0 ]; then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown && return
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
}

cargo_leptos() {
  if cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then return; fi
  log "building cargo-leptos $CARGO_LEPTOS_VERSION offline-capable (no_downloads); takes ~16 min once"
  # The crate's own lock file pins cargo-util-schemas 0.14.2, which needs a newer rustc than this
  # machine's; an unlocked build picks versions needing newer rustc still. So unpack the crate,
  # pin the two offenders to versions that build on rustc 1.95, and install from that copy.
  local reg src work
  reg=${CARGO_HOME:-$HOME/.cargo}/registry
  src=$(ls -d "$reg"/src/*/cargo-leptos-$CARGO_LEPTOS_VERSION 2>/dev/null | head -n1 || true)
  if [ -z "$src" ]; then
    local crate
    crate=$(ls "$reg"/cache/*/cargo-leptos-$CARGO_LEPTOS_VERSION.crate 2>/dev/null | head -n1 || true)
    if [ -z "$crate" ]; then
      # Fetch the .crate through a throwaway manifest (cargo has no "download" command).
      local probe; probe=$(mktemp -d)
      mkdir -p "$probe/src" && : >"$probe/src/lib.rs"
      printf '[package]\nname="probe"\nversion="0.0.0"\nedition="2021"\n[dependencies]\ncargo-leptos="=%s"\n' \
        "$CARGO_LEPTOS_VERSION" >"$probe/Cargo.toml"
      (cd "$probe" && cargo fetch -q)
      rm -rf "$probe"
      crate=$(ls "$reg"/cache/*/cargo-leptos-$CARGO_LEPTOS_VERSION.crate | head -n1)
    fi
    src=$(mktemp -d)/unpacked
    mkdir -p "$src" && tar -xzf "$crate" -C "$src"
    src="$src/cargo-leptos-$CARGO_LEPTOS_VERSION"
  fi
  work=$(mktemp -d)/cargo-leptos
  cp -r "$src" "$work"
  (cd "$work" \
    && cargo update -q -p cargo-util-schemas --precise 0.14.1 \
    && cargo update -q -p kstring --precise 2.0.2 \
    && cargo install -q --path . --locked --features no_downloads)
  rm -rf "$work"
}

wasm_bindgen() {
  if wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then return; fi
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (~3 min once)"
  # Not --locked: the locked build wants a webpki-roots version the registry mirror lacks.
  cargo install -q wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
}

node_tools() {
  if wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then return; fi
  log "installing binaryen $BINARYEN_VERSION (wasm-opt) from npm into $TOOLS_DIR"
  mkdir -p "$TOOLS_DIR"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" "binaryen@$BINARYEN_VERSION" >/dev/null
}

chromium() {
  [ -x /usr/bin/chromium ] && return
  apt_install chromium
}

postgres() {
  pg_isready -q -h 127.0.0.1 -p 5432 && return
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then apt_install postgresql; fi
  log "starting PostgreSQL"
  local version; version=$(ls /etc/postgresql | sort -V | tail -n1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  pg_isready -q -h 127.0.0.1 -p 5432 || { log "PostgreSQL did not start"; exit 1; }
  # A freshly installed cluster only trusts the postgres OS user: the tests connect as postgres
  # over TCP with the password below unless DATABASE_URL says otherwise.
  su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null 2>&1 || true
}

end2end_packages() {
  local dir=$here/end2end
  if [ -d "$dir/node_modules/@playwright/test" ] && [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]; then return; fi
  log "installing end2end npm packages (no browser download: Debian's chromium is used)"
  (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --silent --no-audit --no-fund >/dev/null)
}

load_tool() {
  command -v wrk >/dev/null && command -v taskset >/dev/null && return
  apt_install wrk util-linux
}

wasm_target
cargo_leptos
wasm_bindgen
node_tools
if [ "$what" = test ] || [ "$what" = bench ]; then
  chromium
  postgres
  end2end_packages
fi
if [ "$what" = bench ]; then
  load_tool
fi
