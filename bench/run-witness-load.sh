#!/usr/bin/env bash
# Witness benchmarks on loopback, reproducing the "Witnesses" section of docs/benchmarks.md:
#   A. add-checkpoint requests/s on ONE witness (`countersign witness`), driven by AddCheckpointLoad
#      (countersign-bench) with a chain of checkpoints from each of --logs logs, one request in
#      flight per log, and the p50/p99 latency of those requests;
#   B. the time from submission to a receipt whose checkpoint a 3-of-4 quorum cosigned: a log
#      (`countersign serve --witness-policy`) and four witnesses (US, RU, CN, neutral), timed by
#      CosignLatency with 1 connection (a lone submitter) and with more (shared batches).
#
# Usage: bench/run-witness-load.sh [--no-build] [--logs N] [--steps N] [--connections "1 8"]
#                                  [--rate "1000"] [--rate-connections N] [--warmup S] [--duration S]
#                                  [--ramp S] [--drain-max S] [--part a|b|both]
#   --logs         logs sending to the one witness in part A (default 50)
#   --steps        checkpoints prepared per log in part A (default 1500; raise it if the generator
#                  warns that logs ran out)
#   --connections  the submitter counts of part B (default "1 8"), each a closed loop
#   --rate         open-loop submission rates of part B instead (e.g. "1000": one submission due
#                  every millisecond, sent over keep-alive connections, timed from when due)
#   --rate-connections  connections of the open loop (default 512): each holds one submission
#                  until its receipt, so N connections carry at most N / latency per s (1024, the
#                  server's cap per address, met connect timeouts: docs/benchmarks.md, seventh pass)
#   --warmup/--duration  seconds of warm-up and of measurement for each run (default 5 and 20)
#   --ramp         open loop: the rate climbs linearly from 0 over the first S seconds of the
#                  warm-up (default 0: full rate at once)
#   --drain-max    open loop: after the warm-up the load goes on at the full rate and the measured
#                  window opens once every warm-up submission has been answered and none waits for
#                  a connection, or after S s at most (default 60; the run then says drained=false);
#                  0 opens it at the end of the warm-up, backlog and all. The submissions before the
#                  window are reported on their own (STARTUP line)
#
# Environment: SERVE_OPTS (extra `serve` options, e.g. "--batch-delay 20"), JAVA_OPTS (of every
# JVM started here; the log and witnesses start through ./countersign with its options first),
# LOG_JAVA_OPTS, GEN_JAVA_OPTS, WITNESS_JAVA_OPTS (of part B's log, generator, witnesses only, e.g.
# a JFR recording; %w in WITNESS_JAVA_OPTS is the witness's name), DUMP_AT=S (part B: S seconds
# into each load, thread dumps of the log and generator and the log's /metrics go to the raw
# output). Bounded in time: every wait has a timeout; every process started here is stopped on
# exit. Raw output: bench-results/witness-load-<UTC timestamp>/ (gitignored);
# bench/witness-load-timeline.sh lines up its log and generator second by second.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli_jar="$here/countersign-cli/target/countersign.jar"
bench_jar="$here/countersign-bench/target/benchmarks.jar"
build=1
logs=50
steps=1500
connections="1 8"
rates=""
rate_connections=512
warmup=5
duration=20
ramp=0
drain_max=60
part=both
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --logs) logs="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --rate) rates="$2"; shift 2 ;;
    --rate-connections) rate_connections="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --ramp) ramp="$2"; shift 2 ;;
    --drain-max) drain_max="$2"; shift 2 ;;
    --part) part="$2"; shift 2 ;;
    -h|--help) sed -n '2,38p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$part" in a|b|both) ;; *) echo "--part: a, b or both" >&2; exit 2 ;; esac

java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1; }
find_java() {
  local c
  for c in "${JAVA_HOME:+$JAVA_HOME/bin/java}" /usr/lib/jvm/temurin-25-jdk-amd64/bin/java "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -n "$c" ] && [ -x "$c" ] || continue
    if [ "$(java_major "$c")" -ge 21 ] 2>/dev/null; then echo "$c"; return 0; fi
  done
  return 1
}
JAVA="$(find_java)" || { echo "needs a JDK 21 or newer" >&2; exit 1; }
export JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$JAVA")")")"
jopts=(${JAVA_OPTS:-})
wopts="${WITNESS_JAVA_OPTS:-}" # %w: the witness's name (us, ru, cn, neutral)

