# Crema — the two set-up commands are `make run` and `make test`.
SHELL := /bin/bash
DATA_DIR ?= ./data
BIND ?= 127.0.0.1:8080
CARGO ?= cargo

.PHONY: run test serve bench fuzz deps build frontend desktop bundle fmt lint clean

## Build the counter app and open its window (first run: the setup screen). Without a
## display, say so and run the headless LAN server instead (demo café in ./data).
run: deps
	scripts/run.sh

## Install what is missing, then formatting, lints and every test: Rust (the library,
## the HTTP API, the desktop crate's parity and updater tests), the fuzz targets built
## (their own crate, so `make fuzz` cannot rot), schemathesis over the
## OpenAPI document (bounded), the web clients (tsc,
## eslint, vitest, browser tests in Debian's Chromium), then the desktop window under
## Xvfb (tauri-driver + WebKitWebDriver).
test: deps
	scripts/hq-deps.sh
	scripts/desktop-deps.sh
	scripts/frontend-build.sh
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(CARGO) test --workspace --all-targets --no-fail-fast
	cd fuzz && $(CARGO) clippy --no-default-features --bin fuzz-loop -- -D warnings
	CARGO=$(CARGO) scripts/schemathesis.sh
	scripts/frontend-test.sh
	scripts/desktop-test.sh

## The headless LAN server over $(DATA_DIR) (no demo data is added).
serve: deps
	scripts/frontend-build.sh
	$(CARGO) build --release --bin crema
	$(or $(CARGO_TARGET_DIR),target)/release/crema --data-dir $(DATA_DIR) serve --bind $(BIND)

## A signed .deb of the counter app in target/release/bundle/deb/ (needs
## TAURI_SIGNING_PRIVATE_KEY; see README, "Updates").
bundle: deps
	scripts/desktop-deps.sh
	scripts/bundle.sh

## Benchmarks: ceilings of this machine, Crema under wrk, callgrind instructions per menu
## request, SSE fan-out, a slow-disk rush, the counter in Chromium and the counter app's
## cold start, memory, criterion micro-benchmarks; table, target/bench/results.json and
## latency.png. BENCH_SECONDS=N per load run, BENCH_ONLY=stage,... for some stages.
bench: deps
	@scripts/bench-deps.sh
	@scripts/desktop-deps.sh
	scripts/frontend-build.sh
	@echo "bench: building release binaries (crema, bench-load, -bare, -sse, -pace, -seed, micro) and the counter app (debug, as make test builds it)"
	$(CARGO) build --release --bin crema --example bench-load --example bench-bare --example bench-sse --example bench-pace --example bench-seed
	$(CARGO) build -p crema-desktop
	$(CARGO) bench --bench micro --no-run
	source scripts/frontend-env.sh && CARGO=$(CARGO) $(or $(CARGO_TARGET_DIR),target)/release/examples/bench-load

## Fuzzing: the cargo-fuzz targets in fuzz/ (order requests, pricing, the receipt
## encoder), FUZZ_SECONDS (60) each, then schemathesis's long run over the API.
fuzz: deps
	CARGO=$(CARGO) scripts/fuzz.sh

deps:
	@scripts/deps.sh

build: deps
	scripts/frontend-build.sh
	$(CARGO) build --release

## The web clients' checks and browser tests only (head office's needs PostgreSQL).
frontend:
	scripts/hq-deps.sh
	scripts/frontend-test.sh

## The desktop window test only.
desktop:
	scripts/desktop-test.sh

fmt:
	$(CARGO) fmt --all

lint:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

clean:
	$(CARGO) clean
