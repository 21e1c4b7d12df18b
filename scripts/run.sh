#!/usr/bin/env bash
# `make run`: start (or reuse) Postgres, migrate, seed demo data into an empty
# database, and serve on http://localhost:8080 until Ctrl-C. A private cluster
# this script started is stopped cleanly afterwards; its data stays in .pgdata/
# so the next `make run` reuses it.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=bin/jobmatch

started_pg=0
stop_pg() {
  if [ "$started_pg" = 1 ]; then scripts/pg.sh stop; fi
}
if [ -z "${DATABASE_URL:-}" ]; then
  scripts/pg.sh running 2>/dev/null || started_pg=1
  DATABASE_URL=$(scripts/pg.sh start)
  export DATABASE_URL
  trap stop_pg EXIT
else
  echo "run: using DATABASE_URL from the environment"
fi

"$bin" migrate up
"$bin" seed --demo --if-empty --reset-demo-passwords
# Not exec: this shell must outlive the server to stop Postgres afterwards.
# The server handles Ctrl-C itself and shuts down gracefully.
# The title map colours titles by ISCO group when the ESCO data is at hand.
esco=../shared/data/esco_occupations_en.csv
if [ -z "${JOBMATCH_ESCO_OCCUPATIONS:-}" ] && [ -f "$esco" ]; then
  export JOBMATCH_ESCO_OCCUPATIONS=$esco
fi
"$bin" serve || status=$?
exit "${status:-0}"
