#!/usr/bin/env bash
# make bundle: a signed .deb of the counter app, plus its updater signature, in
# target/release/bundle/deb/. The signing key comes from the environment:
#   TAURI_SIGNING_PRIVATE_KEY            the key itself or a path to it
#   TAURI_SIGNING_PRIVATE_KEY_PASSWORD   its password (empty for none)
#   TAURI_SIGNING_PUBLIC_KEY             the public key or a path to it (default: the
#                                        key file's .pub), checked against the signature
# Make a key pair once with: (cd frontend && npx tauri signer generate -w ~/.crema/updater.key)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${TAURI_SIGNING_PRIVATE_KEY:-}" ]; then
  echo "bundle: set TAURI_SIGNING_PRIVATE_KEY (and TAURI_SIGNING_PRIVATE_KEY_PASSWORD); see README, 'Updates'" >&2
  exit 1
fi
export TAURI_SIGNING_PRIVATE_KEY_PASSWORD="${TAURI_SIGNING_PRIVATE_KEY_PASSWORD:-}"
pub="${TAURI_SIGNING_PUBLIC_KEY:-${TAURI_SIGNING_PRIVATE_KEY}.pub}"
[ -f "$pub" ] && pub=$(cat "$pub")
if [ -z "$pub" ] || [ "$pub" = "${TAURI_SIGNING_PRIVATE_KEY}.pub" ]; then
  echo "bundle: set TAURI_SIGNING_PUBLIC_KEY (the .pub that 'tauri signer generate' wrote)" >&2
  exit 1
fi
export CREMA_BUNDLE_PUBKEY="$pub"
# shellcheck source=frontend-env.sh
source scripts/frontend-env.sh
scripts/frontend-build.sh
# The tauri CLI looks for its configuration in src-tauri/ and takes a symlink's
# target folder for the app's; the crate itself reads the root tauri.conf.json. So
# the CLI, run from src-tauri/ (from the root it would take the root package for the
# app), gets a copy made from the root config for this run, with its paths adjusted.
conf=src-tauri/tauri.conf.json
trap 'rm -f "$conf"' EXIT
node -e '
  const fs = require("fs");
  const c = JSON.parse(fs.readFileSync("tauri.conf.json", "utf8"));
  c.build.frontendDist = "../" + c.build.frontendDist;
  c.bundle.icon = c.bundle.icon.map((i) => "../" + i);
  c.plugins.updater.pubkey = process.env.CREMA_BUNDLE_PUBKEY;
  fs.writeFileSync(process.argv[1], JSON.stringify(c, null, 2));
' "$conf"
(cd src-tauri && ../frontend/node_modules/.bin/tauri build --bundles deb --ci)
ls -l target/release/bundle/deb/
