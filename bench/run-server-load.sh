#!/usr/bin/env bash
# Load-tests the log server's submission path: starts the real server (the CLI jar, `countersign
# serve`) on loopback, drives it with the SubmitLoad generator (countersign-bench), stops it, and
# prints one table row per configuration. Reproduces the "Log server" section of docs/benchmarks.md.
#
# Usage: bench/run-server-load.sh [--no-build] [--store sqlite|postgres|both] [--ed25519 LIST]
#                                 [--connections N] [--rate R] [--warmup S] [--duration S]
#   --store        which store to load (default both). PostgreSQL is Debian's (apt-get install -y
#                  postgresql): a throwaway cluster on a private port, run as the postgres user,
#                  with its default durability (fsync=on, synchronous_commit=on).
#   --ed25519      comma-separated providers to compare: bouncy-castle, jdk (default bouncy-castle)
#   --connections  concurrent keep-alive connections, one submission in flight each (default 512)
#   --rate         open loop at R submissions/s (default 0: closed loop, the sustained maximum)
#   --warmup/--duration  seconds of warm-up and of measurement (default 60 and 30). The figure is the
#                  steady state's: with a 10 s warm-up a fifth or more of the server's CPU in the
#                  window is still the JIT compiler; the generator prints the compiler's share and
#                  warns above 5 % (docs/benchmarks.md, "eighth pass, server CPU").
#
# Environment: SERVER_JAVA_OPTS (extra JVM options of the server), SERVE_OPTS (extra `serve`
# options, e.g. "--batch-size 2048 --batch-delay 50"), LOAD_JAVA_OPTS (of the generator).
# Bounded in time: every step has a timeout; the server and PostgreSQL are stopped on exit.
# Raw output: bench-results/server-load-<UTC timestamp>/ (gitignored).
set -euo pipefail
# BENCH_NICE=-20 runs the server, the generator (and PostgreSQL, wrk, nginx) ahead of other processes.
nice_cmd=()
[ -n "${BENCH_NICE:-}" ] && nice_cmd=(nice -n "$BENCH_NICE")

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli_jar="$here/countersign-cli/target/countersign.jar"
bench_jar="$here/countersign-bench/target/benchmarks.jar"
build=1
stores="both"
providers="bouncy-castle"
connections=512
rate=0
warmup=60
duration=30
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --store) stores="$2"; shift 2 ;;
    --ed25519) providers="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$stores" in both) stores="sqlite postgres" ;; sqlite|postgres) ;; *) echo "--store: sqlite, postgres or both" >&2; exit 2 ;; esac

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

if [ "$build" = 1 ]; then
  echo "building the server and the load generator..." >&2
  (cd "$here" && timeout 900 ./mvnw -B -q -ntp -Dmaven.test.skip=true -pl countersign-cli,countersign-bench -am package)
fi
[ -f "$cli_jar" ] && [ -f "$bench_jar" ] || { echo "missing $cli_jar or $bench_jar (run without --no-build)" >&2; exit 1; }

