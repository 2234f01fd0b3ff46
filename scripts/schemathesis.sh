#!/usr/bin/env bash
# schemathesis over /api/openapi.json against a real `crema serve` on a fresh
# data dir with the demo café: every operation, as anonymous and as each role
# (admin, cashier by password, cashier by PIN, kitchen, customer, kiosk).
# Fails on a server error (a 5xx other than the documented 503/507 storage
# codes), a response that breaks its schema, an undocumented status code or
# content type.
#
#   scripts/schemathesis.sh          bounded: fixed seed, few examples (make test)
#   scripts/schemathesis.sh --long   more examples and the stateful phase (make fuzz)
#
# ST_EXAMPLES, ST_SEED and ST_WORKERS override the defaults of the mode.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

MODE=bounded
[ "${1:-}" = "--long" ] && MODE=long
ST_VERSION=4.32.5
if [ "$MODE" = long ]; then
  EXAMPLES=${ST_EXAMPLES:-60}
  PHASES=examples,coverage,fuzzing,stateful
else
  EXAMPLES=${ST_EXAMPLES:-10}
  PHASES=examples,coverage,fuzzing
fi
SEED=${ST_SEED:-20261203}
WORKERS=${ST_WORKERS:-2}
CHECKS=not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance

# curl and jq sign the roles in; Python runs schemathesis.
need_apt=()
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
command -v jq >/dev/null 2>&1 || need_apt+=(jq)
python3 -m venv --help >/dev/null 2>&1 || need_apt+=(python3 python3-venv)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "schemathesis: installing ${need_apt[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}"
fi

# schemathesis in its own venv, installed once.
VENV="${XDG_CACHE_HOME:-$HOME/.cache}/crema/schemathesis-$ST_VERSION"
if [ ! -x "$VENV/bin/schemathesis" ]; then
  echo "schemathesis: installing schemathesis $ST_VERSION into $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "schemathesis==$ST_VERSION"
fi

# Our own copy of the binary: the target dir may be shared with other builds.
CARGO=${CARGO:-cargo}
$CARGO build -q --bin crema
WORK=$(mktemp -d "${TMPDIR:-/tmp}/crema-schemathesis.XXXXXX")
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
cp "${CARGO_TARGET_DIR:-target}/debug/crema" "$WORK/crema"

# crema reads CREMA_* as configuration: run it with a clean environment.
crema() { env -i PATH="$PATH" HOME="$HOME" "$WORK/crema" --data-dir "$WORK/data" "$@"; }

mkdir -p "$WORK/data"
# Generous limits, so the run tests the API rather than the rate limiter.
cat >"$WORK/data/crema.toml" <<'TOML'
rate_limit_per_minute = 10000000
auth_rate_limit_per_minute = 10000000
access_token_minutes = 240
customer_open_orders_max = 1000000
kiosk_open_orders_max = 1000000
backup_interval_minutes = 0
TOML
crema demo >/dev/null
echo "fuzz-admin-pass" | crema user add admin --role admin --password-stdin >/dev/null
echo "fuzz-cashier-pass" | crema user add cashier --role cashier --password-stdin >/dev/null
echo "583920" | crema user add counter --role cashier --pin-stdin >/dev/null
echo "fuzz-kitchen-pass" | crema user add kitchen --role kitchen --password-stdin >/dev/null

# `exec`: the background job is the server itself, so the cleanup's kill
# reaches it (a function run in the background is a subshell around it).
(exec env -i PATH="$PATH" HOME="$HOME" "$WORK/crema" --data-dir "$WORK/data" serve --bind 127.0.0.1:0) \
  >"$WORK/serve.out" 2>"$WORK/serve.log" &
