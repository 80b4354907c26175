# Objection helper. `make` builds everything into dist/; `make test` runs every test.
# Both install what is missing on a fresh Debian machine (wasm target, wasm-bindgen CLI, npm
# packages, Chromium) and skip what is there.

SHELL := /bin/bash
.DEFAULT_GOAL := all
WASM_BINDGEN_VERSION := 0.2.130
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
CARGO_WASM := $(TARGET_DIR)/wasm32-unknown-unknown/release/objection.wasm
# No machine-specific path goes into the WebAssembly (panic locations name source files), so
# builds in any folder on any machine are byte-identical.
CARGO_HOME_DIR := $(or $(CARGO_HOME),$(HOME)/.cargo)
WASM_RUSTFLAGS := --remap-path-prefix=$(CURDIR)=/objection --remap-path-prefix=$(CARGO_HOME_DIR)=/cargo
PKG := build/pkg
EXT_FILES := $(shell find extension -type f)
WASM_FEATURES := --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
  --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue

.PHONY: all deps test test-rust test-browser lint lint-firefox test-reproducible clean screenshots icons build-for-amo fuzz
all: deps dist/chrome.zip dist/firefox.zip

# ---- what the build and the tests need --------------------------------------------------------
deps: build/.deps-rust build/.deps-npm build/.deps-chromium build/.deps-firefox

build/.deps-rust: rust-toolchain.toml
	@mkdir -p build
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (takes a few minutes, once)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); fi
	@touch $@

build/.deps-npm: package.json package-lock.json
	@mkdir -p build
	npm ci --no-audit --no-fund
	@touch $@

build/.deps-chromium:
	@mkdir -p build
	@command -v chromium >/dev/null || { \
	  echo "Installing Chromium from Debian for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }
	@touch $@

build/.deps-firefox:
	@mkdir -p build
	@command -v firefox-esr >/dev/null || { \
	  echo "Installing Firefox ESR from Debian for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq firefox-esr; }
	@touch $@

# ---- build ------------------------------------------------------------------------------------
# Cargo decides whether the WebAssembly is fresh (sources, flags, lock file); it leaves the file
# untouched when it is, so the steps after it run only when something changed.
$(CARGO_WASM): FORCE build/.deps-rust
	RUSTFLAGS="$(WASM_RUSTFLAGS)" cargo build --release --locked --target wasm32-unknown-unknown --lib

$(PKG)/objection_bg.wasm: $(CARGO_WASM) build/.deps-npm
	rm -rf $(PKG)
	wasm-bindgen --target web --no-typescript --out-dir $(PKG) $(CARGO_WASM)
	node_modules/.bin/wasm-opt -Oz $(WASM_FEATURES) --strip-debug --strip-producers \
	  -o $(PKG)/objection_bg.opt.wasm $(PKG)/objection_bg.wasm
	mv $(PKG)/objection_bg.opt.wasm $(PKG)/objection_bg.wasm

# One extension source, two flavours: the manifest differs (tools/manifest.mjs), nothing else.
dist/chrome dist/firefox: dist/%: $(PKG)/objection_bg.wasm $(EXT_FILES) tools/manifest.mjs package.json
	rm -rf $@ && mkdir -p $@
	cp -r extension/. $@/
	rm -f $@/manifest.json $@/icons/icon.svg
	cp -r $(PKG) $@/pkg
	node tools/manifest.mjs $* $@/manifest.json
	@touch $@

dist/%.zip: dist/% tools/zipdir.py
	python3 tools/zipdir.py dist/$* $@
	@echo "Built dist/$*/ and $@ ($$(stat -c %s $@) bytes)"

# ---- tests ------------------------------------------------------------------------------------
test: deps lint test-rust lint-firefox test-reproducible test-browser

lint:
	cargo fmt --check
	cargo clippy --locked --all-targets -- -D warnings
	RUSTFLAGS="$(WASM_RUSTFLAGS)" cargo clippy --locked --target wasm32-unknown-unknown --lib -- -D warnings

test-rust:
	cargo test --locked

# Two builds of the same sources, in different folders with fresh cargo targets: identical zips.
test-reproducible: dist/chrome.zip dist/firefox.zip
	tools/check-reproducible.sh

# The add-on store's own linter on the Firefox package: no error and no warning.
lint-firefox: dist/firefox.zip
	node_modules/.bin/web-ext lint --source-dir dist/firefox --warnings-as-errors --output text

test-browser: dist/chrome.zip dist/firefox.zip build/.deps-chromium build/.deps-firefox
	node --test --test-concurrency=1 tests/browser/

# Fuzzes the core (cargo-fuzz on nightly, one job): each target for FUZZ_SECONDS seconds, starting
# from fuzz/seeds/ and the corpus of earlier runs. Not part of `make test`. Example:
#   make fuzz FUZZ_SECONDS=1200
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := recognise render storage
fuzz:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	cd fuzz && for t in $(FUZZ_TARGETS); do mkdir -p corpus/$$t && \
	  cargo +nightly fuzz run -O $$t corpus/$$t seeds/$$t -- \
	    -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 || exit 1; done

# Copies the popup screenshots taken by the browser tests into docs/ for the README.
screenshots:
	cp dist/screenshots/*.png docs/

FORCE:

clean:
	rm -rf build dist target/wasm32-unknown-unknown

# Renders the toolbar and store icons from extension/icons/icon.svg.
icons: build/.deps-npm build/.deps-chromium
	node tools/icons.mjs
