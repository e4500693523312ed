#!/usr/bin/env bash
# A legitimate client's submission rate with and without the slow-body and idle-connection attacks
# of issue 13 (docs/security.md, docs/benchmarks.md "Under attack").
#
# Usage: bench/run-attack-bench.sh [--no-build] [--attackers N] [--duration S]
#   --attackers  connections each attack holds (default 4500), from 127.0.0.3 upwards (500 per
#                address), reopened whenever the server closes one
#   --duration   seconds each measurement lasts (default 20; 5 s of warm-up before each)
# The legitimate client is SubmitLoad (countersign-bench) with 16 keep-alive connections from
# 127.0.0.1, closed loop. Three runs on one server: unattacked, under slow bodies (one byte every
# 10 s), under idle connections. Raw output: bench-results/attack-<UTC timestamp>/ (gitignored).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli_jar="$here/countersign-cli/target/countersign.jar"
bench_jar="$here/countersign-bench/target/benchmarks.jar"
build=1
attackers=4500
duration=20
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --attackers) attackers="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
if [ "$build" = 1 ]; then
  (cd "$here" && timeout 900 ./mvnw -B -q -ntp -Dmaven.test.skip=true -pl countersign-cli,countersign-bench -am package)
fi
run="$here/bench-results/attack-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$run"
work="$(mktemp -d /tmp/countersign-attack.XXXXXX)"
server_pid=""
attack_pid=""
cleanup() {
  [ -n "$attack_pid" ] && kill "$attack_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
start_server() { # label: a fresh log each run, so the same statements can be sent again
  port=$((20000 + RANDOM % 20000))
  # The key ceremony: the load's keys (from its seed) are the agreed first keys of US and RU.
  seed=$((RANDOM * 32768 + RANDOM + 1))
  "$JAVA" -cp "$bench_jar" org.countersign.bench.load.SubmitLoad first-keys --seed "$seed" "$work/first-keys-$1.txt"
  "$JAVA" --enable-native-access=ALL-UNNAMED -jar "$cli_jar" serve --data "$work/data-$1" --port "$port" \
    --first-keys "$work/first-keys-$1.txt" >"$run/server-$1.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 120); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "server did not start; see $run/server-$1.log" >&2
  exit 1
}
stop_server() { kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; server_pid=""; }
measure() { # label
  local load_before load_after rate
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  timeout $((duration + 300)) "$JAVA" -cp "$bench_jar" org.countersign.bench.load.SubmitLoad \
    --server "http://127.0.0.1:$port/" --connections 16 --warmup 5 --duration "$duration" \
    --seed "$seed" --server-pid "$server_pid" >"$run/load-$1.txt" 2>&1 || echo "load generator failed ($1)" >&2
  load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
  rate="$(awk -F'|' '/integrated\/s in the measured window/ {gsub(/ /, "", $3); print $3 " integrated/s"}' "$run/load-$1.txt")"
  answers="$(awk -F'|' '/^\| answers/ {print $3}' "$run/load-$1.txt")"
  printf '%s\t%s\t%s\tload %s -> %s\n' "$1" "${rate:-see load-$1.txt}" "$answers" "$load_before" "$load_after" | tee -a "$run/results.tsv"
}
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ) commit: $(cd "$here" && git rev-parse --short HEAD)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; attackers=$attackers duration=${duration}s"
} | tee "$run/machine.txt"
# MODES (environment) picks the runs, default all three: "unattacked slowbody idle".
modes="${MODES:-unattacked slowbody idle}"
if [[ " $modes " == *" unattacked "* ]]; then
  start_server unattacked
  measure unattacked
  stop_server
fi
for mode in slowbody idle; do
  [[ " $modes " == *" $mode "* ]] || continue
  start_server "$mode"
  python3 "$here/bench/attack.py" 127.0.0.1 "$port" "$mode" "$attackers" $((duration + 40)) >"$run/attack-$mode.txt" 2>&1 &
  attack_pid=$!
  sleep 15 # let the attack reach its size
  measure "$mode"
  kill "$attack_pid" 2>/dev/null || true
  wait "$attack_pid" 2>/dev/null || true
  attack_pid=""
  tail -3 "$run/attack-$mode.txt"
  curl -s "http://127.0.0.1:$port/metrics" | grep -E '^countersign_submissions' >"$run/metrics-$mode.txt" || true
  stop_server
done
echo "results in $run" >&2
