# losslab: `make serve` and `make test` do all the set-up on a fresh machine.
# Each tool is installed only if it is missing (see shared TOOLCHAIN notes in the README).

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)

WASM_TARGET := wasm32-unknown-unknown
# www/pkg is built in its own target directory, with its own flags (PKG_RUSTFLAGS, below).
PKG_TARGET  := target/pkg
WASM_IN     := $(PKG_TARGET)/$(WASM_TARGET)/release/losslab.wasm
PKG         := www/pkg
# The wasm-bindgen CLI must be exactly the version of the crate in Cargo.lock.
WB_VERSION  := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/"/, "", $$3); print $$3; exit}' Cargo.lock)
WASM_OPT    := tools/node_modules/.bin/wasm-opt
PORT        ?= 8000

.PHONY: all serve build test test-native test-wasm test-js test-browser lint format crosscheck node bench bench-native bench-numpy bench-browser \
        tools wasm-target wasm-bindgen-cli chromium npm-tools npm-e2e clean dist serve-src \
        package package-npm package-crate package-python test-package test-notebook

all: build

## ---------- set-up: install only what is missing ----------

tools: node wasm-target wasm-bindgen-cli npm-tools

node:
	@node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' 2>/dev/null \
	  || { echo "Node.js 20 or newer is needed (with npm): https://nodejs.org or your package manager"; exit 1; }

wasm-target:
	@rustup target list --installed 2>/dev/null | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt

wasm-bindgen-cli:
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WB_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WB_VERSION) (a few minutes, once)"; \
	  cargo install --locked wasm-bindgen-cli --version $(WB_VERSION) \
	    || cargo install --force wasm-bindgen-cli --version $(WB_VERSION); \
	fi

chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ -f /etc/debian_version ] && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else \
	    echo "Chromium is missing: install it (Debian: sudo apt-get install chromium chromium-driver) and run again"; exit 1; \
	  fi; \
	fi

npm-tools: tools/node_modules/.package-lock.json
tools/node_modules/.package-lock.json: tools/package-lock.json
	cd tools && npm ci --no-audit --no-fund

# --omit=optional: pdf.js (print.test.mjs reads the printed PDF's text) can draw pages with a native
# canvas package; the tests never draw, so it is not fetched.
npm-e2e: e2e/node_modules/.package-lock.json
e2e/node_modules/.package-lock.json: e2e/package-lock.json
	cd e2e && npm ci --no-audit --no-fund --omit=optional

## ---------- build ----------

# www/pkg, the JavaScript API's engine (Batch, the SIMD128 build): LLVM interleaves every vectorised
# loop four ways, eight samples per iteration in four f64x2 chains. The kernels' coefficients are then
# loaded once for eight samples, and the chains' multiply-adds and divisions overlap: Batch on bce with
# logits at N = 1e6 went from about 1.7 to about 2.1 times the plain JavaScript loop's speed (docs/benchmarks.md). Interleaving reorders no sample's arithmetic: the numbers were the same bit for bit in a
# comparison of the builds with and without it, and tests/js/oracle.test.mjs runs PyTorch's cases through
# this build. Only here: the element's scalar engine would grow by 4.4 KB gzip, more than its first load
# has to spare (docs/sizes.md). The flag is added to any RUSTFLAGS of your own.
PKG_RUSTFLAGS := -C llvm-args=-force-vector-interleave=4
build: tools
	RUSTFLAGS="$$RUSTFLAGS $(PKG_RUSTFLAGS)" cargo build --release --target $(WASM_TARGET) --target-dir $(PKG_TARGET)
	wasm-bindgen --target web --out-dir $(PKG) $(WASM_IN)
	$(WASM_OPT) -Oz --converge --strip-producers --strip-target-features $(PKG)/losslab_bg.wasm -o $(PKG)/losslab_bg.wasm
	node tools/catalogue.mjs

# dist/: the page, and <loss-lab> as one ES module with the wasm and its styles inlined; checks the gzip budgets.
# The element's engine is built without the `batch` and `models` features (Batch, which it never calls,
# and the models, whose lab loads on first use with an engine of its own), in its own target directory
# so that it and www/pkg never overwrite each other.
ELEMENT_TARGET := target/element
ELEMENT_PKG    := $(ELEMENT_TARGET)/pkg
# The weights lab's engine (evaluateModel, stepModel: the `models` feature) goes into its own lazily
# loaded file, loss-lab-weights.js: the element's first load does not carry it.
MODELS_TARGET  := target/models
MODELS_PKG     := $(MODELS_TARGET)/pkg
dist: build
	cargo build --release --target $(WASM_TARGET) --no-default-features --target-dir $(ELEMENT_TARGET)
	wasm-bindgen --target web --out-dir $(ELEMENT_PKG) $(ELEMENT_TARGET)/$(WASM_TARGET)/release/losslab.wasm
	$(WASM_OPT) -Oz --converge --strip-producers --strip-target-features $(ELEMENT_PKG)/losslab_bg.wasm -o $(ELEMENT_PKG)/losslab_bg.wasm
	cargo build --release --target $(WASM_TARGET) --no-default-features --features models --target-dir $(MODELS_TARGET)
	wasm-bindgen --target web --out-dir $(MODELS_PKG) $(MODELS_TARGET)/$(WASM_TARGET)/release/losslab.wasm
	$(WASM_OPT) -Oz --converge --strip-producers --strip-target-features $(MODELS_PKG)/losslab_bg.wasm -o $(MODELS_PKG)/losslab_bg.wasm
	ELEMENT_PKG=$(ELEMENT_PKG) MODELS_PKG=$(MODELS_PKG) node tools/dist.mjs