SERVER_PID=$!
BASE=""
for _ in $(seq 1 100); do
  BASE=$(sed -n 's/^listening on \(http:\/\/[^ ]*\).*/\1/p' "$WORK/serve.out" | head -n1)
  [ -n "$BASE" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$BASE" ] || { echo "schemathesis: crema did not start" >&2; exit 1; }
# The server under test must serve the committed document (a shared target
# dir could have handed us a binary built from other sources).
if ! diff -q <(curl -fsS "$BASE/api/openapi.json" | jq -S .) <(jq -S . frontend/src/api/openapi.json) >/dev/null; then
  echo "schemathesis: the server's OpenAPI document differs from frontend/src/api/openapi.json;" >&2
  echo "  rebuild crema from this tree, or regenerate the snapshot (UPDATE_OPENAPI=1 cargo test --test openapi_snapshot)" >&2
  exit 1
fi
echo "schemathesis: crema on $BASE ($MODE: seed $SEED, $EXAMPLES examples, phases $PHASES)"

post() { # path json [token] -> body (fails on a non-2xx)
  local auth=()
  [ -n "${3:-}" ] && auth=(-H "Authorization: Bearer $3")
  curl -fsS -X POST "$BASE$1" -H 'Content-Type: application/json' "${auth[@]}" -d "$2"
}
login() { post /api/auth/login "{\"username\":\"$1\",\"password\":\"$2\"}" | jq -er .access_token; }

ADMIN=$(login admin fuzz-admin-pass)
CASHIER=$(login cashier fuzz-cashier-pass)
KITCHEN=$(login kitchen fuzz-kitchen-pass)
# PIN sign-in: from loopback, without proxy headers.
COUNTER=$(post /api/auth/pin '{"pin":"583920"}' | jq -er .access_token)
CUSTOMER=$(post /api/customers/register \
  '{"name":"Fuzz Customer","email":"fuzz@example.com","password":"fuzz-customer-pass"}' |
  jq -er .access_token)
PAIR_CODE=$(post /api/devices/pairing-codes '{"name":"Fuzz tablet"}' "$ADMIN" | jq -er .code)
KIOSK=$(post /api/devices/pair "{\"code\":\"$PAIR_CODE\"}" | jq -er .access_token)
# A shift open at the till and a paid order, so the money paths have data.
post /api/shifts '{"opening_float":{"amount":10000,"currency":"EUR"}}' "$CASHIER" >/dev/null

run() { # label [schemathesis args...]
  local label=$1
  shift
  echo "schemathesis: --- $label ---"
  # From the temp dir: schemathesis keeps a cache in the working directory.
  if ! (cd "$WORK" && "$VENV/bin/schemathesis" --config-file "$ROOT/scripts/schemathesis.toml" run "$BASE/api/openapi.json" \
    --checks "$CHECKS" --phases "$PHASES" --max-examples "$EXAMPLES" --seed "$SEED" \
    --workers "$WORKERS" --generation-database none --request-timeout 20 \
    --suppress-health-check all --no-color --warnings off \
    --report junit --report-dir "$WORK/report-$label" "$@") >"$WORK/$label.log" 2>&1; then
    cat "$WORK/$label.log"
    echo "schemathesis: FAILED as $label" >&2
    FAILED+=("$label")
  else
    grep -E "^(Test cases|API Operations|Summary|  ✅|  ❌)|passed|failed" "$WORK/$label.log" | tail -n 4 || true
  fi
}

FAILED=()
# Logging out ends the token's login: every role's run leaves it out, and a
# last run checks it with a token of its own.
NO_LOGOUT=(--exclude-path /api/auth/logout)
# The event stream never ends: it is checked by the API tests, not here.
NO_SSE=(--exclude-path /api/events)
run anonymous "${NO_SSE[@]}"
for role in ADMIN CASHIER COUNTER KITCHEN CUSTOMER KIOSK; do
  run "$(echo "$role" | tr 'A-Z' 'a-z')" -H "Authorization: Bearer ${!role}" "${NO_LOGOUT[@]}" "${NO_SSE[@]}"
done
LOGOUT_TOKEN=$(login cashier fuzz-cashier-pass)
run logout -H "Authorization: Bearer $LOGOUT_TOKEN" --include-path /api/auth/logout

if grep -q "panicked" "$WORK/serve.log"; then
  grep -B2 -A5 "panicked" "$WORK/serve.log" >&2
  FAILED+=("server panic")
fi
if [ ${#FAILED[@]} -gt 0 ]; then
  echo "schemathesis: problems found (${FAILED[*]})" >&2
  exit 1
fi
echo "schemathesis: no problems ($MODE)"
