#!/usr/bin/env bash
# Builds frontend/dist (release builds of `crema` embed it, so run this before
# `cargo build --release`; debug builds read it from disk at run time).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=frontend-env.sh
source scripts/frontend-env.sh
scripts/frontend-deps.sh
cd frontend && npx --no-install vite build --logLevel warn
