# Crema — the two set-up commands are `make run` and `make test`.
SHELL := /bin/bash
DATA_DIR ?= ./data
BIND ?= 127.0.0.1:8080
CARGO ?= cargo

.PHONY: run test serve bench deps build frontend fmt lint clean

## Build, create ./data with the demo café and demo staff on first run, serve it.
run: deps
	scripts/frontend-build.sh
	$(CARGO) build --release --bin crema
	DATA_DIR=$(DATA_DIR) BIND=$(BIND) scripts/run.sh

## Install what is missing, then formatting, lints and every test (Rust, then the web
## clients: tsc, eslint, vitest, and the browser tests in Debian's Chromium).
test: deps
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) test --all-targets --no-fail-fast
	scripts/frontend-test.sh

## The headless LAN server over $(DATA_DIR) (no demo data is added).
serve: deps
	scripts/frontend-build.sh
	$(CARGO) build --release --bin crema
	./target/release/crema --data-dir $(DATA_DIR) serve --bind $(BIND)

## Benchmarks: ceilings of this machine, Crema under wrk, SSE fan-out, memory,
## criterion micro-benchmarks; table, target/bench/results.json and latency.png.
bench: deps
	@scripts/bench-deps.sh
	@echo "bench: building release binaries (crema, bench-load, bench-bare, bench-sse, micro)"
	$(CARGO) build --release --bin crema --example bench-load --example bench-bare --example bench-sse
	$(CARGO) bench --bench micro --no-run
	CARGO=$(CARGO) ./target/release/examples/bench-load

deps:
	@scripts/deps.sh

build: deps
	scripts/frontend-build.sh
	$(CARGO) build --release

## The web clients' checks and browser tests only.
frontend:
	scripts/frontend-test.sh

fmt:
	$(CARGO) fmt --all

lint:
	$(CARGO) clippy --all-targets -- -D warnings

clean:
	$(CARGO) clean
