#!/usr/bin/env bash
# Reproduces docs/benchmarks.md, "Compliance replay": the replay of a log of about one million
# statements (ten years of an intense New START regime, 36,000 to 64,000 items) and compliance queries
# at random instants, with JMH; and the heap the log and the replayed engine take, with
# ComplianceFootprint (JMH does not measure retained memory).
#
# Usage: bench/run-compliance-bench.sh [--no-build]
#        bench/run-compliance-bench.sh --summarize bench-results/<run>
#
# Environment:
#   REPLAY_JMH_OPTS  JMH settings of the single-shot full replay (default: -f 1 -wi 1 -i 3)
#   QUERY_JMH_OPTS   JMH settings of the queries (default: -f 1 -wi 2 -i 3 -w 5s -r 5s)
#   PER_DAY          change notifications per party and day (default 135: ~1M statements)
#   BENCH_NICE       run under `nice -n BENCH_NICE` (e.g. -10, needs root) on a shared machine
#
# Raw output goes to bench-results/<UTC timestamp>-compliance/ (gitignored): machine.txt,
# loads.txt, workload.txt, footprint.txt, the JMH logs and CSVs, and summary.md. About 6 minutes
# on 2 cores.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/countersign-bench/target/benchmarks.jar"
REPLAY_JMH_OPTS="${REPLAY_JMH_OPTS:--f 1 -wi 1 -i 3}"
QUERY_JMH_OPTS="${QUERY_JMH_OPTS:--f 1 -wi 2 -i 3 -w 5s -r 5s}"
PER_DAY="${PER_DAY:-135}"
BENCH_NICE="${BENCH_NICE:-}"

# "method<TAB>score<TAB>error<TAB>unit" for each row of a JMH CSV.
csv_rows() {
  awk -F',' 'NR > 1 { gsub(/["\r]/, ""); n = split($1, p, "."); print p[n] "\t" $5 "\t" $6 "\t" $7 }' "$1"
}

summarize() {
  local run="$1"
  echo "## Compliance replay: raw results of $(basename "$run")"
  echo
  if [ -f "$run/machine.txt" ]; then
    echo '```'
    cat "$run/machine.txt"
    [ -f "$run/loads.txt" ] && { echo "load averages (1/5/15 min) at each stage:"; cat "$run/loads.txt"; }
    echo '```'
    echo
  fi
  [ -f "$run/workload.txt" ] && { echo "Workload: $(cat "$run/workload.txt")"; echo; }
  echo "| benchmark | score | error (99.9%) | unit |"
  echo "|---|---:|---:|---|"
  for f in "$run/replay.csv" "$run/query.csv"; do
    [ -f "$f" ] || continue
    csv_rows "$f" | while IFS=$'\t' read -r m score err unit; do
      printf '| %s | %.1f | %s | %s |\n' "$m" "$score" "$(printf '%.1f' "${err:-0}" 2>/dev/null || echo "$err")" "$unit"
    done
  done
  echo
  if [ -f "$run/footprint.txt" ]; then
    echo "ComplianceFootprint (one cold pass, heap after full GCs):"
    echo
    echo '```'
    cat "$run/footprint.txt"
    echo '```'
  fi
}

if [ "${1:-}" = "--summarize" ]; then
  summarize "${2:?usage: $0 --summarize bench-results/<run>}"
  exit 0
fi
build=1
[ "${1:-}" = "--no-build" ] && build=0

# A JDK >= 21, found as ./countersign finds it: JAVA_HOME, java on PATH, then /usr/lib/jvm/*.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ { print $2; exit }' | cut -d. -f1
}
find_java() {
  local c v
  for c in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -n "$c" ] && [ -x "$c" ] || continue
    v="$(java_major "$c")"
    if [ "${v:-0}" -ge 21 ] 2>/dev/null; then echo "$c"; return 0; fi
  done
  return 1
}
JAVA="$(find_java)" || { echo "needs a JDK 21 or newer (set JAVA_HOME)" >&2; exit 1; }
export JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$JAVA")")")"

if [ "$build" = 1 ]; then
  echo "building countersign-bench (JAVA_HOME=$JAVA_HOME)..." >&2
  (cd "$here" && ./mvnw -B -ntp -q -pl countersign-bench -am package -DskipTests)
fi
[ -f "$jar" ] || { echo "missing $jar (run without --no-build)" >&2; exit 1; }

PRIO=""
[ -z "$BENCH_NICE" ] || PRIO="nice -n $BENCH_NICE"
run="$here/bench-results/$(date -u +%Y%m%dT%H%M%SZ)-compliance"
mkdir -p "$run"
load() { echo "$(date -u +%H:%M:%S) $1: $(awk '{ print $1, $2, $3 }' /proc/loadavg)" >>"$run/loads.txt"; }

{
  echo "date (UTC):   $(date -u '+%Y-%m-%d %H:%M:%S')"
  echo "host:         $(uname -srm)"
  echo "nproc:        $(nproc)"
  echo "CPU model:    $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
  echo "memory:       $(awk '/^MemTotal/ { printf("%.1f GiB", $2 / 1048576) }' /proc/meminfo)"
  echo "JDK:          $("$JAVA" -version 2>&1 | sed -n 2p)"
  echo "JMH settings: replay $REPLAY_JMH_OPTS; queries $QUERY_JMH_OPTS; perDay $PER_DAY"
  echo "priority:     ${PRIO:-default (no nice)}"
} >"$run/machine.txt"
cat "$run/machine.txt" >&2

cls=org.countersign.bench.compliance
load "workload"
echo "generating the workload once to count it..." >&2
$PRIO "$JAVA" -Xmx6g -cp "$jar" "$cls.ComplianceWorkload" "$PER_DAY" | tee "$run/workload.txt" >&2
load "footprint"
echo "ComplianceFootprint..." >&2
$PRIO "$JAVA" -Xms6g -Xmx6g -cp "$jar" "$cls.ComplianceFootprint" "$PER_DAY" 300 | tee "$run/footprint.txt" >&2
load "replay (JMH)"
echo "JMH: full replay..." >&2
# shellcheck disable=SC2086
$PRIO "$JAVA" -jar "$jar" "$cls.ComplianceReplayBench" $REPLAY_JMH_OPTS -p perDay="$PER_DAY" \
  -rf csv -rff "$run/replay.csv" >"$run/replay.log" 2>&1
load "queries (JMH)"
echo "JMH: queries..." >&2
# shellcheck disable=SC2086
$PRIO "$JAVA" -jar "$jar" "$cls.ComplianceQueryBench" $QUERY_JMH_OPTS -p perDay="$PER_DAY" \
  -rf csv -rff "$run/query.csv" >"$run/query.log" 2>&1
load "end"
summarize "$run" | tee "$run/summary.md"
echo "raw results in $run" >&2
