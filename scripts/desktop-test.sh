#!/usr/bin/env bash
# The desktop app in a real window: builds crema-desktop (with the web build
# embedded), then drives it under Xvfb with tauri-driver + WebKitWebDriver,
# with a kitchen board in Chromium on its embedded LAN server.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=frontend-env.sh
source scripts/frontend-env.sh
scripts/desktop-deps.sh
export PATH="$HOME/.cargo/bin:$PATH"
[ -f frontend/dist/index.html ] || scripts/frontend-build.sh
${CARGO:-cargo} build -p crema-desktop
echo "desktop: the counter window under Xvfb (tauri-driver + WebKitWebDriver)"
timeout 300 xvfb-run -a -s "-screen 0 1280x800x24" \
  node --test --test-concurrency=1 tests/desktop/
