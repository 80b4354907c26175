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

.PHONY: all deps test test-sizes test-rust test-browser lint lint-js lint-firefox test-reproducible clean screenshots icons build-for-amo bench fuzz
all: deps dist/chrome.zip dist/firefox.zip

# ---- what the build and the tests need --------------------------------------------------------
deps: build/.deps-rust build/.deps-npm build/.deps-python build/.deps-chromium build/.deps-firefox

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

# Zopfli deflates the zip entries (tools/zipdir.py); a fixed version, so zips stay identical.
ZOPFLI_VERSION := 0.4.3
build/.deps-python:
	@mkdir -p build
	@python3 -c "import zopfli, sys; sys.exit(zopfli.__version__ != '$(ZOPFLI_VERSION)')" 2>/dev/null || \
	  python3 -m pip install --quiet --disable-pip-version-check "zopfli==$(ZOPFLI_VERSION)"
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

# From cargo's WebAssembly to a package: wasm-bindgen's loader (minified) and the module, made
# smaller by wasm-opt. $(1): cargo's .wasm, $(2): the package folder.
define wasm_package
	rm -rf $(2)
	wasm-bindgen --target web --no-typescript --out-dir $(2) $(1)
	node_modules/.bin/wasm-opt -Oz $(WASM_FEATURES) --strip-debug --strip-producers \
	  -o $(2)/objection_bg.opt.wasm $(2)/objection_bg.wasm
	mv $(2)/objection_bg.opt.wasm $(2)/objection_bg.wasm
	node_modules/.bin/esbuild $(2)/objection.js --minify --format=esm --log-level=warning \
	  --log-override:duplicate-object-key=silent \
	  --outfile=$(2)/objection.min.js
	mv $(2)/objection.min.js $(2)/objection.js
endef

$(PKG)/objection_bg.wasm: $(CARGO_WASM) build/.deps-npm
	$(call wasm_package,$(CARGO_WASM),$(PKG))

# One extension source, two flavours: the manifest differs (tools/manifest.mjs), nothing else.
dist/chrome dist/firefox: dist/%: $(PKG)/objection_bg.wasm $(EXT_FILES) tools/manifest.mjs tools/locales.mjs tools/privacy.mjs PRIVACY.md package.json
	rm -rf $@ && mkdir -p $@
	cp -r extension/. $@/
	rm -f $@/manifest.json $@/icons/icon.svg $@/browser.js
	cp -r $(PKG) $@/pkg
	# app.js, wasm-bindgen's glue and browser.js become one file: a page then loads one script.
	node_modules/.bin/esbuild $@/app.js --bundle --minify --format=esm --log-level=warning \
	  --log-override:duplicate-object-key=silent \
	  --allow-overwrite --outfile=$@/app.js
	rm -rf $@/pkg/objection.js $@/pkg/snippets
	for f in shim.js content.js background.js popup.css options.css; do \
	  node_modules/.bin/esbuild $@/$$f --minify --log-level=warning --allow-overwrite --outfile=$@/$$f || exit 1; \
	done
	node tools/manifest.mjs $* $@/manifest.json
	node tools/locales.mjs $@
	# The privacy statement, from PRIVACY.md, as a page of the extension (popup and options link it).
	node tools/privacy.mjs $@/privacy.html
	@touch $@

dist/%.zip: dist/% tools/zipdir.py build/.deps-python
	python3 tools/zipdir.py dist/$* $@
	@echo "Built dist/$*/ and $@ ($$(stat -c %s $@) bytes)"

# ---- website ----------------------------------------------------------------------------------
# One source per page (www/src/) and one translation file per language (www/i18n/<locale>.json),
# made by tools/site.mjs into dist/www/<locale>/ for the letters' 28 locales and English once more
# at the root; the build stops on a missing or extra key or stray markup. Beside them, once at the
# root: www/'s style sheet and scripts, the extension's WebAssembly with the composer, its icon,
# the screenshots the browser tests took (docs/) and the two packages for download, whose SHA-256
# the pages show. The guide lists the data protection authorities of src/rules/residences.toml.
WWW_FILES := $(shell find www -type f)
WWW_ASSETS := www/site.css www/composer.js www/lang.js
# The screenshots the README, the website and the store listing show: taken by the browser tests
# (tests/browser/fill.test.mjs) into dist/screenshots/, copied into docs/ by `make screenshots`.
SHOTS := popup-form.png popup-filled.png form-filled.png
WWW_IMAGES := $(addprefix docs/,$(SHOTS)) extension/icons/icon-32.png
WWW_PORT ?= 8080
.PHONY: serve
all: dist/www
test-browser: dist/www

