#!/usr/bin/env bash
# Reproduces docs/benchmarks.md, "Portal: time to first chart": the overview of the demo (New START
# 2011-2023) opened in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright; no
# browser is downloaded) by fresh profiles, each a new reader and then a returning one.
#
# Usage: bench/run-portal-first-chart.sh [ROUNDS]   (default 5)
#
# It starts `./countersign demo --data DIR --port PORT` (DIR defaults to target/first-chart-demo, PORT
# to 18180; filled on the first run, which takes minutes and is not measured), waits until the
# server has replayed its log and warmed the overview's series, measures, prints the load average
# before and after, and stops the demo. Needs the test classes of countersign-cli
# (`./mvnw -B -ntp -pl countersign-cli -am test-compile`, which the script runs when its class path
# file is missing) and a JDK 21 or newer (JAVA_HOME, else the java on PATH).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-5}"
dir="${FIRST_CHART_DATA:-$here/target/first-chart-demo}"
port="${FIRST_CHART_PORT:-18180}"
cp_file="$here/countersign-cli/target/first-chart.classpath"

cd "$here"
if [ ! -s "$cp_file" ] || [ "$here/countersign-cli/pom.xml" -nt "$cp_file" ]; then
  # With the reactor's own modules (their target/classes), hence test-compile in the same run.
  ./mvnw -B -q -ntp -o -pl countersign-cli -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/first-chart.classpath >/dev/null
fi
mkdir -p "$(dirname "$dir")"
./countersign demo --data "$dir" --port "$port" >"$dir.out" 2>&1 &
demo=$!
trap 'kill "$demo" 2>/dev/null; wait "$demo" 2>/dev/null || true' EXIT
for _ in $(seq 1200); do
  grep -q "Serving until" "$dir.out" 2>/dev/null && break
  kill -0 "$demo" 2>/dev/null || { cat "$dir.out" >&2; exit 1; }
  sleep 1
done
# The compliance follower replays the log, then computes today's series when idle: wait for both.
today="$(date -u +%F)"
for _ in $(seq 300); do
  code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/compliance/series?at=$today")"
  [ "$code" = 200 ] && break
  sleep 1
done
sleep 5
entries="$(curl -s "http://127.0.0.1:$port/api/v1/log" | sed -n 's/.*"size":\([0-9]*\).*/\1/p' | head -1)"
echo "demo: $dir, $entries entries, http://127.0.0.1:$port/"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(chromium --version 2>/dev/null)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$here/countersign-cli/target/test-classes:$here/countersign-cli/target/classes:$(cat "$cp_file")" \
  org.countersign.cli.portal.FirstChartTiming "http://127.0.0.1:$port/" "$rounds"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
