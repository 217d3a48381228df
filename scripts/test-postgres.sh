#!/usr/bin/env bash
# Start (or reuse) a local PostgreSQL server for the tests and print its SQLAlchemy URL on stdout.
#
#   BAOCAO_TEST_POSTGRES_URL=$(bash scripts/test-postgres.sh) pytest ...
#   bash scripts/test-postgres.sh stop
#
# PostgreSQL comes from the distribution's packages (installed with apt-get when missing and we are
# root). The server has its own data directory under /tmp, listens on a unix socket only (no TCP
# port), trusts local connections, and runs as the "postgres" user when we are root (initdb refuses
# root). Nothing is printed on stdout unless a server is ready; messages go to stderr.
# Set BAOCAO_TEST_POSTGRES=0 to skip PostgreSQL (the tests then run on SQLite only).
set -euo pipefail

BASE=${BAOCAO_TEST_PG_DIR:-/tmp/baocao-test-pg}
PGDATA_DIR=$BASE/data
SOCKET_DIR=$BASE/socket
PORT=${BAOCAO_TEST_PG_PORT:-54329}
LOG=$BASE/server.log

say() { echo "test-postgres: $*" >&2; }

if [[ "${BAOCAO_TEST_POSTGRES:-1}" == "0" ]]; then
    say "skipped (BAOCAO_TEST_POSTGRES=0)"
    exit 0
fi

find_bin() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [[ -x $dir/initdb && -x $dir/pg_ctl ]] && { echo "$dir"; return 0; }
    done
    return 1
}

BIN=$(find_bin || true)
if [[ -z "$BIN" ]]; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        say "installing PostgreSQL from Debian packages"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -q postgresql >&2 || { apt-get update -q >&2 && apt-get install -y -q postgresql >&2; }
        BIN=$(find_bin || true)
    fi
fi
if [[ -z "$BIN" ]]; then
    say "PostgreSQL is not installed (apt-get install postgresql); tests run on SQLite only"
    exit 0
fi

# Run a server binary as the postgres user when we are root.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

if [[ "${1:-}" == "stop" ]]; then
    if [[ -f $PGDATA_DIR/postmaster.pid ]]; then
        as_owner "$BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >&2
    fi
    exit 0
fi

mkdir -p "$BASE"
if [[ $(id -u) -eq 0 ]]; then
    chown postgres: "$BASE"
fi
if [[ ! -f $PGDATA_DIR/PG_VERSION ]]; then
    say "creating a test cluster in $PGDATA_DIR"
    as_owner mkdir -p "$PGDATA_DIR" "$SOCKET_DIR"
    as_owner "$BIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$BASE/initdb.log" 2>&1 \
        || { cat "$BASE/initdb.log" >&2; exit 1; }
fi
as_owner mkdir -p "$SOCKET_DIR"

if ! as_owner "$BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
    say "starting the test server (socket $SOCKET_DIR, port $PORT)"
    as_owner "$BIN/pg_ctl" -D "$PGDATA_DIR" -l "$LOG" -w -t 60 start \
        -o "-c listen_addresses='' -k $SOCKET_DIR -p $PORT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >&2 \
        || { tail -20 "$LOG" >&2; exit 1; }
fi

# Ready when it answers a query.
for _ in $(seq 1 60); do
    if as_owner "$BIN/psql" -h "$SOCKET_DIR" -p "$PORT" -U postgres -d postgres -Atqc "select 1" >/dev/null 2>&1; then
        echo "postgresql+psycopg://postgres@/postgres?host=$SOCKET_DIR&port=$PORT"
        exit 0
    fi
    sleep 0.5
done
say "the server did not answer; see $LOG"
exit 1