# The website's WebAssembly: the same crate with the composer (feature "website"), in a target
# folder of its own so that the two builds never overwrite each other.
WWW_TARGET := $(TARGET_DIR)/www
WWW_PKG := build/pkg-www
$(WWW_TARGET)/wasm32-unknown-unknown/release/objection.wasm: FORCE build/.deps-rust
	RUSTFLAGS="$(WASM_RUSTFLAGS)" CARGO_TARGET_DIR=$(WWW_TARGET) cargo build --release --locked \
	  --target wasm32-unknown-unknown --lib --features website

$(WWW_PKG)/objection_bg.wasm: $(WWW_TARGET)/wasm32-unknown-unknown/release/objection.wasm build/.deps-npm
	$(call wasm_package,$<,$(WWW_PKG))

# Built beside and moved into place, so that a failed build leaves no dist/www that make would
# take for finished.
dist/www: $(WWW_PKG)/objection_bg.wasm $(WWW_FILES) $(WWW_IMAGES) tools/site.mjs src/rules/residences.toml \
  $(wildcard src/letters/*/) dist/chrome.zip dist/firefox.zip build/.deps-npm
	rm -rf $@ $@.tmp && mkdir -p $@.tmp/img $@.tmp/download
	cp $(WWW_ASSETS) $@.tmp/
	cp -r $(WWW_PKG) $@.tmp/pkg
	cp $(WWW_IMAGES) $@.tmp/img/
	cp dist/chrome.zip $@.tmp/download/objection-helper-chrome.zip
	cp dist/firefox.zip $@.tmp/download/objection-helper-firefox.zip
	node tools/site.mjs $@.tmp
	mv $@.tmp $@

# Serves the website on this machine only: http://127.0.0.1:8080/ (WWW_PORT=… for another port).
serve: dist/www
	@echo "Serving dist/www at http://127.0.0.1:$(WWW_PORT)/ (Ctrl+C stops)"
	python3 -m http.server --bind 127.0.0.1 --directory dist/www $(WWW_PORT)

# ---- tests ------------------------------------------------------------------------------------
test: deps lint test-rust lint-firefox test-reproducible test-sizes test-browser

lint: lint-js
	cargo fmt --check
	cargo clippy --locked --all-targets -- -D warnings
	RUSTFLAGS="$(WASM_RUSTFLAGS)" cargo clippy --locked --target wasm32-unknown-unknown --lib -- -D warnings
	RUSTFLAGS="$(WASM_RUSTFLAGS)" cargo clippy --locked --target wasm32-unknown-unknown --lib --features website -- -D warnings

# The extension's JavaScript against the types in its JSDoc comments (tsconfig.json); emits nothing.
lint-js: build/.deps-npm
	node_modules/.bin/tsc -p tsconfig.json

test-rust:
	cargo test --locked

# Two builds of the same sources, in different folders with fresh cargo targets: identical zips.
test-reproducible: dist/chrome.zip dist/firefox.zip
	tools/check-reproducible.sh

# The packages' exact sizes against budgets.json (no size may grow past its ceiling).
test-sizes: dist/chrome.zip dist/firefox.zip
	node tools/check-sizes.mjs

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

# Re-takes the screenshots that docs/, the README and the website show (the browser test that
# takes them), and copies them into docs/.
screenshots: dist/chrome.zip build/.deps-chromium
	rm -f $(addprefix dist/screenshots/,$(SHOTS))
	RETAKING_SCREENSHOTS=1 node --test --test-concurrency=1 tests/browser/fill.test.mjs
	cp $(addprefix dist/screenshots/,$(SHOTS)) docs/

FORCE:

clean:
	rm -rf build dist target/wasm32-unknown-unknown target/www

# Renders the toolbar and store icons from extension/icons/icon.svg (then Zopfli-optimised PNG).
icons: build/.deps-npm build/.deps-chromium build/.deps-python
	node tools/icons.mjs
	python3 tools/pngopt.py extension/icons/icon-*.png

# Sizes and speed against the budgets (docs/performance.md): dist/bench.json and a table.
# Not part of `make test`: times are noisy. BENCH_RUNS=… sets the number of alternating runs.
bench: all build/.deps-chromium
	node tools/bench.mjs
