#!/usr/bin/env bash
# The JVM parser and Prometheus' own parser (model/textparse of Prometheus 2.42, the release Debian
# ships and side-by-side.sh runs) on the same four pages, on this machine, at the same time: the
# ratio of their samples per CPU-second, page by page.
#
# Run from the repository root after `./mvnw -q -DskipTests package`:
#   benchmarks/parser-side-by-side.sh [seconds]     (default 120; 600 for a ten-minute window)
#
# Why: this shared VM's speed moves by up to 1.7x from one minute to the next (BENCHMARKS.md), so an
# absolute figure says as much about the minute as about the parser. Both parsers run at once, one
# per core, each taking its four pages in turn in slices of a quarter of a second of its thread's
# CPU (the JVM's ParserSlicesMain; benchmarks/prometheus-parser/main.go for Go, GOMAXPROCS=1), so
# both see the same minutes; the ratio of their medians is what the code decides.
#
# What each parser does per sample: the JVM parser builds a Sample with its Labels inside its
# MetricFamily (OpenMetrics checked to the letter: groups, bucket order, counts); Prometheus' parser
# runs Next, Series and Metric (a new labels.Labels with the name), and the loop keeps value,
# timestamp and labels in a slice for the page, as a scrape loop holds them until it appends.
#
# Needs: Go and the Go libraries Prometheus builds with, from Debian (installed when run as root:
# golang-go and five -dev packages); Prometheus' source tarball from deb.debian.org, checked against
# the SHA-256 in Debian's .dsc, kept in benchmarks/target/prometheus-parser/.
set -euo pipefail

cd "$(dirname "$0")/.."
SECONDS_TO_RUN=${1:-120}
if ! [[ $SECONDS_TO_RUN =~ ^[1-9][0-9]*$ ]]; then
  echo "parser-side-by-side: seconds must be a positive integer, got '$SECONDS_TO_RUN'" >&2
  exit 2
fi
JAR=$PWD/benchmarks/target/benchmarks.jar
WORK=$PWD/benchmarks/target/prometheus-parser
ORIG=prometheus_2.42.0+ds.orig.tar.xz
ORIG_SHA256=62d510f128aac02f138d6fa839589bc4649f65cae3bd0917aeee033a8889af61
DEBS=(golang-go golang-github-cespare-xxhash-dev golang-github-grafana-regexp-dev
  golang-github-prometheus-common-dev golang-gopkg-yaml.v2-dev golang-github-pkg-errors-dev
  golang-github-gogo-protobuf-dev)

if [[ ! -f $JAR ]]; then
  echo "parser-side-by-side: $JAR is missing; build first: ./mvnw -q -DskipTests package" >&2
  exit 1
fi
missing=()
for deb in "${DEBS[@]}"; do
  dpkg -s "$deb" >/dev/null 2>&1 || missing+=("$deb")
done
if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "parser-side-by-side: missing Debian packages; run as root or: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

mkdir -p "$WORK"
if [[ ! -d $WORK/gopath/src/github.com/prometheus/prometheus ]]; then
  if [[ ! -f $WORK/$ORIG ]]; then
    curl -fsS -o "$WORK/$ORIG.part" \
      "http://deb.debian.org/debian/pool/main/p/prometheus/${ORIG//+/%2B}"
    mv "$WORK/$ORIG.part" "$WORK/$ORIG"
  fi
  if ! echo "$ORIG_SHA256  $WORK/$ORIG" | sha256sum -c --quiet -; then
    echo "parser-side-by-side: $WORK/$ORIG does not match Debian's SHA-256; removed" >&2
    rm -f "$WORK/$ORIG"
    exit 1
  fi
  mkdir -p "$WORK/gopath/src/github.com/prometheus"
  tar -xJf "$WORK/$ORIG" -C "$WORK"
  mv "$WORK/prometheus-2.42.0" "$WORK/gopath/src/github.com/prometheus/prometheus"
fi
mkdir -p "$WORK/gopath/src/prometheusparser"
cp benchmarks/prometheus-parser/main.go "$WORK/gopath/src/prometheusparser/"
(cd "$WORK/gopath/src/prometheusparser" &&
  GO111MODULE=off GOPATH="$WORK/gopath:/usr/share/gocode" GOCACHE="$WORK/gocache" \
    go build -o "$WORK/prometheus-parser" .)
java -cp "$JAR" io.github.vulcanscraper.benchmarks.PagesMain "$WORK/pages"

echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); $(go version)"
echo "both parsers for ${SECONDS_TO_RUN} s after a 20 s warm-up, at the same time, from $(date -u +%H:%M:%S) UTC"
GOMAXPROCS=1 "$WORK/prometheus-parser" "$WORK/pages" "$SECONDS_TO_RUN" >"$WORK/go.out" &
GO_PID=$!
trap 'kill $GO_PID 2>/dev/null || true' EXIT
java -cp "$JAR" io.github.vulcanscraper.benchmarks.ParserSlicesMain "$JAR" "$SECONDS_TO_RUN" >"$WORK/jvm.out"
wait "$GO_PID"
trap - EXIT
echo "--- JVM parser (io.github.vulcanscraper), thread CPU"
cat "$WORK/jvm.out"
echo "--- Prometheus' parser (model/textparse), thread CPU"
cat "$WORK/go.out"
echo "--- ratio of the medians, JVM / Prometheus"
for page in node-text golang-text node-openmetrics golang-openmetrics; do
  jvm=$(awk -v p="$page" '$1 == p { for (i = 1; i <= NF; i++) if ($i == "median") print $(i + 1) }' "$WORK/jvm.out")
  go=$(awk -v p="$page" '$1 == p { for (i = 1; i <= NF; i++) if ($i == "median") { print $(i + 1); exit } }' "$WORK/go.out")
  awk -v p="$page" -v j="$jvm" -v g="$go" 'BEGIN { printf "%-20s %.2f / %.2f M = %.2fx\n", p, j, g, j / g }'
done
