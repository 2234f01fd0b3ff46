#!/usr/bin/env bash
# make bundle: a signed .deb of the counter app, plus its updater signature, in
# target/release/bundle/deb/. The signing key comes from the environment:
#   TAURI_SIGNING_PRIVATE_KEY            the key itself or a path to it
#   TAURI_SIGNING_PRIVATE_KEY_PASSWORD   its password (empty for none)
# Make a key pair once with: (cd frontend && npx tauri signer generate -w ~/.crema/updater.key)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${TAURI_SIGNING_PRIVATE_KEY:-}" ]; then
  echo "bundle: set TAURI_SIGNING_PRIVATE_KEY (and TAURI_SIGNING_PRIVATE_KEY_PASSWORD); see README, 'Updates'" >&2
  exit 1
fi
export TAURI_SIGNING_PRIVATE_KEY_PASSWORD="${TAURI_SIGNING_PRIVATE_KEY_PASSWORD:-}"
# shellcheck source=frontend-env.sh
source scripts/frontend-env.sh
scripts/frontend-build.sh
# The tauri CLI reads src-tauri/tauri.conf.json, src-tauri/icons and
# src-tauri/frontend/dist: links to the root ones (tauri.conf.json stays at the root).
./frontend/node_modules/.bin/tauri build --bundles deb --ci
ls -l target/release/bundle/deb/
