#!/bin/bash
# Samples the CPU of each thread of a running `countersign serve` (found by its jar path) every 2 s,
# appending "unix time|thread name|utime+stime ticks" to OUT, so that the JIT compiler and GC threads,
# which JFR does not sample, can be told apart (bench/thread-cpu-sum.py). Stop it with kill.
# Usage: bench/thread-cpu.sh JAR OUT &
jar="$1"; out="$2"
while :; do
  pid=$(pgrep -f "$jar serve" | head -1)
  if [ -n "$pid" ]; then
    now=$(date +%s)
    for t in /proc/$pid/task/*; do echo "$now|$(cat $t/comm 2>/dev/null)|$(awk '{print $14+$15}' $t/stat 2>/dev/null)"; done >> "$out" 2>/dev/null
    echo "$now $(awk '{print $14+$15}' /proc/$pid/stat 2>/dev/null)" >> "$out.total"
  fi
  sleep 2
done
