#!/usr/bin/env bash
# Prometheus (agent mode) and the vulcan scraper scraping the same exporter farm at the same time,
# with the CPU time each process spends per sample over the same window, and their ratio.
#
# Run from the repository root after `./mvnw -q -DskipTests package`:
#   benchmarks/side-by-side.sh
# Settings (environment): TARGETS=500 SAMPLES=500 INTERVAL=5 (seconds) WARMUP=600 WINDOW=60
#   VULCAN_JAVA_OPTS="-Xmx400m -XX:+UseSerialGC" VULCAN_MODE=node|main (default: node when
#   examples/target/vulcan.jar exists, else main) THREADS=1 (also print the vulcan process's CPU
#   over the window by thread, threads of one pool summed, to see where it goes)
#   VULCAN_NODE_ARGS="--kafka-property linger.ms=1000" (more arguments for `vulcan node`)
#   VULCAN_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java (the JVM of the measured vulcan process;
#   default `java`: the library's baseline is Java 17, a node may run on any later JDK)
# The defaults measure both processes in their steady state: in the first minute or two the JVM's
# JIT compilers still spend as much CPU as the scraping itself (WARMUP=30 shows it), and the code
# that runs once per scrape (the HTTP call, the Kafka send: 100 calls a second here) reaches C2's
# thresholds only after two to three minutes, so C2 still took 15% of the node's CPU in a window
# starting at 120 s and 5-10% in one starting at 240-300 s, against 1% at 600 s (THREADS=1 shows
# it). A node runs for days, so the default window starts at ten minutes. The JVM options are the ones
# BENCHMARKS.md recommends for a node of this size (the serial collector: the least CPU and memory
# per sample on two cores; a heap for the series caches plus the Kafka buffer);
# VULCAN_JAVA_OPTS="-Xmx512m" gives the JVM's defaults (G1).
#
# One FarmMain process serves two identical farms (same targets, same pages), one per scraper, so
# each scraper's requests are counted apart; samples scraped = requests answered x samples per page.
# Prometheus scrapes farm 0 in agent mode (no remote_write: its WAL only, so its figure is a lower
# bound of what it costs when it also ships samples); the vulcan side scrapes farm 1 and writes every
# scrape to Kafka: a `vulcan node` on a ZooKeeper and a Kafka broker from `vulcan servers` (their
# own process, not counted), or with VULCAN_MODE=main benchmarks' ScraperMain, a Scraper with a
# KafkaWriter to a KRaft broker in a child JVM (not counted). CPU time is utime+stime
# of each process from /proc/<pid>/stat, over the same window. Everything runs on 127.0.0.1 and
# every process started here is stopped on exit.
set -euo pipefail

cd "$(dirname "$0")/.."
JAR=$PWD/benchmarks/target/benchmarks.jar
TARGETS=${TARGETS:-500}
SAMPLES=${SAMPLES:-500}
INTERVAL=${INTERVAL:-5}
WARMUP=${WARMUP:-600}
WINDOW=${WINDOW:-60}
VULCAN_JAVA_OPTS=${VULCAN_JAVA_OPTS:--Xmx400m -XX:+UseSerialGC}
VULCAN_JAVA=${VULCAN_JAVA:-java}
VULCAN_JAR=$PWD/examples/target/vulcan.jar
# node: a `vulcan node` (when examples/target/vulcan.jar is built); main: benchmarks' ScraperMain.
VULCAN_MODE=${VULCAN_MODE:-$([[ -f $VULCAN_JAR ]] && echo node || echo main)}
PKG=io.github.vulcanscraper.benchmarks

if [[ ! -f $JAR ]]; then
  echo "side-by-side: $JAR is missing; build first: ./mvnw -q -DskipTests package" >&2
  exit 1
fi
if ! command -v prometheus >/dev/null 2>&1; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "side-by-side: prometheus is not installed; run as root or: apt-get install -y prometheus" >&2
    exit 1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus >/dev/null
  # The package starts a system service; this script runs its own instance.
  systemctl stop prometheus prometheus-node-exporter 2>/dev/null || true
