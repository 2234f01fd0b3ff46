#!/usr/bin/env bash
# make run: build what is needed and open the counter app's window (its first run
# shows the setup). Where there is no display, say so and run the headless LAN
# server (crema serve) with the demo café instead.
set -euo pipefail
cd "$(dirname "$0")/.."
CARGO=${CARGO:-cargo}

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "make run: no display (DISPLAY and WAYLAND_DISPLAY are unset), so no window: running the headless LAN server (crema serve) instead."
  scripts/frontend-build.sh
  $CARGO build --release --bin crema
  exec scripts/serve-demo.sh
fi

DESKTOP_DEPS=build scripts/desktop-deps.sh
scripts/frontend-build.sh
$CARGO build --release -p crema-desktop
echo "Crema counter app: the store is in ${CREMA_DATA_DIR:-~/.local/share/org.crema.counter}; tablets and the board connect to port 8080 (shown in the app)."
exec "${CARGO_TARGET_DIR:-target}/release/crema-desktop"