run="$here/bench-results/server-load-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$run"
work="$(mktemp -d /tmp/countersign-load.XXXXXX)"
chmod 755 "$work" # the postgres user must reach its cluster directory
server_pid=""
pg_bin=""
pg_dir=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  if [ -n "$pg_dir" ] && [ -f "$pg_dir/data/postmaster.pid" ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

pick_port() { echo $((20000 + RANDOM % 20000)); }

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(cd "$here" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
  echo "java: $("$JAVA" -version 2>&1 | head -1)"
  echo "options: stores=[$stores] ed25519=[$providers] connections=$connections rate=$rate warmup=${warmup}s duration=${duration}s"
  echo "SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-} SERVE_OPTS=${SERVE_OPTS:-} BENCH_NICE=${BENCH_NICE:-}"
} | tee "$run/machine.txt" >&2

start_postgres() {
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [ -x "$pg_bin/initdb" ] || { echo "PostgreSQL not installed: apt-get install -y postgresql" >&2; exit 1; }
  id postgres >/dev/null 2>&1 || { echo "no postgres user (Debian's postgresql package creates it)" >&2; exit 1; }
  pg_dir="$work/pg"
  mkdir -p "$pg_dir" && chown postgres "$pg_dir"
  pg_port="$(pick_port)"
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 >"$run/pg-initdb.log" 2>&1
  "${nice_cmd[@]}" runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/pg.log" -w -t 60 \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=50" start >/dev/null
  runuser -u postgres -- "$pg_bin/psql" -h "$pg_dir" -p "$pg_port" -U postgres -qc "CREATE DATABASE countersign" >/dev/null
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port (fsync=$(runuser -u postgres -- "$pg_bin/psql" -h "$pg_dir" -p "$pg_port" -U postgres -Atc 'show fsync'), synchronous_commit=$(runuser -u postgres -- "$pg_bin/psql" -h "$pg_dir" -p "$pg_port" -U postgres -Atc 'show synchronous_commit'))" | tee -a "$run/machine.txt" >&2
}

# Samples the server's resident memory every second while the load runs; keeps the maximum.
sample_rss() {
  local pid="$1" out="$2" max=0 v
  while kill -0 "$pid" 2>/dev/null; do
    v="$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"
    [ -n "$v" ] && [ "$v" -gt "$max" ] && max="$v" && echo "$max" >"$out"
    sleep 1
  done
}

# utime + stime of a process, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# The same for the PostgreSQL cluster: the postmaster and its children (backends, WAL writer...).
pg_ticks() {
  [ -n "$pg_dir" ] && [ -f "$pg_dir/data/postmaster.pid" ] || { echo 0; return; }
  local pm t=0 c
  pm="$(head -1 "$pg_dir/data/postmaster.pid")"
  for c in "$pm" $(ps --ppid "$pm" -o pid= 2>/dev/null); do t=$((t + $(cpu_ticks "$c"))); done
  echo "$t"
}
# Calibration: this machine's Ed25519 verify rate on one core right now (openssl speed).
calibrate() { openssl speed -seconds 2 ed25519 2>/dev/null | awk '/EdDSA \(Ed25519\)/ {print $NF; exit}'; }
ticks="$(getconf CLK_TCK)"

results="$run/results.tsv"
printf 'store\ted25519\trate\tp50_ms\tp90_ms\tp99_ms\tmax_ms\tsent\tok201\tother\trss_max_mib\thwm_mib\tserver_cpu_us\tserver_jit_us\tserver_gc_us\tserver_sys_us\tclient_cpu_us\tload_before\tload_after\n' >"$results"

for store in $stores; do
  [ "$store" = postgres ] && [ -z "$pg_dir" ] && start_postgres
  for provider in ${providers//,/ }; do
    tag="$store-$provider"
    data="$work/data-$tag"
    port="$(pick_port)"
    # The server admits only first keys agreed beforehand: the generator derives the parties' keys
    # from this seed, writes them as the first-keys file, and registers them in the load run.
    seed="$((RANDOM * 32768 + RANDOM + 1))"
    "$JAVA" -cp "$bench_jar" org.countersign.bench.load.SubmitLoad first-keys --seed "$seed" "$work/first-keys-$tag.txt"
    serve_args=(serve --data "$data" --port "$port" --first-keys "$work/first-keys-$tag.txt" ${SERVE_OPTS:-})
    if [ "$store" = postgres ]; then
      runuser -u postgres -- "$pg_bin/psql" -h "$pg_dir" -p "$pg_port" -U postgres -qc "DROP DATABASE IF EXISTS cs_${provider//-/_}" -c "CREATE DATABASE cs_${provider//-/_}" >/dev/null
      serve_args+=(--postgres "jdbc:postgresql://127.0.0.1:$pg_port/cs_${provider//-/_}?user=postgres")
    fi
    verify_rate="$(calibrate || true)"
    load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "== $tag: load average before: $load_before; openssl Ed25519 verify/s on one core now: ${verify_rate:-n/a}" >&2
    echo "$tag: openssl speed ed25519 verify/s before the run: ${verify_rate:-n/a}" >>"$run/machine.txt"
    # shellcheck disable=SC2086
    "${nice_cmd[@]}" "$JAVA" --enable-native-access=ALL-UNNAMED -Dcountersign.ed25519="$provider" ${SERVER_JAVA_OPTS:-} \
      -jar "$cli_jar" "${serve_args[@]}" >"$run/server-$tag.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 120); do
      curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
      kill -0 "$server_pid" 2>/dev/null || { echo "server exited; see $run/server-$tag.log" >&2; tail -5 "$run/server-$tag.log" >&2; exit 1; }
      sleep 0.5
    done
    sample_rss "$server_pid" "$run/rss-$tag.txt" &
    sampler=$!
    pg_before="$(pg_ticks)"
    # shellcheck disable=SC2086
    timeout $((warmup + duration + 600)) "${nice_cmd[@]}" "$JAVA" ${LOAD_JAVA_OPTS:-} -cp "$bench_jar" org.countersign.bench.load.SubmitLoad \
      --server "http://127.0.0.1:$port/" --connections "$connections" --rate "$rate" \
      --warmup "$warmup" --duration "$duration" --server-pid "$server_pid" --seed "$seed" | tee "$run/load-$tag.txt" >&2 || echo "load generator failed" >&2
    load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
    pg_after="$(pg_ticks)"
    hwm="$(awk '/^VmHWM:/ {print $2}' "/proc/$server_pid/status" 2>/dev/null || echo 0)"
    curl -sf "http://127.0.0.1:$port/metrics" >"$run/metrics-$tag.txt" 2>/dev/null || true
    kill "$server_pid" 2>/dev/null || true
    timeout 60 tail --pid="$server_pid" -f /dev/null || kill -9 "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
    wait "$sampler" 2>/dev/null || true
    rss="$(cat "$run/rss-$tag.txt" 2>/dev/null || echo 0)"
    line="$(grep '^RESULT ' "$run/load-$tag.txt" || true)"
    get() { local v; v="$(echo "$line" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k {print $2}')"; echo "${v:-0}"; }
    other=$(( $(get dup200) + $(get pending202) + $(get refused4xx) + $(get pushback503) + $(get errors) ))
    sent="$(get sent)"
    server_us="$(get server_cpu_us)"
    client_us="$(get client_cpu_us)"
    pg_us="$(awk -v d="$((pg_after - pg_before))" -v t="$ticks" -v n="$sent" 'BEGIN { printf("%.0f", n > 0 ? d / t * 1e6 / n : 0) }')"
    [ "$store" = postgres ] && client_us="$client_us, PostgreSQL (whole run) $pg_us"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$store" "$provider" "$(get rate)" "$(get p50_ms)" \
      "$(get p90_ms)" "$(get p99_ms)" "$(get max_ms)" "$sent" "$(get ok201)" "$other" \
      "$((rss / 1024))" "$((hwm / 1024))" "$server_us" "$(get server_jit_us)" "$(get server_gc_us)" "$(get server_sys_us)" \
      "$client_us" "$load_before" "$load_after" >>"$results"
  done
done

{
  echo
  echo "| store | Ed25519 | statements/s | p50 / p90 / p99 / max submit->receipt (ms) | sent | integrated | other answers | server RSS max / VmHWM (MiB) | CPU per statement in the window, server (of it: JIT compiler / GC threads / kernel) / generator (us) | load avg before -> after |"
  echo "|---|---|---:|---|---:|---:|---:|---|---|---|"
  tail -n +2 "$results" | while IFS=$'\t' read -r s p r p50 p90 p99 mx sent ok other rss hwm scpu sjit sgc ssys ccpu lb la; do
    echo "| $s | $p | $r | $p50 / $p90 / $p99 / $mx | $sent | $ok | $other | $rss / $hwm | $scpu ($sjit / $sgc / $ssys) / $ccpu | $lb -> $la |"
  done
  echo
  echo "raw output: ${run#"$here"/}"
} | tee "$run/summary.md"