# The page as it ships (dist/). serve-src serves www/ itself, for editing without a rebuild of dist.
serve: dist
	@echo "losslab: open http://127.0.0.1:$(PORT)/  (Ctrl-C stops)"
	ROOT=dist PORT=$(PORT) node e2e/serve.mjs

serve-src: build
	@echo "losslab (source modules): open http://127.0.0.1:$(PORT)/  (Ctrl-C stops)"
	PORT=$(PORT) node e2e/serve.mjs

## ---------- tests ----------

test: test-native lint test-wasm test-js test-browser test-package
	@echo "make test: all passed. The notebook widget's tests run apart: make test-notebook (it installs JupyterLab and marimo once)."

test-native:
	cargo test

# Rust: rustfmt and clippy. JavaScript: Biome (formatter and linter, biome.json; `make format` applies it).
lint: wasm-target npm-tools
	tools/node_modules/.bin/biome ci
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target $(WASM_TARGET) --lib -- -D warnings
	cargo clippy --target $(WASM_TARGET) --lib --no-default-features -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet

format: npm-tools
	tools/node_modules/.bin/biome check --write
	cargo fmt

# The labs' models (www/lab-model.js, www/matrix-model.js) in Node, with the page's wasm engine: no browser.
test-js: build
	node --test tests/js/*.test.mjs

# The JavaScript boundary, in Node, through wasm-bindgen-test-runner (.cargo/config.toml).
test-wasm: tools
	cargo test --target $(WASM_TARGET) --test wasm_boundary

test-browser: dist chromium npm-e2e
	cd e2e && npm test

## ---------- packages: npm, the crate (and the wheel); one version, Cargo.toml's ----------

# target/package/: losslab-VERSION.tgz (npm) and losslab-VERSION-py3-none-any.whl (Python), one of
# each (older ones cleared), and the crate as crates.io would take it (packaged offline and built
# from the package), with docs built as docs.rs builds them; then the packages' tests: the npm
# package's (a Vite app, TypeScript, a CDN layout) and the widget's (Python, JupyterLab, marimo).
package: package-npm package-crate package-python test-package test-notebook

package-npm: dist build
	node tools/package.mjs

package-crate:
	cargo package --offline --allow-dirty
	RUSTDOCFLAGS="--cfg docsrs -D warnings" cargo doc --no-deps --all-features

# The wheel (the notebook widget on anywidget): tools/widget.mjs bundles the element, every view and the
# models engine into one module (anywidget loads it from a blob: URL, where nothing relative can be
# fetched), then hatchling builds target/package/losslab-VERSION-py3-none-any.whl (older wheels cleared).
PY_VENV := target/python-venv
NB_VENV := target/notebook-venv
PY_WHEEL = $(CURDIR)/target/package/losslab-$(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)-py3-none-any.whl
$(PY_VENV)/.ok:
	python3 -m venv $(PY_VENV) && $(PY_VENV)/bin/pip install --quiet hatchling build && touch $@
$(NB_VENV)/.ok:
	python3 -m venv $(NB_VENV) && $(NB_VENV)/bin/pip install --quiet anywidget jupyterlab marimo numpy pytest && touch $@
package-python: dist $(PY_VENV)/.ok
	node tools/widget.mjs
	rm -f target/package/losslab-*.whl
	$(PY_VENV)/bin/python -m build --wheel --no-isolation --outdir target/package python

# The widget's Python tests, then a real JupyterLab and a real marimo driven by Chromium (a few minutes
# the first time: it installs JupyterLab and marimo into target/notebook-venv). Not part of make test.
test-notebook: package-python chromium npm-e2e $(NB_VENV)/.ok
	cd python && PYTHONPATH=src ../$(NB_VENV)/bin/python -m pytest -q -p no:cacheprovider tests
	NOTEBOOK_PYTHON=$(NB_VENV)/bin/python LOSSLAB_WHEEL=$(PY_WHEEL) node --test e2e/notebook.test.mjs

# The npm tarball installed into a Vite app, checked by TypeScript, served as a CDN serves it (part of make test).
test-package: package-npm chromium npm-e2e
	cd e2e && node --test package.test.mjs

# Fresh cases from a PyTorch on this machine (pip install torch), other seeds and harsher
# edges than the committed oracle. Not part of `make test`: CI machines have no torch.
SEED ?= 7
crosscheck:
	@python3 -c 'import torch' 2>/dev/null || { echo "crosscheck needs PyTorch: pip install torch"; exit 1; }
	python3 tests/crosscheck/make_cases.py target/crosscheck-$(SEED).json $(SEED)
	LOSSLAB_ORACLE=target/crosscheck-$(SEED).json cargo test --test oracle -- --ignored --nocapture

## ---------- benchmarks (never timed tests) ----------

bench: bench-native bench-numpy bench-browser

bench-native:
	cargo bench --bench losses

bench-numpy:
	@python3 -c 'import numpy' 2>/dev/null || python3 -m pip install --quiet numpy \
	  || { echo "benches/vs_numpy.py needs numpy (Debian: apt-get install python3-numpy)"; exit 1; }
	python3 benches/vs_numpy.py

bench-browser: dist chromium npm-e2e
	node e2e/bench.mjs

clean:
	cargo clean
	rm -rf $(PKG) dist tools/node_modules e2e/node_modules e2e/screenshots
