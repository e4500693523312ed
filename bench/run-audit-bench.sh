#!/usr/bin/env bash
# Audit speed: `countersign audit` against the Go reference client (golang.org/x/mod/sumdb/note and
# tlog, bench/go-audit) auditing the same demo log in the same run, alternately, RUNS times each.
# Prints each run's wall time, CPU and peak RSS, the best of each, and the load average before and
# after.
#
#   bench/run-audit-bench.sh [RUNS]        (default 3; needs go and golang-golang-x-mod-dev)
#
# The demo is started on a free port with its data in $AUDIT_BENCH_DATA (default
# /tmp/countersign-audit-bench), filled the first time, and stopped at the end.
#
# AUDIT_BENCH_BASELINE=DIR (optional): another checkout of this repository (an earlier commit, say
# `git worktree add DIR <commit>`); its `./countersign audit` runs first in each round, so that two
# versions and Go are timed alternately on the same log in the same minutes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
baseline="${AUDIT_BENCH_BASELINE:-}"
[ -z "$baseline" ] || [ -x "$baseline/countersign" ] \
  || { echo "AUDIT_BENCH_BASELINE=$baseline holds no ./countersign" >&2; exit 2; }
data="${AUDIT_BENCH_DATA:-/tmp/countersign-audit-bench}"
work="$(mktemp -d)"
trap 'kill "$demo_pid" 2>/dev/null || true; wait "$demo_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

(cd "$here/bench/go-audit" && GO111MODULE=off GOPATH="$work/gopath:${COUNTERSIGN_GOCODE:-/usr/share/gocode}" \
  GOCACHE="$work/gocache" go build -o "$work/goaudit" .)

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$here/countersign" demo --data "$data" --port "$port" >"$work/demo.out" 2>"$work/demo.err" &
demo_pid=$!
for _ in $(seq 1 600); do
  grep -q 'Serving until Ctrl-C' "$work/demo.out" 2>/dev/null && break
  kill -0 "$demo_pid" 2>/dev/null || { cat "$work/demo.err" >&2; exit 1; }
  sleep 1
done
vkey="$(sed -n "s/^  log key    //p" "$work/demo.out")"
url="http://127.0.0.1:$port"
echo "log: $(curl -s "$url/api/v1/log" | python3 -c 'import json,sys; print(json.load(sys.stdin)["size"])') entries; nproc $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# One untimed audit first per checkout: the launcher makes the audit's start-up cache in the
# background after it (a training run, docs/cli.md); wait for it so that no timed run shares the
# cores with it.
warm() { # the checkout's root
  "$1/countersign" audit --server "$url" --vkey "$vkey" -q >/dev/null 2>&1 || true
  for _ in $(seq 1 180); do
    ls "$1"/countersign-cli/target/aot/audit-*.training >/dev/null 2>&1 || break
    sleep 1
  done
}
warm "$here"
[ -z "$baseline" ] || warm "$baseline"

# Each run: wall time (what the bars compare), CPU (user + system) and peak RSS, from /usr/bin/time
# where it exists.
timed() { # prints "wall cpu rss_mib" of the command
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" \
      || { echo "countersign: the timed command failed: $* ($(tail -1 "$work/err"))" >&2; exit 1; }
    tail -1 "$work/t" | awk '{printf "%.2f %.2f %d\n", $1, $2 + $3, $4 / 1024}' 
  else
    local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || exit 1; e=$(date +%s.%N)
    echo "$(echo "$e - $s" | bc) - -"
  fi
}
best_java=999999; best_go=999999
for i in $(seq 1 "$runs"); do
  if [ -n "$baseline" ]; then
    read -r b bc bm < <(timed "$baseline/countersign" audit --server "$url" --vkey "$vkey" -q)
    echo "run $i: baseline audit   $b s wall, $bc s CPU, $bm MiB ($baseline)"
  fi
  read -r j jc jm < <(timed "$here/countersign" audit --server "$url" --vkey "$vkey" -q)
  echo "run $i: countersign audit $j s wall, $jc s CPU, $jm MiB"
  read -r g gc gm < <(timed "$work/goaudit" "$url" "$vkey")
  echo "run $i: go reference  $g s wall, $gc s CPU, $gm MiB"
  best_java=$(echo "if ($j < $best_java) $j else $best_java" | bc)
  best_go=$(echo "if ($g < $best_go) $g else $best_go" | bc)
done
echo "best: countersign audit $best_java s, go reference $best_go s; speed ratio (go time / java time) $(echo "scale=2; $best_go / $best_java" | bc)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
