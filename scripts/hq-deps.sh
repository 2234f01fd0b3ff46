#!/usr/bin/env bash
# The servers head office's tests (tests/hq) run against: PostgreSQL,
# MariaDB and Redis on their local ports, each installed from Debian's
# packages and started only when nothing answers there. A server named by
# CREMA_TEST_DATABASE_URL / CREMA_TEST_MYSQL_URL / CREMA_TEST_REDIS_URL is
# left to whoever gave it. Local access as the tests expect it: PostgreSQL
# user postgres with trust over TCP on loopback, MariaDB root with an empty
# password, a database `test` in both.
set -euo pipefail

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
updated=""
install() {
  if [ -z "$updated" ]; then $sudo_cmd apt-get update -qq; updated=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$@" >/dev/null
}
wait_for() {
  for _ in $(seq 1 60); do answers "$1" && return 0; sleep 0.5; done
  echo "hq-deps: nothing answers on port $1" >&2
  return 1
}

if [ -z "${CREMA_TEST_DATABASE_URL:-}" ] && ! answers 5432; then
  echo "hq-deps: starting PostgreSQL"
  command -v pg_ctlcluster >/dev/null 2>&1 && ls /etc/postgresql/*/main >/dev/null 2>&1 || install postgresql
  ver=$(ls /etc/postgresql | sort -V | tail -1)
  hba="/etc/postgresql/$ver/main/pg_hba.conf"
  if ! grep -q "crema-tests" "$hba"; then
    # Loopback only: the test suites' own database server.
    $sudo_cmd sed -i '1i host all all 127.0.0.1/32 trust # crema-tests\nhost all all ::1/128 trust # crema-tests' "$hba"
  fi
  $sudo_cmd pg_ctlcluster "$ver" main start || $sudo_cmd pg_ctlcluster "$ver" main reload
  wait_for 5432
  psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE test"
fi

if [ -z "${CREMA_TEST_MYSQL_URL:-}" ] && ! answers 3306; then
  echo "hq-deps: starting MariaDB"
  command -v mariadbd >/dev/null 2>&1 || install mariadb-server
  $sudo_cmd mkdir -p /run/mysqld && $sudo_cmd chown mysql:mysql /run/mysqld 2>/dev/null || true
  if command -v systemctl >/dev/null 2>&1 && systemctl is-system-running >/dev/null 2>&1; then
    $sudo_cmd systemctl start mariadb
  else
    $sudo_cmd service mariadb start >/dev/null 2>&1 || \
      (setsid $sudo_cmd mariadbd-safe >/dev/null 2>&1 &)
  fi
  wait_for 3306
  $sudo_cmd mariadb -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket; CREATE DATABASE IF NOT EXISTS test; FLUSH PRIVILEGES;"
fi

if [ -z "${CREMA_TEST_REDIS_URL:-}" ] && ! answers 6379; then
  echo "hq-deps: starting Redis"
  command -v redis-server >/dev/null 2>&1 || install redis-server
  (setsid redis-server --bind 127.0.0.1 --port 6379 --save '' --appendonly no --daemonize yes >/dev/null 2>&1) || true
  wait_for 6379
fi

# The reverse-proxy test (tests/hq/nginx.rs) starts Debian's nginx itself on
# loopback ports with a test certificate made by openssl.
[ -x /usr/sbin/nginx ] || install nginx-light
command -v openssl >/dev/null 2>&1 || install openssl
# The package may start its own nginx on port 80; the tests need none.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet nginx 2>/dev/null; then
  $sudo_cmd systemctl stop nginx || true
fi
exit 0
