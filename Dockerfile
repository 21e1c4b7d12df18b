# jobmatch: build the single binary, run it on a small Debian image.
# glibc is required by the ONNX Runtime library (no Alpine/musl).
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=1 GOEXPERIMENT=simd go build -trimpath -o /out/jobmatch ./cmd/jobmatch

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* && useradd --system --uid 10001 jobmatch
COPY --from=build /out/jobmatch /usr/local/bin/jobmatch
USER jobmatch
ENV JOBMATCH_ADDR=:8080 JOBMATCH_LOG_FORMAT=json
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s CMD curl -fsS http://localhost:8080/readyz || exit 1
CMD ["jobmatch", "serve", "-migrate"]
