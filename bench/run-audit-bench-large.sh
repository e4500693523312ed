#!/usr/bin/env bash
# Audit speed on a large log: `countersign audit` against the Go reference client (bench/go-audit)
# auditing the same made-up log of N statements, served from memory on 127.0.0.1 by the audit's
# training class (AuditTraining --serve N: two parties' key registrations, then change
# notifications with some declarations and data exchanges, every one signed), alternately, RUNS
# times each. Prints each run's wall time, CPU (user + system) and peak RSS, and the load average
# before and after.
#
#   bench/run-audit-bench-large.sh [N [RUNS]]   (default 1000000 statements, 1 run; needs go,
#                                                golang-golang-x-mod-dev and the CLI jar)
#
# Making a million-statement log takes one to two minutes and about 3 GiB of heap; it is not timed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-1000000}"
runs="${2:-1}"
jar="$here/countersign-cli/target/countersign.jar"
work="$(mktemp -d)"
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

(cd "$here/bench/go-audit" && GO111MODULE=off GOPATH="$work/gopath:${COUNTERSIGN_GOCODE:-/usr/share/gocode}" \
  GOCACHE="$work/gocache" go build -o "$work/goaudit" .)
[ -f "$jar" ] || "$here/countersign" --help >/dev/null
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

"$java" -Xmx8g -cp "$jar" org.countersign.cli.AuditTraining --serve "$n" >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 1 900); do
  [ -s "$work/serve.out" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
  sleep 1
done
read -r url vkey <"$work/serve.out"

# The audit's start-up cache is made in the background on first use; make it now, untimed.
"$here/countersign" audit --help >/dev/null
for _ in $(seq 1 180); do
  ls "$here"/countersign-cli/target/aot/audit-*.training >/dev/null 2>&1 || break
  sleep 1
done

echo "log: $n statements (+2 key registrations) at $url; nproc $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
timed() { # prints "wall cpu rss_mib" of the command
  /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" \
    || { echo "countersign: the timed command failed: $* ($(tail -1 "$work/err"))" >&2; exit 1; }
  tail -1 "$work/t" | awk '{printf "%.2f %.2f %d\n", $1, $2 + $3, $4 / 1024}'
}
for i in $(seq 1 "$runs"); do
  read -r j jc jm < <(timed "$here/countersign" audit --server "$url" --vkey "$vkey" -q)
  echo "run $i: countersign audit $j s wall, $jc s CPU, $jm MiB"
  read -r g gc gm < <(timed "$work/goaudit" "$url" "$vkey")
  echo "run $i: go reference  $g s wall, $gc s CPU, $gm MiB"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
