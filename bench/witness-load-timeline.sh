#!/usr/bin/env bash
# Lines up, second by second (UTC wall clock), what part B of bench/run-witness-load.sh saw on both
# sides: from the log server's log, the entries made durable (batch_integrated), the witness rounds
# that completed and their mean and longest time; from the generator's TIMELINE lines, the
# submissions due so far, those waiting for a free connection, those on the wire and those answered.
# Usage: bench/witness-load-timeline.sh bench-results/witness-load-<stamp>
set -euo pipefail
run="${1:?usage: $0 RUN_DIR}"
[ -f "$run/b-log.err" ] || { echo "no $run/b-log.err" >&2; exit 2; }
{
  awk '/event=batch_integrated/ {
         t = substr($1, 12, 8); n = $0; sub(/.*entries=/, "", n); sub(/ .*/, "", n)
         print t, "D", n }
       /event=checkpoint_cosigned/ && /countersign-publication/ {
         t = substr($1, 12, 8); r = $0; sub(/.*round_ms=/, "", r); sub(/ .*/, "", r)
         print t, "R", r }' "$run/b-log.err"
  cat "$run"/b-latency-*.txt 2>/dev/null | awk '/^TIMELINE/ {
         for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
         s = int(v["epoch_ms"] / 1000)
         cmd = "date -u -d @" s " +%H:%M:%S"; cmd | getline t; close(cmd)
         print t, "G", v["due"], v["waiting_for_connection"], v["in_flight"], v["answered"] }'
} | sort -s -k1,1 | awk '
  function flush() {
    if (cur == "") return
    printf "%s %9d %7d %9.0f %9d %9s %9s %9s %9s\n", cur, durable, rounds, rounds ? rsum / rounds : 0, rmax, g[1], g[2], g[3], g[4]
  }
  BEGIN { printf "%-8s %9s %7s %9s %9s %9s %9s %9s %9s\n", "utc", "durable/s", "rounds", "round_ms", "round_max", "due", "wait_conn", "in_flight", "answered" }
  { if ($1 != cur) { flush(); cur = $1; durable = 0; rounds = 0; rsum = 0; rmax = 0; g[1] = g[2] = g[3] = g[4] = "-" } }
  $2 == "D" { durable += $3 }
  $2 == "R" { rounds++; rsum += $3; if ($3 > rmax) rmax = $3 }
  $2 == "G" { g[1] = $3; g[2] = $4; g[3] = $5; g[4] = $6 }
  END { flush() }'
