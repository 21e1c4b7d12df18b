#!/usr/bin/env bash
# Retrains the shipped default title encoder (encoder/model) from the shared
# data sets and evaluates the exported model on the JobBERT validation titles.
# Takes ~6 minutes on 2 cores with the AVX-512 kernels. Extra arguments go
# to `jobmatch train` (e.g. -epochs 2 for a quick check). Data: $JOBMATCH_DATA_DIR, else
# ../shared/data next to the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

export JOBMATCH_DATA_DIR="${JOBMATCH_DATA_DIR:-../shared/data}"
if [ ! -f "$JOBMATCH_DATA_DIR/esco_occupations_en.csv" ]; then
  echo "train-model: no training data in $JOBMATCH_DATA_DIR (set JOBMATCH_DATA_DIR)" >&2
  exit 1
fi
export ONNXRUNTIME_LIB="${ONNXRUNTIME_LIB:-$(scripts/fetch-ort.sh)}"

# The defaults of `jobmatch train` are the shipped model's settings; they are
# repeated here so a change of default does not silently change the model.
# GOEXPERIMENT=simd builds the AVX2/AVX-512 kernels (internal/vecmath,
# several times faster); a CPU without AVX2+FMA uses the portable ones.
GOEXPERIMENT=simd exec go run ./cmd/jobmatch train -out encoder/model -name jobmatch-title-v2 \
  -seed 1 -workers 2 "$@"