fi

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for() { # file, pattern, seconds
  local deadline=$((SECONDS + $3))
  until grep -q "$2" "$1" 2>/dev/null; do
    if ((SECONDS > deadline)); then
      echo "side-by-side: timed out waiting for '$2' in $1:" >&2
      tail -20 "$1" >&2 || true
      exit 1
    fi
    sleep 0.5
  done
}
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
thread_ticks() { # "name ticks" per thread of a process; pools' numbered threads under one name
  for f in /proc/"$1"/task/*/stat; do
    awk '{ match($0, /\(.*\)/); name = substr($0, RSTART + 1, RLENGTH - 2)
           sub(/^.*\) /, ""); gsub(/[-#]?[0-9]+$/, "", name); gsub(/ /, "_", name)
           print name, $12 + $13 }' "$f" 2>/dev/null || true
  done | awk '{ t[$1] += $2 } END { for (n in t) print n, t[n] }' | sort
}
cpu_ticks() { # utime + stime of a process, in clock ticks
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}
rss_mib() {
  awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo); $(prometheus --version 2>&1 | head -1)"
echo "load: $TARGETS targets x $SAMPLES samples every ${INTERVAL}s; warm-up ${WARMUP}s, window ${WINDOW}s"
echo "uptime at start: $(uptime)"

java -Xmx512m -cp "$JAR" "$PKG.FarmMain" --targets "$TARGETS" --samples "$SAMPLES" --farms 2 \
  --status "$WORK/farm.status" >"$WORK/farm.out" 2>&1 &
PIDS+=($!)
wait_for "$WORK/farm.out" '^ready' 60
read -r _ _ FARM0 PER_PAGE < <(grep '^farm 0 ' "$WORK/farm.out")
read -r _ _ FARM1 _ < <(grep '^farm 1 ' "$WORK/farm.out")

PROM_PORT=$(free_port)
job_yaml() { # the one job both scrape, at the given farm address
  echo "scrape_configs:"
  echo "  - job_name: load"
  echo "    scrape_interval: ${INTERVAL}s"
  echo "    scrape_timeout: ${INTERVAL}s"
  echo "    static_configs:"
  for ((i = 0; i < TARGETS; i++)); do
    echo "      - targets: ['$1']"
    echo "        labels: {__metrics_path__: /target/$i/metrics, instance: target-$i}"
  done
}
job_yaml "$FARM0" >"$WORK/prometheus.yml"
job_yaml "$FARM1" >"$WORK/vulcan-job.yml"
prometheus --enable-feature=agent --config.file="$WORK/prometheus.yml" \
  --storage.agent.path="$WORK/agent" --web.listen-address="127.0.0.1:$PROM_PORT" \
  >"$WORK/prometheus.log" 2>&1 &
PROM=$!
PIDS+=("$PROM")

if [[ $VULCAN_MODE == node ]]; then
  # A real `vulcan node`: ZooKeeper and Kafka from `vulcan servers` (its own process, not
  # counted), the job stored with `vulcan job set`.
  java -Xmx512m -jar "$VULCAN_JAR" servers --zk-port 0 >"$WORK/servers.out" 2>"$WORK/servers.err" &
  PIDS+=($!)
  wait_for "$WORK/servers.out" '^kafka ' 120
  ZK=$(awk '/^zookeeper/ { print $2 }' "$WORK/servers.out")
  KAFKA=$(awk '/^kafka/ { print $2 }' "$WORK/servers.out")
  java -jar "$VULCAN_JAR" job set load "$WORK/vulcan-job.yml" --zk "$ZK" >/dev/null
  "$VULCAN_JAVA" $VULCAN_JAVA_OPTS -jar "$VULCAN_JAR" node --zk "$ZK" --kafka "$KAFKA" --id bench \
    --metrics-port 0 ${VULCAN_NODE_ARGS:-} >"$WORK/vulcan.out" 2>&1 &
  VULCAN=$!
  PIDS+=("$VULCAN")
  VULCAN_NAME="vulcan node (Kafka)"
else
  "$VULCAN_JAVA" $VULCAN_JAVA_OPTS -cp "$JAR" "$PKG.ScraperMain" --farm "$FARM1" --targets "$TARGETS" \
    --interval "${INTERVAL}s" --status "$WORK/vulcan.status" >"$WORK/vulcan.out" 2>&1 &
  VULCAN=$!
  PIDS+=("$VULCAN")
  VULCAN_NAME="ScraperMain (Kafka)"
  wait_for "$WORK/vulcan.out" '^ready' 120
fi
wait_for "$WORK/prometheus.log" 'Server is ready to receive web requests' 60
# Both are scraping once the farms have answered each of them.
deadline=$((SECONDS + 120))
until read -r a b <"$WORK/farm.status" && ((a > TARGETS && b > TARGETS)); do
  if ((SECONDS > deadline)); then
    echo "side-by-side: a scraper is not scraping (requests: $(cat "$WORK/farm.status"))" >&2
    tail -20 "$WORK/vulcan.out" >&2
    exit 1
  fi
  sleep 1
done
echo "vulcan side: $VULCAN_NAME on $("$VULCAN_JAVA" -version 2>&1 | head -1)"

sleep "$WARMUP"
read -r PR0 VR0 <"$WORK/farm.status"
PC0=$(cpu_ticks "$PROM")
VC0=$(cpu_ticks "$VULCAN")
[[ ${THREADS:-0} == 1 ]] && thread_ticks "$VULCAN" >"$WORK/threads0"
T0=$(date +%s.%N)
PROM_RSS=0
VULCAN_RSS=0
for ((s = 0; s < WINDOW; s += 5)); do
  sleep 5
  PROM_RSS=$(($(rss_mib "$PROM") > PROM_RSS ? $(rss_mib "$PROM") : PROM_RSS))
  VULCAN_RSS=$(($(rss_mib "$VULCAN") > VULCAN_RSS ? $(rss_mib "$VULCAN") : VULCAN_RSS))
done
sleep 1.1 # let the farm's status file catch up with the window's end
PC1=$(cpu_ticks "$PROM")
VC1=$(cpu_ticks "$VULCAN")
[[ ${THREADS:-0} == 1 ]] && thread_ticks "$VULCAN" >"$WORK/threads1"
T1=$(date +%s.%N)
read -r PR1 VR1 <"$WORK/farm.status"
HZ=$(getconf CLK_TCK)

awk -v hz="$HZ" -v t0="$T0" -v t1="$T1" -v per="$PER_PAGE" -v targets="$TARGETS" \
  -v interval="$INTERVAL" -v pc="$((PC1 - PC0))" -v vc="$((VC1 - VC0))" \
  -v pr="$((PR1 - PR0))" -v vr="$((VR1 - VR0))" -v prss="$PROM_RSS" -v vrss="$VULCAN_RSS" -v vname="$VULCAN_NAME" '
BEGIN {
  secs = t1 - t0
  ps = pr * per; vs = vr * per
  pus = pc / hz * 1e6 / ps; vus = vc / hz * 1e6 / vs
  printf "window: %.1f s; %d samples per page; expected %.1f scrapes/s per scraper\n", secs, per, targets / interval
  printf "%-24s %10s %12s %12s %14s %10s\n", "process", "scrapes/s", "samples/s", "CPU s", "CPU us/sample", "max RSS"
  printf "%-24s %10.1f %12.0f %12.2f %14.3f %7d MiB\n", "prometheus agent", pr / secs, ps / secs, pc / hz, pus, prss
  printf "%-24s %10.1f %12.0f %12.2f %14.3f %7d MiB\n", vname, vr / secs, vs / secs, vc / hz, vus, vrss
  printf "ratio: vulcan spends %.2f of Prometheus'"'"' CPU per sample (goal: at most 0.50)\n", vus / pus
}'
if [[ ${THREADS:-0} == 1 ]]; then
  # Threads that ended in the window (idle fetch threads after their keep-alive, OkHttp's task
  # runners) take their ticks with them, so a group can shrink: its figure is then left out, and the
  # last line holds what the listed groups do not account for of the process's CPU.
  echo "vulcan CPU by thread over the window (us per sample):"
  join -a 2 -e 0 -o 0,1.2,2.2 "$WORK/threads0" "$WORK/threads1" |
    awk -v hz="$HZ" -v vs="$(((VR1 - VR0) * PER_PAGE))" -v total="$((VC1 - VC0))" '
      { d = $3 - $2; if (d > 0) { listed += d; printf "  %-20s %8.3f\n", $1, d / hz * 1e6 / vs } }
      END { printf "  %-20s %8.3f\n", "(ended or shrunk)", (total - listed) / hz * 1e6 / vs }' |
    sort -k2 -nr
fi
echo "uptime at end: $(uptime)"