if [ "$build" = 1 ]; then
  echo "building the CLI and the load generators..." >&2
  (cd "$here" && timeout 900 ./mvnw -B -q -ntp -Dmaven.test.skip=true -pl countersign-cli,countersign-bench -am package)
fi
[ -f "$cli_jar" ] && [ -f "$bench_jar" ] || { echo "missing $cli_jar or $bench_jar (run without --no-build)" >&2; exit 1; }

run="$here/bench-results/witness-load-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$run"
work="$(mktemp -d /tmp/countersign-witness-load.XXXXXX)"
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

pick_port() { echo $((20000 + RANDOM % 20000)); }
# The witnesses and the log start as a deployment starts them: through the launcher, with its JVM
# options (a bounded heap), not with the JVM's defaults. It execs the JVM, so $! is the JVM itself.
# It rebuilds a jar older than the sources: with --no-build that would happen in the middle of a
# run, so the run stops instead.
if [ "$build" = 0 ] && [ -n "$(find "$here" -path "$here/*/target" -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' -o -path "$here/treaties/*" \) -newer "$cli_jar" -print -quit)" ]; then
  echo "$cli_jar is older than the sources: run without --no-build" >&2; exit 1
fi
cli=(env COUNTERSIGN_JAVA_OPTS="${JAVA_OPTS:-}" "$here/countersign")
# first_line FILE: waits (at most 60 s) for the first line of a process's stdout.
first_line() {
  local i
  for i in $(seq 600); do
    if [ -s "$1" ]; then head -n1 "$1"; return 0; fi
    sleep 0.1
  done
  echo "no output in $1 after 60 s" >&2; return 1
}
await_http() { # URL
  local i
  for i in $(seq 600); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "$1 did not answer within 60 s" >&2; return 1
}

{
  echo "date_utc=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpus=$(nproc) model=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "java=$("$JAVA" -version 2>&1 | head -n1)"
  echo "loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$run/machine.txt"

if [ "$part" != b ]; then
  echo "== A. add-checkpoint on one witness: $logs logs" >&2
  "$JAVA" "${jopts[@]}" -cp "$bench_jar" org.countersign.bench.witness.AddCheckpointLoad keys --logs "$logs" >"$work/log-keys.txt"
  largs=()
  while read -r k; do largs+=(--log "$k"); done <"$work/log-keys.txt"
  wport="$(pick_port)"
  "${cli[@]}" witness --data "$work/witness-a" --port "$wport" --name witness.bench.example "${largs[@]}" \
    >"$run/a-witness.out" 2>"$run/a-witness.err" &
  pids+=($!)
  await_http "http://127.0.0.1:$wport/"
  timeout $((warmup + duration + 300)) "$JAVA" "${jopts[@]}" -cp "$bench_jar" org.countersign.bench.witness.AddCheckpointLoad run \
    --witness "http://127.0.0.1:$wport" --logs "$logs" --steps "$steps" --warmup "$warmup" --duration "$duration" \
    --witness-pid "${pids[-1]}" \
    2>&1 | tee "$run/a-load.txt"
  echo "loadavg_after_a=$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$run/machine.txt"
  kill "${pids[-1]}" 2>/dev/null || true
fi

if [ "$part" != a ]; then
  echo "== B. submission to quorum-cosigned checkpoint: 1 log, 4 witnesses, 3-of-4" >&2
  lport="$(pick_port)"
  # The key ceremony: the server admits only the submitters' first keys agreed beforehand;
  # CosignLatency derives them from --key-seed and writes them.
  key_seed="$((RANDOM * 32768 + RANDOM + 1))"
  "$JAVA" "${jopts[@]}" -cp "$bench_jar" org.countersign.bench.witness.CosignLatency first-keys \
    --key-seed "$key_seed" --authors US,RU "$work/first-keys.txt"
  cp "$work/first-keys.txt" "$run/b-first-keys.txt"
  # First start only creates the log key and prints its verifier key; the witnesses need it.
  "${cli[@]}" serve --data "$work/log" --port "$lport" --first-keys "$work/first-keys.txt" >"$work/log-first.out" 2>"$run/b-log-first.err" &
  first=$!
  logkey="$(first_line "$work/log-first.out")"
  kill "$first"; wait "$first" 2>/dev/null || true
  policy="$work/policy.txt"
  echo "log $logkey http://127.0.0.1:$lport/" >"$policy"
  wkeys=()
  for w in us ru cn neutral; do
    port="$(pick_port)"
    env COUNTERSIGN_JAVA_OPTS="${JAVA_OPTS:-} ${wopts//%w/$w}" "$here/countersign" witness --data "$work/witness-$w" --port "$port" --name "witness.$w.bench.example" --log "$logkey" \
      >"$work/witness-$w.out" 2>"$run/b-witness-$w.err" &
    pids+=($!)
    wkey="$(first_line "$work/witness-$w.out")"
    wkeys+=(--witness-vkey "$wkey")
    echo "witness $w $wkey http://127.0.0.1:$port" >>"$policy"
  done
  printf 'group treaty 3 us ru cn neutral\nquorum treaty\n' >>"$policy"
  cp "$policy" "$run/b-policy.txt"
  env COUNTERSIGN_JAVA_OPTS="${JAVA_OPTS:-} ${LOG_JAVA_OPTS:-}" "$here/countersign" serve --data "$work/log" --port "$lport" --witness-policy "$policy" \
    --first-keys "$work/first-keys.txt" ${SERVE_OPTS:-} \
    >"$run/b-log.out" 2>"$run/b-log.err" &
  pids+=($!)
  await_http "http://127.0.0.1:$lport/health"
  loads=()
  if [ -n "$rates" ]; then
    for r in $rates; do loads+=("rate $r"); done
  else
    for c in $connections; do loads+=("connections $c"); done
  fi
  logpid="${pids[-1]}"
  # CPU seconds (user + system) a process used so far, from /proc: who takes the two cores.
  cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat" 2>/dev/null || echo 0; }
  cpu_all() { local p; for p in "${pids[@]}"; do printf '%s=%s ' "$p" "$(cpu_s "$p")"; done; echo; }
  echo "cpu_s_before_load (witnesses us ru cn neutral, then the log): $(cpu_all)" | tee -a "$run/machine.txt"
  for l in "${loads[@]}"; do
    set -- $l
    if [ -n "${DUMP_AT:-}" ]; then
      ( sleep "$DUMP_AT"
        gen="$("$JAVA_HOME/bin/jcmd" -l 2>/dev/null | awk '/CosignLatency --server/ {print $1; exit}')"
        # Thread.dump_to_file lists virtual threads too (every waiting request is one).
        "$JAVA_HOME/bin/jcmd" "$logpid" Thread.dump_to_file -overwrite "$run/b-dump-log-$1-$2.txt" >/dev/null 2>&1 || true
        [ -n "$gen" ] && "$JAVA_HOME/bin/jcmd" "$gen" Thread.dump_to_file -overwrite "$run/b-dump-gen-$1-$2.txt" >/dev/null 2>&1
        curl -sf "http://127.0.0.1:$lport/metrics" >"$run/b-metrics-at-$DUMP_AT-s.txt" 2>/dev/null || true
      ) &
    fi
    timeout $((warmup + drain_max + duration + 120)) "$JAVA" "${jopts[@]}" ${GEN_JAVA_OPTS:-} -cp "$bench_jar" org.countersign.bench.witness.CosignLatency \
      --server "http://127.0.0.1:$lport" "${wkeys[@]}" --quorum 3 "--$1" "$2" \
      $([ "$1" = rate ] && echo "--connections $rate_connections --ramp $ramp --drain-max $drain_max") \
      --warmup "$warmup" --duration "$duration" --authors US,RU --key-seed "$key_seed" \
      2>&1 | tee "$run/b-latency-$1-$2.txt"
    echo "cpu_s_after_$1_$2 (witnesses us ru cn neutral, then the log): $(cpu_all)" | tee -a "$run/machine.txt"
  done
  curl -sf "http://127.0.0.1:$lport/metrics" >"$run/b-metrics.txt" 2>/dev/null || true
  curl -sf "http://127.0.0.1:$lport/health" >"$run/b-health.json" 2>/dev/null || true
  echo "loadavg_after_b=$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$run/machine.txt"
fi

echo "raw output: $run" >&2
grep -h '^RESULT\|^STARTUP' "$run"/*.txt || true
