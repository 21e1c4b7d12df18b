# jobmatch: build the single binary, run it on a small Debian image.
# glibc is required by the ONNX Runtime library (no Alpine/musl).

# The ONNX Runtime shared library ships inside the npm package onnxruntime-node;
# fetch it the same way scripts/fetch-ort.sh does (pinned version and sha256).
FROM node:20-bookworm-slim AS ort
ARG ORT_VERSION=1.24.1
ARG ORT_SHA256=53ef1ac028dd1b05554b8da28d9159eb3876f99868193d2aaa6e67f0243c23d4
WORKDIR /ort
RUN npm pack --silent "onnxruntime-node@${ORT_VERSION}" \
    && tar xzf "onnxruntime-node-${ORT_VERSION}.tgz" package/bin/napi-v6/linux/x64/libonnxruntime.so.1 \
    && echo "${ORT_SHA256}  package/bin/napi-v6/linux/x64/libonnxruntime.so.1" | sha256sum -c - \
    && mv package/bin/napi-v6/linux/x64/libonnxruntime.so.1 /ort/libonnxruntime.so.1

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=1 GOEXPERIMENT=simd go build -trimpath -o /out/jobmatch ./cmd/jobmatch

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* && useradd --system --uid 10001 jobmatch \
    && mkdir -p /var/lib/jobmatch/index && chown jobmatch /var/lib/jobmatch/index
COPY --from=ort /ort/libonnxruntime.so.1 /usr/local/lib/libonnxruntime.so.1
COPY --from=build /out/jobmatch /usr/local/bin/jobmatch
USER jobmatch
ENV JOBMATCH_ADDR=:8080 JOBMATCH_LOG_FORMAT=json \
    ONNXRUNTIME_LIB=/usr/local/lib/libonnxruntime.so.1 JOBMATCH_INDEX_DIR=/var/lib/jobmatch/index
VOLUME /var/lib/jobmatch/index
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s CMD curl -fsS http://localhost:8080/readyz || exit 1
CMD ["jobmatch", "serve", "-migrate"]
