#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite, on loopback only (127.0.0.1:54329), with
# trust authentication for the local test role. `start` is idempotent; `stop` removes nothing.
set -euo pipefail
PORT="${TONUS_PG_PORT:-54329}"
DIR="${TONUS_PG_DIR:-/tmp/tonus-test-pg}"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -n "$PGBIN" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)"; exit 1; }
as_pg() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
case "${1:-start}" in
  start)
    if [ ! -f "$DIR/PG_VERSION" ]; then
      mkdir -p "$DIR"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
      as_pg "'$PGBIN/initdb' -D '$DIR' -A trust -U tonus -E UTF8 >/dev/null"
    fi
    if ! as_pg "'$PGBIN/pg_ctl' -D '$DIR' status" >/dev/null 2>&1; then
      as_pg "'$PGBIN/pg_ctl' -D '$DIR' -w -l '$DIR/server.log' \
        -o \"-p $PORT -c listen_addresses=127.0.0.1 -k '$DIR' -c fsync=off\" start" >/dev/null
    fi
    echo "postgresql://tonus@127.0.0.1:$PORT/tonus"
    ;;
  stop)
    as_pg "'$PGBIN/pg_ctl' -D '$DIR' -m fast stop" >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start|stop"; exit 2 ;;
esac
