#!/usr/bin/env bash
# Installs what the desktop app's build and its window tests need, only where it
# is missing: WebKitGTK 4.1, GTK 3, librsvg, the appindicator library, OpenSSL and
# pkg-config (Debian's -dev packages); Xvfb and xauth for a display in CI;
# WebKitWebDriver (webkit2gtk-driver) and tauri-driver for the WebDriver tests.
# DESKTOP_DEPS=build installs only what building the app needs (make run).
set -euo pipefail
build_only=""
[ "${DESKTOP_DEPS:-}" = "build" ] && build_only=1

sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"

need=()
pc() { pkg-config --exists "$1" 2>/dev/null; }
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
pc webkit2gtk-4.1 || need+=(libwebkit2gtk-4.1-dev)
pc gtk+-3.0 || need+=(libgtk-3-dev)
pc librsvg-2.0 || need+=(librsvg2-dev)
pc ayatana-appindicator3-0.1 || need+=(libayatana-appindicator3-dev)
pc openssl || need+=(libssl-dev)
if [ -z "$build_only" ]; then
  command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
  command -v xauth >/dev/null 2>&1 || need+=(xauth)
  command -v WebKitWebDriver >/dev/null 2>&1 || need+=(webkit2gtk-driver)
fi
if [ ${#need[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "desktop-deps: please install: ${need[*]} (Debian/Ubuntu names)" >&2
    exit 1
  fi
  echo "desktop-deps: installing ${need[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

export PATH="$HOME/.cargo/bin:$PATH"
if [ -z "$build_only" ] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "desktop-deps: installing tauri-driver (cargo install, about a minute)"
  ${CARGO:-cargo} install tauri-driver --version '^2' --locked --quiet
fi
