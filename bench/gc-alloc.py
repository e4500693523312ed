#!/usr/bin/env python3
"""Allocation and GC pause time of a JVM between two uptimes, from its -Xlog:gc log.

Usage: bench/gc-alloc.py gc.log FROM_S TO_S   (log written with -Xlog:gc:file=gc.log:uptime)
What was allocated between two young collections is the heap before the second minus the heap
after the first; the sum over the collections in the window, divided by the statements the load
generator counted in it, is the allocation per statement."""
import sys, re
a, b = float(sys.argv[2]), float(sys.argv[3])
prev_after = None; alloc = 0.0; pauses = 0.0; n = 0; first = last = None
for l in open(sys.argv[1]):
  m = re.search(r"\[(\d+\.\d+)s\].*Pause.* (\d+)M->(\d+)M\((\d+)M\) (\d+\.\d+)ms", l)
  if not m: continue
  t, before, after, ms = float(m.group(1)), int(m.group(2)), int(m.group(3)), float(m.group(5))
  if prev_after is not None and a <= t <= b:
    alloc += before - prev_after; pauses += ms; n += 1
    first = first or t; last = t
  prev_after = after
span = (last - first) if first and last and last > first else (b - a)
print(f"{n} GCs between {a} and {b} s: {alloc:.0f} MiB allocated ({alloc/span:.0f} MiB/s over {span:.1f} s), pauses {pauses:.0f} ms")
