#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite, on loopback only (127.0.0.1:54329), with
# trust authentication for the local test role. `start` is idempotent and prints the URL;
# `stop` removes nothing; `run CMD...` runs CMD with TONUS_DATABASE_URL set, stopping the
# server afterwards if `run` was the one that started it.
set -euo pipefail
PORT="${TONUS_PG_PORT:-54329}"
DIR="${TONUS_PG_DIR:-/tmp/tonus-test-pg}"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -n "$PGBIN" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
URL="postgresql://tonus@127.0.0.1:$PORT/tonus"
as_pg() {
  # initdb and the server refuse to run as root: use the postgres account the package made.
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
running() { as_pg "'$PGBIN/pg_ctl' -D '$DIR' status" >/dev/null 2>&1; }
start() {
  if [ ! -f "$DIR/PG_VERSION" ]; then
    mkdir -p "$DIR"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR"; fi
    as_pg "'$PGBIN/initdb' -D '$DIR' -A trust -U tonus -E UTF8 >/dev/null"
  fi
  if ! running; then
    as_pg "'$PGBIN/pg_ctl' -D '$DIR' -w -l '$DIR/server.log' \
      -o \"-p $PORT -c listen_addresses=127.0.0.1 -k '$DIR' -c fsync=off\" start" >/dev/null
  fi
}
stop() { as_pg "'$PGBIN/pg_ctl' -D '$DIR' -m fast stop" >/dev/null 2>&1 || true; }
case "${1:-start}" in
  start) start; echo "$URL" ;;
  stop) stop ;;
  run)
    shift
    [ $# -gt 0 ] || { echo "usage: $0 run COMMAND..." >&2; exit 2; }
    started_here=0
    running || { start; started_here=1; }
    if [ "$started_here" = 1 ]; then trap stop EXIT; fi
    echo "PostgreSQL: $URL"
    # The server's own client tools first on PATH: pg_dump must be the server's version.
    PATH="$PGBIN:$PATH" TONUS_DATABASE_URL="$URL" "$@"
    ;;
  *) echo "usage: $0 start|stop|run COMMAND..." >&2; exit 2 ;;
esac
