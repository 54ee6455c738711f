# CRM Card. Two commands do everything on a fresh Debian machine with rustup:
#   make run    build and start the app on SQLite with demo data (http://127.0.0.1:3000)
#   make test   every test: Rust (SQLite and PostgreSQL) and Playwright in Debian's chromium
# Both install what they need first (scripts/install-tools.sh; quick when already installed).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# One build directory shared by every checkout on this machine, so a fresh clone (and CI)
# reuses what was already compiled. cargo-leptos sets the same RUSTFLAGS for debug builds;
# using them for `cargo test` too means tests reuse the same build.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/crm-card/target
export RUSTFLAGS ?= --cfg erase_components
# Release builds use it too: the server and the WebAssembly must be built with the same setting,
# or hydration fails (tachys panics on the page's first node; docs/PERFORMANCE.md, P1).
# Leptos reads this when it is compiled (it decides the name of the .wasm file the page asks
# for). cargo-leptos sets it; setting it for every cargo call keeps one build for all of them.
export LEPTOS_OUTPUT_NAME := crm-card
export PATH := $(HOME)/.cache/crm-card/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
SITE := $(CURDIR)/target/site

# PostgreSQL for the store tests; each test makes and drops its own database there.
export TEST_DATABASE_URL ?= postgres://postgres:postgres@127.0.0.1:5432/postgres

.PHONY: help run build release test test-rust test-e2e soak bench tools tools-test tools-bench lint fmt clean-data own-build

help:
	@echo "make run    start CRM Card with demo data on SQLite (http://127.0.0.1:3000)"
	@echo "make test   run every test (Rust on SQLite + PostgreSQL, then Playwright)"
	@echo "make lint   clippy for both feature sets, and rustfmt --check"
	@echo "make soak   long reliability runs: kill -9 the server during writes (R3)"
	@echo "make bench  performance figures P1–P9 from release builds (docs/PERFORMANCE.md)"

# Every checkout shares CARGO_TARGET_DIR, and cargo decides what to rebuild by file times, not
# contents: after a build from another checkout, this checkout's sources, if older, count as
# built, and `make run` would serve the other checkout's bundle (seen: docs/PERFORMANCE.md, P8).
# So the first build from a checkout after another checkout's touches this crate's sources,
# which rebuilds the crate once (not its dependencies). Builds made with cargo directly in
# another checkout are not seen: touch the sources by hand after those.
LAST_CHECKOUT := $(CARGO_TARGET_DIR)/.last-checkout
own-build:
	@mkdir -p $(CARGO_TARGET_DIR)
	@if [ "$$(cat $(LAST_CHECKOUT) 2>/dev/null)" != "$(CURDIR)" ]; then \
	  echo "Last build was from another checkout: rebuilding this crate."; \
	  find src migrations examples tests -type f -exec touch {} + 2>/dev/null || true; \
	  echo "$(CURDIR)" > $(LAST_CHECKOUT); \
	fi

tools:
	@scripts/install-tools.sh build

tools-test:
	@scripts/install-tools.sh test

# The release build: server binary + optimised WASM bundle + CSS into target/site. cargo-leptos
# runs wasm-bindgen and wasm-opt again on every call (1-2 min) even when nothing changed, so the
# build is skipped while no source is newer than the stamp and the binary and bundle are the ones
# the stamp recorded (another checkout sharing CARGO_TARGET_DIR may have built the binary since).
RELEASE_STAMP := $(SITE)/.release-built
RELEASE_OUTPUTS := $(CARGO_TARGET_DIR)/release/crm-card $(SITE)/pkg/crm-card.wasm $(SITE)/pkg/crm-card.js $(SITE)/pkg/crm-card.css
RELEASE_INPUTS := src style public migrations Cargo.toml Cargo.lock Leptos.toml .cargo
release_fingerprint = stat -c '%n %s %Y' $(RELEASE_OUTPUTS) 2>/dev/null

release: tools own-build
	@if [ -f $(RELEASE_STAMP) ] && [ -z "$$(find $(RELEASE_INPUTS) -newer $(RELEASE_STAMP) -print -quit)" ] \
	    && [ "$$($(release_fingerprint))" = "$$(cat $(RELEASE_STAMP))" ]; then \
	  echo "Release build is up to date (sources unchanged since $(RELEASE_STAMP))."; \
	else \
	  rm -f $(RELEASE_STAMP); \
	  cargo leptos build --release; \
	  $(release_fingerprint) > $(RELEASE_STAMP); \
	fi

run: release
	@echo "Starting CRM Card (Ctrl+C stops it)…"
	LEPTOS_SITE_ROOT=$(SITE) LEPTOS_OUTPUT_NAME=crm-card LEPTOS_SITE_PKG_DIR=pkg \
	  $(CARGO_TARGET_DIR)/release/crm-card

# Figures, not tests (docs/PERFORMANCE.md): P1–P9 on the release build, on SQLite (or on
# PostgreSQL with DATABASE_URL=postgres://…). Prints one report; takes about 10 minutes.
bench: tools-bench
	$(MAKE) --no-print-directory release
	cargo build --release --features ssr --example bench
	bench/run.sh $(CARGO_TARGET_DIR)/release/examples/bench $(SITE)

tools-bench:
	@scripts/install-tools.sh bench

# The debug build the tests use (server + WASM), built once per test run.
build: tools own-build
	cargo leptos build

test: tools-test
	$(MAKE) --no-print-directory test-rust
	$(MAKE) --no-print-directory build
	$(MAKE) --no-print-directory test-e2e

test-rust: own-build
	cargo test --features ssr

test-e2e:
	cd end2end && CRM_BIN=$(CARGO_TARGET_DIR)/debug/crm-card CRM_SITE_ROOT=$(SITE) npx playwright test

# Long reliability runs (R3): kill -9 the server during writes, on SQLite and PostgreSQL.
soak: tools-test build
	cargo run --quiet --features ssr --example crash_soak -- $(CARGO_TARGET_DIR)/debug/crm-card $(SITE) sqlite 8
	cargo run --quiet --features ssr --example crash_soak -- $(CARGO_TARGET_DIR)/debug/crm-card $(SITE) postgres 8

lint: own-build
	cargo fmt --check
	cargo clippy --features ssr --all-targets -- -D warnings
	cargo clippy --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings

fmt:
	cargo fmt

clean-data:
	rm -rf data
