# Sourced by test.sh: a throwaway PostgreSQL server for the tests, from Debian's package,
# with its own data directory and port; stopped by `postgres_stop`. Exports
# DYADS_TEST_POSTGRES (the URL the tests use).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/apt.sh"

postgres_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

postgres_start() {
  local bin
  bin="$(postgres_bin)"
  if [ -z "$bin" ]; then
    apt_install postgresql
    bin="$(postgres_bin)"
  fi
  PG_DIR="$(mktemp -d /tmp/dyads-pg.XXXXXX)"
  PG_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  # initdb refuses to run as root: use the postgres account the package created.
  PG_AS=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$PG_DIR"
    PG_AS=(runuser -u postgres --)
  fi
  "${PG_AS[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${PG_AS[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null
  "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres dyads_test
  export DYADS_TEST_POSTGRES="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/dyads_test"
  PG_BIN="$bin"
  echo "dyads: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') for the tests on port $PG_PORT" >&2
}

postgres_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
