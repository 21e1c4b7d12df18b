#!/usr/bin/env bash
# Fetches the ONNX Runtime shared library from the npm package onnxruntime-node
# into .cache/ort/ and verifies its sha256. Idempotent: does nothing when the
# verified library is already there. Prints the library path on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."

ORT_VERSION=1.24.1
ORT_SHA256=53ef1ac028dd1b05554b8da28d9159eb3876f99868193d2aaa6e67f0243c23d4
dir=.cache/ort/$ORT_VERSION
lib=$dir/libonnxruntime.so.1

if [ -f "$lib" ] && echo "$ORT_SHA256  $lib" | sha256sum -c --status; then
  echo "$PWD/$lib"
  exit 0
fi
command -v npm >/dev/null || { echo "fetch-ort: npm is needed to download onnxruntime-node (apt-get install npm)" >&2; exit 1; }
mkdir -p "$dir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "fetch-ort: downloading onnxruntime-node@$ORT_VERSION from the npm registry (~85 MB)" >&2
(cd "$tmp" && npm pack --silent "onnxruntime-node@$ORT_VERSION" >/dev/null)
tar xzf "$tmp/onnxruntime-node-$ORT_VERSION.tgz" -C "$tmp" package/bin/napi-v6/linux/x64/libonnxruntime.so.1
got=$(sha256sum "$tmp/package/bin/napi-v6/linux/x64/libonnxruntime.so.1" | cut -d' ' -f1)
if [ "$got" != "$ORT_SHA256" ]; then
  echo "fetch-ort: sha256 mismatch for libonnxruntime.so.1: got $got, want $ORT_SHA256" >&2
  exit 1
fi
mv "$tmp/package/bin/napi-v6/linux/x64/libonnxruntime.so.1" "$lib"
echo "$PWD/$lib"
