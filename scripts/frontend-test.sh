#!/usr/bin/env bash
# Web clients: types, lint, unit tests, production build, then the browser tests
# against the real `crema serve` (debug/crema in Cargo's target dir, which
# CARGO_TARGET_DIR may move, unless E2E_CREMA_BIN is set: not a CREMA_* name, which crema would read as configuration).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=frontend-env.sh
source scripts/frontend-env.sh
scripts/frontend-deps.sh

cd frontend
echo "frontend: tsc";    npx --no-install tsc --noEmit
echo "frontend: eslint"; npx --no-install eslint . --max-warnings 0
echo "frontend: vitest"; npx --no-install vitest run
echo "frontend: build";  npx --no-install vite build --logLevel warn
cd ..

if [ -z "${E2E_CREMA_BIN:-}" ]; then
  ${CARGO:-cargo} build --bin crema
fi
echo "frontend: browser tests"
# A bound on the whole browser suite (about 5 minutes on 2 cores), so a hung browser cannot hold CI.
timeout 720 node --test --test-concurrency=1 tests/e2e/
