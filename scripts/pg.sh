#!/usr/bin/env bash
# Private Postgres cluster for development and tests, kept in .pgdata/ (git-ignored).
#
#   scripts/pg.sh start     start (or reuse) the cluster; prints its DATABASE_URL
#   scripts/pg.sh stop      stop it (and its replica) if running
#   scripts/pg.sh url       print the DATABASE_URL of the running cluster
#   scripts/pg.sh replica   start (or reuse) a streaming replica of the running
#                           cluster in .pgdata/replica (pg_basebackup -R); prints
#                           its DATABASE_URL, for -database-read-url
#
# The server binaries come from $PG_BIN, else pg_config --bindir, else the newest
# /usr/lib/postgresql/*/bin. When none exist and we run as root with apt-get,
# the Debian package is installed; otherwise we say what to install.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD/.pgdata
data=$root/cluster
portfile=$root/port
replica=$root/replica
replica_portfile=$root/replica-port
dbname=${PGDATABASE_NAME:-jobmatch}

log() { echo "pg: $*" >&2; }

find_bin() {
  if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/pg_ctl" ]; then echo "$PG_BIN"; return; fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
  if [ -n "$d" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return; fi
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/pg_ctl" ]; then pg_config --bindir; return; fi
}

ensure_bin() {
  bin=$(find_bin)
  if [ -z "$bin" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      log "no PostgreSQL server binaries found; installing the Debian package 'postgresql'"
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
      bin=$(find_bin)
    fi
  fi
  if [ -z "$bin" ]; then
    log "no PostgreSQL server binaries (initdb, pg_ctl) found."
    log "install them with: sudo apt-get install postgresql"
    log "or point jobmatch at an existing server: export DATABASE_URL=postgres://user:pass@host:5432/jobmatch"
    exit 1
  fi
}

# as_owner runs a server binary as the data directory's owner: Postgres refuses
# to run as root, so root runs it as the 'postgres' system user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  local p
  for p in $(seq 54329 54429); do
    if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo "$p"; return; fi
  done
  log "no free port between 54329 and 54429"; exit 1
}

url() { echo "postgres://postgres@127.0.0.1:$(cat "${1:-$portfile}")/$dbname?sslmode=disable"; }

# pg_start starts the server of data directory $1 on port $2, with more
# settings in $3. fsync off: these clusters are for development and tests. A
# crash of the machine (not of jobmatch) can lose their data; use
# DATABASE_URL for data you keep.
pg_start() {
  as_owner "$bin/pg_ctl" -D "$1" -l "$1/server.log" -w -t 60 \
    -o "-k $1 -p $2 -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 ${3:-}" start >/dev/null
}

running() { [ -f "${1:-$data}/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "${1:-$data}" status >/dev/null 2>&1; }

start() {
  ensure_bin
  mkdir -p "$root"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/false postgres
    chown postgres "$root"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    log "creating a private cluster in .pgdata/cluster"
    as_owner "$bin/initdb" -D "$data" --no-sync -A trust -U postgres -E UTF8 --locale=C >/dev/null
  fi
  if running; then
    url
    return
  fi
  local port
  port=$(free_port)
  echo "$port" >"$portfile"
  pg_start "$data" "$port"
  log "started private Postgres on 127.0.0.1:$port"
  if ! as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -Atqc "SELECT 1 FROM pg_database WHERE datname='$dbname'" postgres | grep -q 1; then
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$dbname"
  fi
  url
}

# start_replica copies the running cluster with pg_basebackup -R, which
# writes primary_conninfo and standby.signal, and starts the copy as a hot
# standby that streams the primary's WAL. A stopped replica is made anew, so
# it never belongs to an earlier cluster. hot_standby_feedback keeps the
# primary from vacuuming rows the replica's queries still read.
start_replica() {
  ensure_bin
  running || { log "the primary is not running: scripts/pg.sh start"; exit 1; }
  if running "$replica"; then
    url "$replica_portfile"
    return
  fi
  rm -rf "$replica"
  log "copying the private cluster into .pgdata/replica"
  as_owner "$bin/pg_basebackup" -h 127.0.0.1 -p "$(cat "$portfile")" -U postgres -D "$replica" -R -X stream -c fast --no-sync >&2
  local port
  port=$(free_port)
  echo "$port" >"$replica_portfile"
  pg_start "$replica" "$port" "-c hot_standby=on -c hot_standby_feedback=on"
  log "started a streaming replica on 127.0.0.1:$port"
  url "$replica_portfile"
}

stop() {
  bin=$(find_bin)
  [ -n "$bin" ] || return 0
  if running "$replica"; then
    as_owner "$bin/pg_ctl" -D "$replica" -m fast -w stop >/dev/null
    log "stopped the replica"
  fi
  if running; then
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    log "stopped private Postgres"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) ensure_bin; running && url || { log "not running"; exit 1; } ;;
  running) ensure_bin; running ;;
  replica) start_replica ;;
  *) echo "usage: $0 start|stop|url|running|replica" >&2; exit 2 ;;
esac
