#!/usr/bin/env bash
# Read path: tile requests per second from the log server, next to nginx serving the same tile
# files from disk, in the same run and with the same wrk load. Reproduces the read-path table of
# docs/benchmarks.md ("Log server").
#
# Steps: start the real server (CLI jar, `countersign serve`, SQLite) on loopback; fill it with
# statements (SubmitLoad); mirror every tile and entry bundle the published checkpoint covers into
# a directory (curl, C2SP tlog-tiles paths); start a private nginx on that directory (Debian's
# package, its own config and pid file, worker_processes auto, sendfile, no access log); run wrk
# over the same list of tile paths against both, alternating, ROUNDS times; print the table.
#
# Usage: bench/run-read-path.sh [--no-build] [--entries N] [--connections C] [--duration S] [--rounds R]
#                                [--kind all|hash|entries]
#   --entries      statements to log first (default 60000; ~235 full tiles of each kind)
#   --kind         which tiles wrk requests: all (default), hash tiles only (8 KiB), entry bundles only
#   --connections  wrk connections (default 64); wrk runs 2 threads
#   --duration     seconds per wrk run (default 15)
#   --rounds       alternations ours/nginx (default 2)
# Environment: SERVER_JAVA_OPTS, LOAD_JAVA_OPTS as in run-server-load.sh.
# Needs: wrk, nginx, curl (apt-get install -y wrk nginx curl). Loopback only; bounded in time.
set -euo pipefail
# BENCH_NICE=-20 runs the server, the generator (and PostgreSQL, wrk, nginx) ahead of other processes.
nice_cmd=()
[ -n "${BENCH_NICE:-}" ] && nice_cmd=(nice -n "$BENCH_NICE")

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli_jar="$here/countersign-cli/target/countersign.jar"
bench_jar="$here/countersign-bench/target/benchmarks.jar"
build=1
entries=60000
connections=64
duration=15
rounds=2
kind=all
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --entries) entries="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --kind) kind="$2"; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || { echo "needs $tool: apt-get install -y wrk nginx curl" >&2; exit 1; }
done
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

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

run="$here/bench-results/read-path-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$run"
work="$(mktemp -d /tmp/countersign-read.XXXXXX)"
chmod 755 "$work"
server_pid=""
nginx_conf="$work/nginx.conf"
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && "$NGINX" -c "$nginx_conf" -p "$work" -s stop 2>/dev/null || true
  sleep 0.5
  rm -rf "$work"
}
trap cleanup EXIT

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(cd "$here" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
  echo "java: $("$JAVA" -version 2>&1 | head -1)"
  echo "nginx: $("$NGINX" -v 2>&1)"
  echo "wrk: $(wrk --version 2>&1 | head -1 | awk '{print $2}')"
  echo "openssl speed ed25519 verify/s on one core now (machine calibration): $(openssl speed -seconds 2 ed25519 2>/dev/null | awk '/EdDSA \(Ed25519\)/ {print $NF; exit}')"
  echo "options: kind=$kind entries=$entries connections=$connections duration=${duration}s rounds=$rounds SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-} BENCH_NICE=${BENCH_NICE:-}"
} | tee "$run/machine.txt" >&2

port=$((20000 + RANDOM % 20000))
nginx_port=$((port + 1))
# The key ceremony: the fill's keys (from its seed) are the agreed first keys.
seed=$((RANDOM * 32768 + RANDOM + 1))
"$JAVA" -cp "$bench_jar" org.countersign.bench.load.SubmitLoad first-keys --seed "$seed" "$work/first-keys.txt"
# shellcheck disable=SC2086
"${nice_cmd[@]}" "$JAVA" --enable-native-access=ALL-UNNAMED ${SERVER_JAVA_OPTS:-} -jar "$cli_jar" serve --data "$work/data" --port "$port" \
  --first-keys "$work/first-keys.txt" >"$run/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 120); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "server exited; see $run/server.log" >&2; exit 1; }
  sleep 0.5
done

echo "filling the log with $entries statements..." >&2
# shellcheck disable=SC2086
timeout 1200 "${nice_cmd[@]}" "$JAVA" ${LOAD_JAVA_OPTS:-} -cp "$bench_jar" org.countersign.bench.load.SubmitLoad \
  --server "http://127.0.0.1:$port/" --connections 256 --statements "$entries" --warmup 0 --duration 1000 \
  --sample 0 --seed "$seed" >"$run/fill.txt" 2>&1 || { tail -5 "$run/fill.txt" >&2; exit 1; }
size="$(curl -sf "http://127.0.0.1:$port/checkpoint" | sed -n 2p)"
echo "published tree size: $size" | tee -a "$run/machine.txt" >&2

# Produces every tile path for a tree of $1 entries: hash tiles of each level, then entry bundles.
tile_paths() {
  local s="$1" level=0 hashes="$1" n
  while [ "$hashes" -gt 0 ]; do
    for ((n = 0; n < hashes / 256; n++)); do echo "tile/$level/$(c2sp_index "$n")"; done
    [ $((hashes % 256)) -gt 0 ] && echo "tile/$level/$(c2sp_index $((hashes / 256))).p/$((hashes % 256))"
    hashes=$((hashes / 256)); level=$((level + 1))
  done
  for ((n = 0; n < s / 256; n++)); do echo "tile/entries/$(c2sp_index "$n")"; done
  [ $((s % 256)) -gt 0 ] && echo "tile/entries/$(c2sp_index $((s / 256))).p/$((s % 256))"
  return 0
}
# C2SP tlog-tiles index encoding: groups of three digits, all but the last prefixed with "x".
c2sp_index() {
  local n="$1" parts=() p
  parts=("$(printf '%03d' $((n % 1000)))")
  n=$((n / 1000))
  while [ "$n" -gt 0 ]; do parts=("x$(printf '%03d' $((n % 1000)))" "${parts[@]}"); n=$((n / 1000)); done
  (IFS=/; echo "${parts[*]}")
}

