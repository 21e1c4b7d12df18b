#!/usr/bin/env bash
# `make test`: every check CI makes. Starts what the tests need: the ONNX
# Runtime library (downloaded and verified into .cache/), a private Postgres
# cluster when DATABASE_URL is unset (stopped again at the end), and Chromium
# for the browser tests and HAProxy for the replica tests when they are
# missing and we may install them.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
step() { printf '\n== %s (%ds)\n' "$*" "$(( $(date +%s) - start ))"; }

step "templ: generated files are current"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r views "$tmp/views"
go tool templ generate -path "$tmp/views" >/dev/null 2>&1
if ! diff -r -q views "$tmp/views" >/dev/null; then
  diff -r -q views "$tmp/views" || true
  echo "generated *_templ.go files are stale: run 'make generate' and commit them" >&2
  exit 1
fi

step "gofmt, go vet, staticcheck"
unformatted=$(git ls-files '*.go' | grep -v '_templ\.go$' | xargs gofmt -l)
if [ -n "$unformatted" ]; then
  echo "gofmt would change: $unformatted (run gofmt -w)" >&2
  exit 1
fi
go vet ./...
GOEXPERIMENT=simd go vet ./vectorstore/...
GOEXPERIMENT=simd go vet ./internal/vecmath/...
go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

step "ONNX Runtime library"
ONNXRUNTIME_LIB=$(scripts/fetch-ort.sh)
export ONNXRUNTIME_LIB

# install_missing installs Debian's package $1 as root with apt-get, or says
# what to install ($2: who needs it; $3: an alternative) and fails.
install_missing() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian's $1 package"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null)
  else
    echo "$2: sudo apt-get install $1$3" >&2
    exit 1
  fi
}

step "Chromium for the browser tests"
if ! command -v chromium >/dev/null 2>&1 && [ -z "${CHROMIUM:-}" ]; then
  install_missing chromium "the browser tests need Chromium" " (or set CHROMIUM to a Chrome binary)"
fi

step "HAProxy for the replica tests"
command -v haproxy >/dev/null 2>&1 || install_missing haproxy "the replica tests need HAProxy" ""

step "Postgres"
started_pg=0
if [ -z "${DATABASE_URL:-}" ]; then
  scripts/pg.sh running 2>/dev/null || started_pg=1
  DATABASE_URL=$(scripts/pg.sh start)
  export DATABASE_URL
  trap 'rm -rf "$tmp"; if [ "$started_pg" = 1 ]; then scripts/pg.sh stop; fi' EXIT
fi
echo "using $DATABASE_URL"

step "go test ./..."
go test -count=1 ./...

step "vectorstore, internal/vecmath and training with GOEXPERIMENT=simd (AVX2/AVX-512 kernels) and the race detector"
GOEXPERIMENT=simd go test -count=1 ./vectorstore/... ./internal/vecmath/... ./encoder/training/nn/...
go test -count=1 -race ./vectorstore/... ./internal/vecmath/...
GOEXPERIMENT=simd go test -count=1 -race ./vectorstore/... ./internal/vecmath/...

step "all tests passed"
