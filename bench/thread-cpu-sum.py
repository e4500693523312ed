#!/usr/bin/env python3
"""The server's CPU by kind of thread (JIT compiler, GC, the rest) between two moments.

Usage: bench/thread-cpu-sum.py OUT FROM_S TO_S   (seconds after the first sample of bench/thread-cpu.sh)"""
import sys, collections, re
rows = [l.rstrip('\n').split('|') for l in open(sys.argv[1]) if l.count('|') == 2]
snap = collections.defaultdict(dict)
for t, name, ticks in rows:
  if ticks: snap[int(t)][name + '#' + str(len(snap[int(t)]))] = int(ticks)
times = sorted(snap)
def cls(n):
  n = n.split('#')[0]
  if 'Compiler' in n: return 'JIT compiler'
  if n.startswith('GC Thread') or n.startswith('G1'): return 'GC'
  return 'other (Java threads, VM)'
# per class totals at each time (threads may appear/disappear; sum of present threads)
tot = {t: collections.Counter() for t in times}
for t in times:
  for n, v in snap[t].items(): tot[t][cls(n)] += v
# window: start = first time + offset, length
a = int(sys.argv[2]); b = int(sys.argv[3])
ta = min(times, key=lambda x: abs(x - (times[0] + a))); tb = min(times, key=lambda x: abs(x - (times[0] + b)))
d = {k: tot[tb][k] - tot[ta][k] for k in set(tot[ta]) | set(tot[tb])}
s = sum(d.values())
print(f"window {ta - times[0]}..{tb - times[0]} s after the first snapshot: {s} ticks")
for k, v in sorted(d.items(), key=lambda x: -x[1]): print(f"  {k}: {v} ticks, {100 * v / max(s, 1):.1f} %")