tile_paths "$size" >"$run/paths.txt"
echo "mirroring $(wc -l <"$run/paths.txt") tiles for nginx..." >&2
mkdir -p "$work/www"
while read -r p; do
  curl -sf --create-dirs -o "$work/www/$p" "http://127.0.0.1:$port/$p" || { echo "cannot fetch /$p from our server" >&2; exit 1; }
done <"$run/paths.txt"
curl -sf -o "$work/www/checkpoint" "http://127.0.0.1:$port/checkpoint"
chmod -R a+rX "$work/www"
bytes="$(du -sb "$work/www" | cut -f1)"
echo "mirrored $bytes bytes" | tee -a "$run/machine.txt" >&2

cat >"$nginx_conf" <<EOF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  default_type application/octet-stream;
  client_body_temp_path $work/nginx-tmp;
  proxy_temp_path $work/nginx-tmp;
  fastcgi_temp_path $work/nginx-tmp;
  uwsgi_temp_path $work/nginx-tmp;
  scgi_temp_path $work/nginx-tmp;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    location /tile/ { add_header Cache-Control "public, max-age=31536000, immutable"; }
  }
}
EOF
mkdir -p "$work/nginx-tmp"
"${nice_cmd[@]}" "$NGINX" -c "$nginx_conf" -p "$work" -g 'user root;' 2>>"$run/nginx.log"
sleep 0.5
first="$(head -1 "$run/paths.txt")"
cmp <(curl -sf "http://127.0.0.1:$port/$first") <(curl -sf "http://127.0.0.1:$nginx_port/$first") \
  || { echo "nginx and the server answer /$first differently" >&2; exit 1; }

case "$kind" in
  all) cp "$run/paths.txt" "$run/load-paths.txt" ;;
  hash) grep -v '^tile/entries/' "$run/paths.txt" >"$run/load-paths.txt" ;;
  entries) grep '^tile/entries/' "$run/paths.txt" >"$run/load-paths.txt" ;;
  *) echo "--kind: all, hash or entries" >&2; exit 2 ;;
esac
cat >"$work/paths.lua" <<EOF
local paths = {}
for line in io.lines("$run/load-paths.txt") do paths[#paths + 1] = "/" .. line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout, summary.errors.status))
end
EOF

max_rss=0
results="$run/results.tsv"
printf 'round\ttarget\trps\tp50_ms\tp99_ms\terrors\ttransfer\tload\n' >"$results"
for round in $(seq "$rounds"); do
  for target in countersign nginx; do
    p="$port"; [ "$target" = nginx ] && p="$nginx_port"
    "${nice_cmd[@]}" wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$work/paths.lua" "http://127.0.0.1:$p" >"$run/wrk-$target-$round.txt" 2>&1 &
    wrk_pid=$!
    while kill -0 "$wrk_pid" 2>/dev/null; do
      v="$(awk '/^VmRSS:/ {print $2}' "/proc/$server_pid/status" 2>/dev/null || echo 0)"
      [ "$v" -gt "$max_rss" ] && max_rss="$v"
      sleep 1
    done
    wait "$wrk_pid" || true
    line="$(grep '^RESULT ' "$run/wrk-$target-$round.txt" || echo "RESULT rps=0")"
    get() { local v; v="$(echo "$line" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k {print $2}')"; echo "${v:-0}"; }
    transfer="$(awk '/^Transfer\/sec/ {print $2}' "$run/wrk-$target-$round.txt")"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$target" "$(get rps)" "$(get p50_ms)" "$(get p99_ms)" \
      "$(( $(get errors) + $(get non2xx) ))" "${transfer:-n/a}" "$(cut -d' ' -f1 /proc/loadavg)" >>"$results"
    echo "round $round $target: $(get rps) req/s" >&2
  done
done
hwm="$(awk '/^VmHWM:/ {print $2}' "/proc/$server_pid/status" 2>/dev/null || echo 0)"

{
  echo
  echo "| round | server | tile requests/s | bytes/s | p50 / p99 latency (ms) | errors | load avg (1 min) |"
  echo "|---|---|---:|---:|---|---:|---:|"
  tail -n +2 "$results" | while IFS=$'\t' read -r r t rps p50 p99 err xfer load; do
    echo "| $r | $t | $rps | $xfer | $p50 / $p99 | $err | $load |"
  done
  awk -F'\t' 'NR > 1 { s[$2] += $3; n[$2]++ } END {
    o = s["countersign"] / n["countersign"]; g = s["nginx"] / n["nginx"];
    printf("\nmean: countersign %.0f req/s, nginx %.0f req/s, ratio %.2f (target >= 0.50)\n", o, g, g > 0 ? o / g : 0) }' "$results"
  echo "server RSS during the tile load: max $((max_rss / 1024)) MiB (VmHWM over the whole run, filling included: $((hwm / 1024)) MiB)"
  echo "tree size $size, $(wc -l <"$run/load-paths.txt") tile paths requested (--kind $kind), wrk -t2 -c$connections -d${duration}s"
  echo "raw output: ${run#"$here"/}"
} | tee "$run/summary.md"
