#!/usr/bin/env python3
"""Where the log server's CPU and allocation go, from a JFR recording of it under submission load.

Usage: bench/jfr-groups.py server.jfr [alloc]
Groups the execution samples (and, with "alloc", the allocation samples by weight): each sample
is counted once, in the first group (in the order below) that any frame of its stack matches, so
SHA-512 inside a verification counts as Ed25519 and "HTTP" is Jetty's and Javalin's work outside
the handler's steps plus the socket write of the answer. JFR samples Java threads only: GC and JIT
compiler threads are not in these shares (see docs/benchmarks.md, "seventh pass, server CPU", for
how they were measured). Prints the groups as Markdown rows, then the top frames and threads."""
import subprocess, sys, re, collections
import os
JFR = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "jfr")
GROUPS = [
  ("Ed25519: fenced verifier (BouncyCastle field arithmetic, SHA-512 of the challenge)", ["BcEd25519NoteVerifier", "EdwardsPoints", "org.bouncycastle.math"]),
  ("store (SQLite / PostgreSQL JDBC)", ["org.sqlite", "org.postgresql", "countersign.store.sqlite", "countersign.store.postgres", "com.zaxxer"]),
  ("timers (deadline sweep)", ["WaitDeadlines"]),
  ("statement decoding (note, codec, template, admission)", ["EntryDecoder", "StatementCodec", "Templates.", "note.Note.", "AdmissionCheck", "CanonicalJson", "CanonicalReader", "RecordJson", "StatementValidator", "SigningRule", "KeyRegistry", "Admission."]),
  ("compliance follower", ["compliance."]),
  ("hashing (identity, leaf, Merkle, tiles, proofs)", ["Rfc6962", "Hash.sha256", "ProofSource", "merkle.", "tile."]),
  ("sequencer, checkpoint signing, publication", ["sequence.", "publish.", "Checkpoint"]),
  ("HTTP: Jetty, Javalin, sockets", ["Bodies.write"]),
  ("receipt answer (JSON body)", ["receiptBody", "answerReceipt", "Json.send", "EscapedCheckpoint"]),
  ("logging", ["ch.qos.logback", "org.slf4j"]),
  ("HTTP: Jetty, Javalin, sockets", ["org.eclipse.jetty", "io.javalin", "sun.nio", "jakarta.servlet", "SubmissionRoutes"]),
]
def events(path, name):
  out = subprocess.run([JFR, "print", "--events", name, "--stack-depth", "300", path], capture_output=True, text=True).stdout
  for block in out.split(name + " {")[1:]:
    m = re.search(r"stackTrace = \[(.*?)\n\s*\]", block, re.S)
    frames = [re.sub(r"\(.*", "", l.strip()) for l in m.group(1).splitlines() if l.strip() and l.strip() != "..."] if m else []
    w = 1
    wm = re.search(r"weight = ([\d.,]+) ?(bytes|kB|MB|GB)?", block)
    if wm:
      v = float(wm.group(1).replace(",", "")); u = wm.group(2) or "bytes"
      w = v * {"bytes":1, "kB":1024, "MB":1024**2, "GB":1024**3}[u]
    t = re.search(r'(?:sampledThread|eventThread) = "([^"]*)"', block)
    yield frames, w, (t.group(1) if t else "?")
def group(frames):
  for g, keys in GROUPS:
    for f in frames:
      if any(k in f for k in keys):
        return g
  return "other"
def report(path, name, unit):
  tot = 0; by = collections.Counter(); top = collections.Counter(); threads = collections.Counter()
  for frames, w, th in events(path, name):
    tot += w; by[group(frames)] += w
    if frames: top[re.sub(r"\(.*", "", frames[0])] += w
    threads[re.sub(r"\d+", "N", th)] += w
  print(f"## {name}: total {tot:,.0f} {unit}")
  for g in dict.fromkeys([g for g, _ in GROUPS] + ["other"]):
    print(f"| {g} | {100*by[g]/max(tot,1):.1f} % |")
  print("top frames:"); [print(f"  {100*v/max(tot,1):5.1f} % {k}") for k, v in top.most_common(25)]
  print("threads:"); [print(f"  {100*v/max(tot,1):5.1f} % {k}") for k, v in threads.most_common(8)]
path = sys.argv[1]
report(path, "jdk.ExecutionSample", "samples")
if len(sys.argv) > 2:
  report(path, "jdk.ObjectAllocationSample", "bytes (weight)")
