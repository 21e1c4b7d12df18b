# jobmatch: two commands matter — `make run` and `make test`. Both install or
# start what they need (ONNX Runtime library, a private Postgres cluster when
# DATABASE_URL is unset, templ); see README.md.

SHELL := /bin/bash
GO ?= go
BIN := bin/jobmatch

.PHONY: run test build generate ort model assets lint bench clean pg-stop replicas replicas-stop

## run: build, start (or reuse) Postgres, migrate, seed demo data on an empty database, serve on :8080
run: build ort
	@scripts/run.sh

## replicas: build, then start N (default 3) replicas behind HAProxy on :8080 against Postgres; see docs/scaling.md
N ?= 3
replicas: build ort
	@scripts/replicas.sh start $(N)

## replicas-stop: stop HAProxy and the replicas (Postgres keeps running: make pg-stop)
replicas-stop:
	@scripts/replicas.sh stop

## test: everything CI checks (generated files current, vet, unit + Postgres + ONNX + browser tests)
test:
	@scripts/test.sh

# The app is built with GOEXPERIMENT=simd so the vector index uses its
# AVX2/AVX-512 kernels (chosen at run time; a pure-Go fallback remains).
build: generate
	GOEXPERIMENT=simd $(GO) build -o $(BIN) ./cmd/jobmatch

## generate: regenerate templ components (*_templ.go are committed)
generate:
	$(GO) tool templ generate -path views

## ort: download and verify the ONNX Runtime shared library into .cache/ort
ort:
	@scripts/fetch-ort.sh >/dev/null

## model: retrain the shipped default encoder from ../shared/data
model: ort
	@scripts/train-model.sh

## assets: refresh the vendored front-end files in static/vendor from pinned npm packages
assets:
	@scripts/assets.sh

lint:
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

## pg-stop: stop the private Postgres cluster if one is running
pg-stop:
	@scripts/pg.sh stop

clean:
	rm -rf bin .cache/go-test
