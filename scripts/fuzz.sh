#!/usr/bin/env bash
# make fuzz: each fuzz target in fuzz/ (order request parsing, pricing, the
# ESC/POS receipt) for FUZZ_SECONDS (default 60) each, then the long
# schemathesis run. With a nightly toolchain the targets run under
# libFuzzer (cargo-fuzz, installed when missing); without one, the same
# checks run on pseudo-random inputs of a fixed seed (fuzz-loop) on the
# stable toolchain. FUZZ_ENGINE=loop forces the latter; FUZZ_TARGETS picks
# targets (default: all three); FUZZ_SCHEMATHESIS=0 skips schemathesis.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-order_request pricing receipt}
CARGO=${CARGO:-cargo}
ENGINE=${FUZZ_ENGINE:-}

if [ -z "$ENGINE" ]; then
  ENGINE=loop
  if command -v rustup >/dev/null 2>&1 && rustup run nightly rustc --version >/dev/null 2>&1; then
    ENGINE=libfuzzer
  elif command -v rustup >/dev/null 2>&1 && rustup toolchain install nightly --profile minimal >/dev/null 2>&1; then
    ENGINE=libfuzzer
  else
    echo "fuzz: no nightly toolchain; running the targets on the stable toolchain (fuzz-loop)"
  fi
fi
if [ "$ENGINE" = libfuzzer ] && ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  if ! cargo install cargo-fuzz --locked; then
    echo "fuzz: cargo-fuzz could not be installed; running fuzz-loop instead"
    ENGINE=loop
  fi
fi

cd fuzz
if [ "$ENGINE" = libfuzzer ]; then
  for t in $TARGETS; do
    echo "fuzz: $t under libFuzzer for ${SECONDS_EACH}s"
    mkdir -p "corpus/$t"
    seeds=()
    [ -d "seeds/$t" ] && seeds=("seeds/$t")
    cargo +nightly fuzz run "$t" "corpus/$t" "${seeds[@]}" -- \
      -max_total_time="$SECONDS_EACH" -print_final_stats=1
  done
else
  $CARGO build --profile fuzz-loop --no-default-features --bin fuzz-loop
  for t in $TARGETS; do
    "${CARGO_TARGET_DIR:-target}/fuzz-loop/fuzz-loop" "$t" "$SECONDS_EACH"
  done
fi
cd "$ROOT"

if [ "${FUZZ_SCHEMATHESIS:-1}" != 0 ]; then
  scripts/schemathesis.sh --long
fi
echo "fuzz: no problems"
