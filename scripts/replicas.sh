#!/usr/bin/env bash
# Several `jobmatch serve` replicas on one Postgres behind HAProxy.
#
#   scripts/replicas.sh start N   start replicas 1..N that are not running (stopping any above N)
#                                 and HAProxy in front of them; prints the balancer's URL
#   scripts/replicas.sh stop      stop HAProxy and every replica
#   scripts/replicas.sh status    each replica's process and /readyz, and HAProxy's view of them
#
# With DATABASE_URL unset the private cluster of scripts/pg.sh is started (and
# left running: `make pg-stop`), migrated and seeded with the demo data when
# empty. Each replica has its own port, index snapshot directory and log under
# $REPLICAS_DIR; sessions and CSRF tokens live in Postgres or are derived from
# the session itself, so a signed-in browser may land on any replica.
#
# Settings (environment): JOBMATCH_BIN (bin/jobmatch), REPLICAS_DIR
# (.cache/replicas), REPLICAS_PORT (8080, the balancer), REPLICAS_FIRST_PORT
# (8081, replica i gets the i-th free port from here), REPLICAS_STATS_PORT
# (8404, HAProxy's statistics page). Other JOBMATCH_* variables reach every
# replica.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${JOBMATCH_BIN:-bin/jobmatch}
dir=${REPLICAS_DIR:-.cache/replicas}
lb_port=${REPLICAS_PORT:-8080}
first_port=${REPLICAS_FIRST_PORT:-8081}
stats_port=${REPLICAS_STATS_PORT:-8404}

log() { echo "replicas: $*" >&2; }

ensure_haproxy() {
  command -v haproxy >/dev/null && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing Debian's haproxy package"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null) >&2
  else
    log "the load balancer is HAProxy: sudo apt-get install haproxy"
    exit 1
  fi
}

