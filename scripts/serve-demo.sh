#!/usr/bin/env bash
# The headless LAN server with the demo café: on first run, create the data dir
# with the demo café and demo staff. Then
# serve it and print the address and the demo logins (make run without a display).
set -euo pipefail
DATA_DIR=${DATA_DIR:-./data}
BIND=${BIND:-127.0.0.1:8080}
CREMA=${CREMA:-${CARGO_TARGET_DIR:-target}/release/crema}

if [ ! -f "$DATA_DIR/crema.db" ]; then
  echo "First run: creating $DATA_DIR with the demo café"
  "$CREMA" --data-dir "$DATA_DIR" demo
  echo "crema-admin" | "$CREMA" --data-dir "$DATA_DIR" user add admin --role admin --password-stdin
  echo "crema-cashier" | "$CREMA" --data-dir "$DATA_DIR" user add cashier --role cashier --password-stdin
  echo "123456" | "$CREMA" --data-dir "$DATA_DIR" user add counter --role cashier --pin-stdin
  echo "crema-kitchen" | "$CREMA" --data-dir "$DATA_DIR" user add kitchen --role kitchen --password-stdin
fi

cat <<MSG

Crema is starting on http://$BIND  (API docs: http://$BIND/api/openapi.json)
Demo logins:
  admin    / crema-admin     (owner: menu, reports)
  cashier  / crema-cashier   (counter)   — or PIN 123456 at the counter
  kitchen  / crema-kitchen   (kitchen board)
  coupon WELCOME10 takes 10 % off
Stop with Ctrl-C.

MSG
exec "$CREMA" --data-dir "$DATA_DIR" serve --bind "$BIND"
