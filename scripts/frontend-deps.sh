#!/usr/bin/env bash
# Installs what the web clients' build and browser tests need, only where it is missing:
# Debian's Chromium (/usr/bin/chromium; never a downloaded browser), Node.js >= 20.19
# with npm, and frontend/node_modules (npm ci when missing or older than package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=frontend-env.sh
source scripts/frontend-env.sh

sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    $sudo_cmd apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$@"
}

# Node.js 20.19+ (Vite 7). Debian 13 / Ubuntu 25.04 ship it; older releases get the
# official tarball from nodejs.org in ~/.local/share/crema/node (checksum verified).
node_ok() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)'
}
apt_node_ok() {
  # The distribution's candidate nodejs, e.g. "20.19.2+dfsg-1" or "18.19.0+dfsg-6~deb12u2".
  command -v apt-cache >/dev/null 2>&1 || return 1
  local v
  v=$(apt-cache policy nodejs 2>/dev/null | awk '/Candidate:/{print $2}' | sed 's/^[0-9]*://')
  [ -n "$v" ] && [ "$v" != "(none)" ] || return 1
  local major minor
  major=${v%%.*}; minor=${v#*.}; minor=${minor%%.*}
  [ "$major" -gt 20 ] 2>/dev/null || { [ "$major" -eq 20 ] && [ "$minor" -ge 19 ]; } 2>/dev/null
}
if ! node_ok && command -v apt-get >/dev/null 2>&1; then
  [ -z "$apt_updated" ] && { $sudo_cmd apt-get update -qq; apt_updated=1; }
  if apt_node_ok; then
    echo "frontend-deps: installing nodejs and npm from the distribution"
    apt_install nodejs npm || true
  fi
fi
if ! node_ok; then
  arch=$(uname -m); case "$arch" in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; esac
  base="https://nodejs.org/dist/latest-v22.x"
  echo "frontend-deps: the system Node.js is missing or older than 20.19; fetching Node 22 from $base"
  command -v curl >/dev/null 2>&1 || apt_install curl ca-certificates
  tmp=$(mktemp -d)
  curl -fsSL "$base/SHASUMS256.txt" -o "$tmp/SHASUMS256.txt"
  file=$(grep -o "node-v[0-9.]*-linux-$arch.tar.xz" "$tmp/SHASUMS256.txt" | head -1)
  curl -fsSL "$base/$file" -o "$tmp/$file"
  (cd "$tmp" && grep " $file\$" SHASUMS256.txt | sha256sum -c -)
  rm -rf "$CREMA_NODE_DIR" && mkdir -p "$CREMA_NODE_DIR"
  tar -xJf "$tmp/$file" -C "$CREMA_NODE_DIR" --strip-components=1
  rm -rf "$tmp"
  export PATH="$CREMA_NODE_DIR/bin:$PATH"
  node_ok || { echo "frontend-deps: could not install Node.js >= 20.19" >&2; exit 1; }
fi

# Chromium for the browser tests (CHROMIUM=/path overrides /usr/bin/chromium).
if [ -z "${CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then
  echo "frontend-deps: installing chromium"
  apt_install chromium || apt_install chromium-browser
fi

# node_modules, exactly as locked.
if [ ! -f frontend/node_modules/.package-lock.json ] || [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ] || [ frontend/package.json -nt frontend/node_modules/.package-lock.json ]; then
  echo "frontend-deps: npm ci"
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
fi
exit 0