# alive says whether the process in pid file $1 runs. A killed replica is
# no longer our child, and stays a zombie until whoever adopted it reaps it.
alive() {
  local pid
  [ -f "$1" ] && pid=$(cat "$1") && kill -0 "$pid" 2>/dev/null &&
    ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# replica_port prints replica i's port: the one it had before while it runs
# or the port is free, else the next free port from REPLICAS_FIRST_PORT that
# no other replica holds.
replica_port() {
  local i=$1 p
  if [ -f "$dir/r$i/port" ] && { alive "$dir/r$i/pid" || port_free "$(cat "$dir/r$i/port")"; }; then
    cat "$dir/r$i/port"
    return
  fi
  rm -f "$dir/r$i/port"
  p=$first_port
  while ! port_free "$p" || [ "$p" = "$lb_port" ] || [ "$p" = "$stats_port" ] ||
    grep -qx "$p" "$dir"/r*/port 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

ready() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$1/readyz" 2>/dev/null; }

start_replica() {
  local i=$1 r=$dir/r$1 port
  port=$(replica_port "$i")
  mkdir -p "$r/index"
  echo "$port" >"$r/port"
  if alive "$r/pid"; then return; fi
  # -trusted-proxies: HAProxy (option forwardfor) names the client, so the
  # sign-in limits count clients, not the balancer.
  "$bin" serve -addr "127.0.0.1:$port" -index-dir "$r/index" \
    -trusted-proxies 127.0.0.1/32 >>"$r/log" 2>&1 </dev/null &
  echo $! >"$r/pid"
  log "replica $i starting on 127.0.0.1:$port (pid $!, log $r/log)"
}

stop_replica() {
  local r=$1
  if alive "$r/pid"; then
    kill -TERM "$(cat "$r/pid")"
    while alive "$r/pid"; do sleep 0.2; done
  fi
  rm -f "$r/pid"
}

# write_config writes the HAProxy configuration for replicas 1..n: the
# settings of deploy/haproxy.cfg (which say why HAProxy), on local addresses.
write_config() {
  local n=$1 i
  {
    sed -e "s/^  bind :8080$/  bind 127.0.0.1:$lb_port/" -e "s/^  bind :8404$/  bind 127.0.0.1:$stats_port/" \
      -e '/^  server /d' deploy/haproxy.cfg
    for i in $(seq 1 "$n"); do
      echo "  server r$i 127.0.0.1:$(cat "$dir/r$i/port") check"
    done
  } >"$dir/haproxy.cfg.new"
  haproxy -c -q -f "$dir/haproxy.cfg.new"
}

start() {
  local n=${1:-}
  case "$n" in '' | *[!0-9]* | 0) echo "usage: $0 start N (N >= 1)" >&2; exit 2 ;; esac
  ensure_haproxy
  [ -x "$bin" ] || { log "$bin not found: run make build (or set JOBMATCH_BIN)"; exit 1; }
  if [ -z "${DATABASE_URL:-}" ]; then
    DATABASE_URL=$(scripts/pg.sh start)
    export DATABASE_URL
    "$bin" migrate up >&2
    "$bin" seed --demo --if-empty >&2
  else
    "$bin" migrate up >&2
  fi
  mkdir -p "$dir"
  local i r
  for r in "$dir"/r*; do
    [ -d "$r" ] || continue
    i=${r##*/r}
    if [ "$i" -gt "$n" ]; then stop_replica "$r"; rm -rf "$r"; fi
  done
  for i in $(seq 1 "$n"); do start_replica "$i"; done
  for i in $(seq 1 "$n"); do
    local tries=0 port
    port=$(cat "$dir/r$i/port")
    until ready "$port"; do
      if ! alive "$dir/r$i/pid"; then log "replica $i exited; its log:"; tail -n 20 "$dir/r$i/log" >&2; exit 1; fi
      tries=$((tries + 1))
      if [ "$tries" -gt 600 ]; then log "replica $i not ready after 2 minutes"; exit 1; fi
      sleep 0.2
    done
  done
  write_config "$n"
  if alive "$dir/haproxy.pid"; then
    if ! cmp -s "$dir/haproxy.cfg.new" "$dir/haproxy.cfg"; then
      mv "$dir/haproxy.cfg.new" "$dir/haproxy.cfg"
      haproxy -D -f "$dir/haproxy.cfg" -p "$dir/haproxy.pid" -sf "$(cat "$dir/haproxy.pid")" 2>>"$dir/haproxy.log"
      log "HAProxy reloaded with $n replicas"
    fi
  else
    mv "$dir/haproxy.cfg.new" "$dir/haproxy.cfg"
    haproxy -D -f "$dir/haproxy.cfg" -p "$dir/haproxy.pid" 2>>"$dir/haproxy.log"
    log "HAProxy on 127.0.0.1:$lb_port in front of $n replicas (statistics: http://127.0.0.1:$stats_port/)"
  fi
  rm -f "$dir/haproxy.cfg.new"
  echo "http://127.0.0.1:$lb_port"
}

stop() {
  if alive "$dir/haproxy.pid"; then
    kill -TERM "$(cat "$dir/haproxy.pid")"
    log "stopped HAProxy"
  fi
  rm -f "$dir/haproxy.pid"
  local r
  for r in "$dir"/r*; do
    [ -d "$r" ] || continue
    stop_replica "$r"
  done
  log "stopped the replicas"
}

status() {
  local r state
  for r in "$dir"/r*; do
    [ -d "$r" ] || continue
    state=stopped
    if alive "$r/pid"; then
      state="running (pid $(cat "$r/pid"))"
      ready "$(cat "$r/port")" && state="$state, ready" || state="$state, not ready"
    fi
    echo "${r##*/}  127.0.0.1:$(cat "$r/port")  $state"
  done
  if alive "$dir/haproxy.pid"; then
    echo "haproxy  127.0.0.1:$lb_port  running (pid $(cat "$dir/haproxy.pid")); its view:"
    curl -fsS --max-time 2 "http://127.0.0.1:$stats_port/;csv" | awk -F, '$1 == "replicas" && $2 != "BACKEND" { print "  " $2 "  " $18 }'
  else
    echo "haproxy  stopped"
  fi
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start N|stop|status" >&2; exit 2 ;;
esac
