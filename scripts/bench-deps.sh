#!/usr/bin/env bash
# Installs what `make bench` needs on top of scripts/deps.sh, only where it is
# missing (Debian/Ubuntu): wrk (the HTTP load generator, driven by the Lua
# scripts in benches/wrk/), valgrind (instructions per request, callgrind),
# a C compiler (the slow-disk shim) and matplotlib for Debian's python3 (the
# chart). The counter app's cold start uses scripts/desktop-deps.sh's.
set -euo pipefail

need_apt=()
command -v wrk >/dev/null 2>&1 || need_apt+=(wrk)
command -v valgrind >/dev/null 2>&1 || need_apt+=(valgrind)
command -v cc >/dev/null 2>&1 || need_apt+=(gcc libc6-dev)
/usr/bin/python3 -c 'import matplotlib' >/dev/null 2>&1 || need_apt+=(python3-matplotlib)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "bench-deps: installing ${need_apt[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
exit 0
