#!/usr/bin/env bash
# Reproduces docs/benchmarks.md: builds the JMH jar, measures this machine's own ceilings with
# `openssl speed` (SHA-256, Ed25519), runs the log and escrow benchmarks next to them, and prints a
# summary whose ratios divide our throughput by OpenSSL's, measured in the same run.
#
# Usage: bench/run-log-benchmarks.sh [--no-build] [GROUP...]
#        bench/run-log-benchmarks.sh --summarize bench-results/<run>
#   GROUP is one of: sha merkle proof note escrow (default: all, about 18 minutes on 2 cores).
#
# Environment:
#   JMH_OPTS         JMH settings of every benchmark but the single-shot escrow commits (default:
#                    -f 1 -wi 2 -i 5 -w 2s -r 2s; five 2 s samples give a far tighter 99.9% error
#                    than three 3 s ones, whose Student t factor is 31.6, for the same time)
#   ESCROW_JMH_OPTS  JMH settings of the single-shot escrow commits (default: -f 1 -wi 1 -i 5)
#   OPENSSL_SECONDS  seconds per `openssl speed` measurement (default 3)
#   BENCH_NICE       run OpenSSL and JMH under `nice -n BENCH_NICE` (e.g. -20, needs root), ahead of
#                    other processes; it cannot help against contention the OS does not schedule
#                    (a busy SMT sibling, other guests on the host)
#
# Raw output goes to bench-results/<UTC timestamp>/ (gitignored): machine.txt, loads.txt, the
# OpenSSL output, one JMH log and CSV per group, and summary.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/countersign-bench/target/benchmarks.jar"
JMH_OPTS="${JMH_OPTS:--f 1 -wi 2 -i 5 -w 2s -r 2s}"
ESCROW_JMH_OPTS="${ESCROW_JMH_OPTS:--f 1 -wi 1 -i 5}"
OPENSSL_SECONDS="${OPENSSL_SECONDS:-3}"
BENCH_NICE="${BENCH_NICE:-}"
ALL_GROUPS=(sha merkle proof note escrow)
SHA_SIZES="16 64 256 1024 8192 16384" # openssl speed's block sizes
SHA_OPENSSL_RUNS=3                     # per size: two right before the JMH run, one right after

# ---------------------------------------------------------------------------------------------
# Summary: reads one run directory and prints markdown tables. Kept free of state from the run so
# that `--summarize DIR` reprints an old run.

# Rows of a JMH CSV as tab-separated "method score error unit param...", quotes removed.
csv_rows() {
  awk -F',' 'NR > 1 {
      gsub(/["\r]/, "")
      n = split($1, parts, ".")
      row = parts[n] "\t" $5 "\t" $6 "\t" $7
      for (i = 8; i <= NF; i++) row = row "\t" $i
      print row
    }' "$1"
}

# OpenSSL SHA-256 bytes/s at block size $2, from the -mr output file $1 ("+H:sizes", "+F:...").
openssl_sha_bps() {
  awk -F':' -v want="$2" '
    /^\+H:/ { for (i = 2; i <= NF; i++) size[i] = $i }
    /^\+F:[0-9]+:sha256:/ { for (i = 4; i <= NF; i++) if (size[i - 2] == want) print $i }
  ' "$1" | tail -1
}

# OpenSSL SHA-256 bytes/s for a custom size measured with -bytes (file $1 holds "+F:...:sha256:v").
openssl_custom_bps() {
  awk -F':' '/^\+F:[0-9]+:sha256:/ { v = $NF } END { print v }' "$1"
}

# Every OpenSSL SHA-256 bytes/s in a file of concatenated -mr runs, one a line.
openssl_custom_all() {
  awk -F':' '/^\+F:[0-9]+:sha256:/ { print $NF }' "$1"
}

# JMH's best measurement iteration (ops/s) of benchmark method $2 in the JMH log $1.
jmh_best() {
  [ -f "$1" ] || return 0
  awk -v m="$2" '
    /^# Benchmark: / { n = split($3, parts, "."); cur = parts[n] }
    /^Iteration / && cur == m { v = $3 + 0; if (v > best) best = v }
    END { if (best > 0) print best }
  ' "$1"
}

mb() { fmt "$(awk -v x="$1" 'BEGIN { if (x == "") print ""; else print x / 1e6 }')" 1; }

# Every OpenSSL Ed25519 rate of kind $2 (sign or verify) in the run directory $1, one a line: the
# machine-readable runs ("+F6:...:sign/s:verify/s") and the human-readable one ("... sign/s verify/s").
openssl_ed25519_all() {
  local f
  for f in "$1"/openssl-ed25519*.mr.txt; do
    [ -f "$f" ] && awk -F':' -v what="$2" '/^\+F6:.*:Ed25519:/ { print (what == "sign" ? $5 : $6) }' "$f"
  done
  [ -f "$1/openssl-ed25519.txt" ] && awk -v what="$2" '/EdDSA \(Ed25519\)/ { print (what == "sign" ? $(NF - 1) : $NF) }' "$1/openssl-ed25519.txt"
  return 0
}
mean_of() { awk '{ t += $1; n++ } END { if (n) print t / n }'; }
best_of() { sort -g | tail -1; }

fmt() { awk -v x="$1" -v d="${2:-0}" 'BEGIN { if (x == "" || tolower(x) ~ /nan|inf/) print "n/a"; else printf("%.*f", d, x) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0 || a == "") print "n/a"; else printf("%.2f", a / b) }'; }

summarize() {
  local run="$1"
  echo "# Benchmark summary: $(basename "$run")"
  echo
  if [ -f "$run/machine.txt" ]; then
    echo '```'
    cat "$run/machine.txt"
    [ -f "$run/loads.txt" ] && { echo "load averages (1/5/15 min) at each stage:"; cat "$run/loads.txt"; }
    echo '```'
    echo
  fi

  local sha_ossl="$run/openssl-sha256.mr.txt"
  if [ -f "$run/sha.csv" ]; then
    echo "## SHA-256 throughput: Rfc6962.leafHash vs openssl speed -evp sha256 (one core)"
    echo
    echo "Per size, OpenSSL ran $SHA_OPENSSL_RUNS times (\`openssl speed -evp sha256 -bytes N\`: twice right before"
    echo "the JMH run at that size, once right after). \"mean\" divides JMH's mean by OpenSSL's mean; \"best\""
    echo "divides JMH's best measurement iteration by OpenSSL's best run: on a machine shared with other"
    echo "work, interference only ever slows a sample down, so the best samples are the closest to an idle core."
    echo
    echo "| size (B) | leafHash MB/s (mean ± err) | leafHash best | jdkDigest mean | jdkDigestInto mean | OpenSSL MB/s mean | OpenSSL best | leafHash / OpenSSL, mean | leafHash / OpenSSL, best | jdkDigestInto / OpenSSL, best |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    local size
    for size in $SHA_SIZES; do
      local leaf leaferr jdk into leafbest intobest paired="$run/openssl-sha256-paired-$size.mr.txt" omean obest
      leaf=$(csv_rows "$run/sha.csv" | awk -F'\t' -v s="$size" '$1 == "leafHash" && $5 == s { print $2 * s }')
      leaferr=$(csv_rows "$run/sha.csv" | awk -F'\t' -v s="$size" '$1 == "leafHash" && $5 == s { print $3 * s }')
      jdk=$(csv_rows "$run/sha.csv" | awk -F'\t' -v s="$size" '$1 == "jdkDigest" && $5 == s { print $2 * s }')
      into=$(csv_rows "$run/sha.csv" | awk -F'\t' -v s="$size" '$1 == "jdkDigestInto" && $5 == s { print $2 * s }')
      leafbest=$(jmh_best "$run/sha-$size.log" leafHash | awk -v s="$size" '{ print $1 * s }')
      intobest=$(jmh_best "$run/sha-$size.log" jdkDigestInto | awk -v s="$size" '{ print $1 * s }')
      if [ -f "$paired" ]; then
        omean=$(openssl_custom_all "$paired" | awk '{ t += $1; n++ } END { if (n) print t / n }')
        obest=$(openssl_custom_all "$paired" | sort -g | tail -1)
      else # an older run without paired measurements: the plain run at the start
        omean=$(openssl_sha_bps "$sha_ossl" "$size")
        obest="$omean"
      fi
      local verdict=""
      if [ -n "$leafbest" ] && [ -n "$obest" ]; then
        verdict=$(awk -v a="$leafbest" -v b="$obest" 'BEGIN { print (a / b >= 0.70 ? " (meets 0.70)" : " (BELOW 0.70)") }')
      fi
      echo "| $size | $(mb "$leaf") ± $(mb "$leaferr") | $(mb "$leafbest") | $(mb "$jdk") | $(mb "$into")" \
        "| $(mb "$omean") | $(mb "$obest") | $(ratio "$leaf" "$omean") | $(ratio "$leafbest" "$obest")$verdict | $(ratio "$intobest" "$obest") |"
    done
    echo
    if [ -f "$sha_ossl" ]; then
      echo "Plain \`openssl speed -evp sha256\` at the start of the run (MB/s):$(for size in $SHA_SIZES; do printf ' %s B: %s;' "$size" "$(mb "$(openssl_sha_bps "$sha_ossl" "$size")")"; done)"
      echo
    fi
  fi

  if [ -f "$run/merkle.csv" ] && [ -f "$sha_ossl" ]; then
    local ops64
    ops64=$(awk -v b="$(openssl_sha_bps "$sha_ossl" 64)" 'BEGIN { print b / 64 }')
    echo "## Merkle root of n leaf hashes (n - 1 node hashes of 65 B = 2 SHA-256 blocks each)"
    echo
    echo "OpenSSL, 64-byte messages (also 2 blocks each): $(fmt "$ops64") hashes/s."
    echo
    echo "| method | n | ms/op (± err) | node hashes/s | / OpenSSL 64 B hashes/s |"
    echo "|---|---:|---:|---:|---:|"
    csv_rows "$run/merkle.csv" | sort -t$'\t' -k1,1 -k5,5n | while IFS=$'\t' read -r name score err unit n; do
      local rate
      rate=$(awk -v n="$n" -v ms="$score" 'BEGIN { print (n - 1) / (ms / 1000) }')
      echo "| $name | $n | $(fmt "$score" 3) ± $(fmt "$err" 3) | $(fmt "$rate") | $(ratio "$rate" "$ops64") |"
    done
    echo
  fi

  if [ -f "$run/proof.csv" ]; then
    echo "## Proofs at a 1,000,000-leaf tree (one core)"
    echo
    echo "| benchmark | ops/s (± err) | µs/op |"
    echo "|---|---:|---:|"
    csv_rows "$run/proof.csv" | while IFS=$'\t' read -r name score err unit _; do
      echo "| $name | $(fmt "$score") ± $(fmt "$err") | $(fmt "$(awk -v s="$score" 'BEGIN { print 1e6 / s }')" 2) |"
    done
    echo
  fi

  if [ -f "$run/note.csv" ] && [ -f "$run/openssl-ed25519.mr.txt" ]; then
    local sign_mean sign_best verify_mean verify_best
    sign_mean=$(openssl_ed25519_all "$run" sign | mean_of)
    sign_best=$(openssl_ed25519_all "$run" sign | best_of)
    verify_mean=$(openssl_ed25519_all "$run" verify | mean_of)
    verify_best=$(openssl_ed25519_all "$run" verify | best_of)
    echo "## Signed notes and Ed25519 vs openssl speed ed25519 (one core)"
    echo
    echo "OpenSSL Ed25519, $(openssl_ed25519_all "$run" sign | wc -l) runs around the JMH run: sign/s$(openssl_ed25519_all "$run" sign | awk '{ printf(" %.0f", $1) }')," \
      "verify/s$(openssl_ed25519_all "$run" verify | awk '{ printf(" %.0f", $1) }')."
    echo "Means: $(fmt "$sign_mean") sign/s, $(fmt "$verify_mean") verify/s; best: $(fmt "$sign_best") sign/s, $(fmt "$verify_best") verify/s."
    echo "Ratios divide by OpenSSL's signing rate for the signing benchmarks, its verifying rate for the rest."
    echo
    echo "| benchmark | ops/s (mean ± err) | best iteration | µs/op (mean) | / OpenSSL, mean | / OpenSSL, best |"
    echo "|---|---:|---:|---:|---:|---:|"
    csv_rows "$run/note.csv" | while IFS=$'\t' read -r name score err unit _; do
      local refmean="$verify_mean" refbest="$verify_best" best
      case "$name" in *Sign | *sign) refmean="$sign_mean" refbest="$sign_best" ;; esac
      best=$(jmh_best "$run/note.log" "$name")
      echo "| $name | $(fmt "$score") ± $(fmt "$err") | $(fmt "$best") | $(fmt "$(awk -v s="$score" 'BEGIN { print 1e6 / s }')" 1)" \
        "| $(ratio "$score" "$refmean") | $(ratio "$best" "$refbest") |"
    done
    echo
  fi

  if [ -f "$run/escrow-commit.csv" ] && [ -f "$run/escrow-workload.txt" ]; then
    summarize_escrow "$run"
  fi
}

# The escrow workload file lists its SHA-256 calls as "calls <count> <message bytes>" lines; the
# OpenSSL time for the same calls is the sum of count / (OpenSSL ops/s at that exact size).
summarize_escrow() {
  local run="$1"
  echo "## Escrow: commit 1,000,000 items (single shots), reveal and verify 100"
  echo
  echo "| benchmark | ms/op (± err) |"
  echo "|---|---:|"
  local f
  for f in "$run/escrow-commit.csv" "$run/escrow-reveal.csv"; do
    [ -f "$f" ] || continue
    csv_rows "$f" | while IFS=$'\t' read -r name score err unit _; do
      echo "| $name | $(fmt "$score" 2) ± $(fmt "$err" 2) |"
    done
  done
  echo
  if [ -f "$run/escrow-salt.csv" ]; then
    echo "Salt sources (SecureRandom, 1 MiB per operation):"
    echo
    echo "| algorithm | MB/s (± err) | seconds for a commit's 32 MB |"
    echo "|---|---:|---:|"
    csv_rows "$run/escrow-salt.csv" | while IFS=$'\t' read -r name score err unit algorithm; do
      echo "| $algorithm | $(fmt "$(awk -v s="$score" 'BEGIN { print s * 1.048576 }')" 1) ± $(fmt "$(awk -v s="$err" 'BEGIN { print s * 1.048576 }')" 1)" \
        "| $(fmt "$(awk -v s="$score" 'BEGIN { print 32 / (s * 1.048576) }')" 2) |"
    done
    echo
  fi
  local total_bytes=0 ossl_seconds=0 calls=0 tag count size bps
  while read -r tag count size; do
    [ "$tag" = calls ] || continue
    bps=$(openssl_custom_bps "$run/openssl-sha256-$size.mr.txt")
    calls=$((calls + count))
    total_bytes=$(awk -v t="$total_bytes" -v c="$count" -v s="$size" 'BEGIN { printf("%.0f", t + c * s) }')
    ossl_seconds=$(awk -v t="$ossl_seconds" -v c="$count" -v s="$size" -v b="$bps" 'BEGIN { printf("%.6f", t + c * s / b) }')
  done <"$run/escrow-workload.txt"
  local ossl_rate
  ossl_rate=$(awk -v b="$total_bytes" -v t="$ossl_seconds" 'BEGIN { print b / t }')
  echo "SHA-256 work of one commit: $calls calls hashing $total_bytes bytes (sizes in escrow-workload.txt)."
  echo "OpenSSL, timed at each exact size (openssl speed -evp sha256 -bytes N), needs $(fmt "$ossl_seconds" 3) s for it:"
  echo "$(fmt "$(awk -v x="$ossl_rate" 'BEGIN { print x / 1e6 }')" 1) MB/s."
  echo
  echo "| benchmark | s/op | hashing rate MB/s (commit's SHA-256 input / time) | / OpenSSL, same calls |"
  echo "|---|---:|---:|---:|"
  csv_rows "$run/escrow-commit.csv" | while IFS=$'\t' read -r name score err unit _; do
    case "$name" in commit | restore | commitmentHashing) ;; *) continue ;; esac
    local seconds rate
    seconds=$(awk -v s="$score" 'BEGIN { print s / 1000 }')
    rate=$(awk -v b="$total_bytes" -v t="$seconds" 'BEGIN { print b / t }')
    echo "| $name | $(fmt "$seconds" 3) | $(fmt "$(awk -v x="$rate" 'BEGIN { print x / 1e6 }')" 1) | $(ratio "$rate" "$ossl_rate") |"
  done
  echo
}

if [ "${1:-}" = "--summarize" ]; then
  summarize "${2:?usage: $0 --summarize bench-results/<run>}"
  exit 0
fi

# ---------------------------------------------------------------------------------------------
# The run.

build=1
if [ "${1:-}" = "--no-build" ]; then
  build=0
  shift
fi
groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=("${ALL_GROUPS[@]}")
for g in "${groups[@]}"; do
  case " ${ALL_GROUPS[*]} " in *" $g "*) ;; *) echo "unknown group: $g (known: ${ALL_GROUPS[*]})" >&2; exit 2 ;; esac
done
command -v openssl >/dev/null || { echo "openssl is needed for the reference measurements" >&2; exit 1; }

# A JDK >= 21, found as ./countersign finds it: JAVA_HOME, java on PATH, then /usr/lib/jvm/*.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ { print $2; exit }' | cut -d. -f1
}
find_java() {
  local c v
  for c in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -n "$c" ] && [ -x "$c" ] || continue
    v="$(java_major "$c")"
    if [ "${v:-0}" -ge 21 ] 2>/dev/null; then echo "$c"; return 0; fi
  done
  return 1
}
JAVA="$(find_java)" || { echo "needs a JDK 21 or newer (set JAVA_HOME)" >&2; exit 1; }
export JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$JAVA")")")"

if [ "$build" = 1 ]; then
  echo "building countersign-bench (JAVA_HOME=$JAVA_HOME)..." >&2
  (cd "$here" && ./mvnw -B -ntp -q -pl countersign-bench -am package -DskipTests)
fi
[ -f "$jar" ] || { echo "missing $jar (run without --no-build)" >&2; exit 1; }

PRIO=""
[ -z "$BENCH_NICE" ] || PRIO="nice -n $BENCH_NICE"

run="$here/bench-results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$run"
load() { echo "$(date -u +%H:%M:%S) $1: $(awk '{ print $1, $2, $3 }' /proc/loadavg)" >>"$run/loads.txt"; }

{
  echo "date (UTC):   $(date -u '+%Y-%m-%d %H:%M:%S')"
  echo "host:         $(uname -srm)"
  echo "nproc:        $(nproc)"
  echo "CPU model:    $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)" \
    "(family $(awk -F': ' '/^cpu family/ { print $2; exit }' /proc/cpuinfo)," \
    "model $(awk -F': ' '/^model\t/ { print $2; exit }' /proc/cpuinfo))"
  echo "CPU flags:    $(grep -m1 -o -w -E 'sha_ni|avx2|avx512f|bmi2|adx' /proc/cpuinfo | sort -u | tr '\n' ' ' || true)"
  echo "memory:       $(awk '/^MemTotal/ { printf("%.1f GiB", $2 / 1048576) }' /proc/meminfo)"
  echo "JDK:          $("$JAVA" -version 2>&1 | sed -n 2p)"
  echo "JDK SHA-256:  $("$JAVA" -XX:+UnlockDiagnosticVMOptions -XX:+PrintFlagsFinal -version 2>/dev/null \
    | awk '$2 == "UseSHA" || $2 == "UseSHA256Intrinsics" { printf("%s=%s ", $2, $4) }')"
  echo "OpenSSL:      $(openssl version)"
  echo "JMH settings: $JMH_OPTS (escrow: $ESCROW_JMH_OPTS); openssl speed -elapsed -seconds $OPENSSL_SECONDS"
  echo "priority:     ${PRIO:-default (no nice)}"
} >"$run/machine.txt"
cat "$run/machine.txt" >&2
load start

# OpenSSL is timed by the wall clock (-elapsed), as JMH is: on a busy machine both lose alike.
openssl_sha() {
  wait_for_other_benchmarks
  load "openssl sha256"
  echo "openssl speed -evp sha256..." >&2
  $PRIO openssl speed -elapsed -seconds "$OPENSSL_SECONDS" -evp sha256 >"$run/openssl-sha256.txt" 2>&1
  $PRIO openssl speed -elapsed -seconds "$OPENSSL_SECONDS" -mr -evp sha256 >"$run/openssl-sha256.mr.txt" 2>&1
}
openssl_ed() {
  wait_for_other_benchmarks
  load "openssl ed25519"
  echo "openssl speed ed25519..." >&2
  $PRIO openssl speed -elapsed -seconds "$OPENSSL_SECONDS" ed25519 >"$run/openssl-ed25519.txt" 2>&1
  $PRIO openssl speed -elapsed -seconds "$OPENSSL_SECONDS" -mr ed25519 >"$run/openssl-ed25519.mr.txt" 2>&1
}
# Waits (up to half an hour) while another benchmark runs on this machine: a JMH run or anything
# started from a benchmarks.jar (load generators). Ours are never running when this is called.
wait_for_other_benchmarks() {
  local n=0
  while pgrep -f 'org\.openjdk\.jmh\.runner\.ForkedMain|benchmarks\.jar' >/dev/null && [ $((n += 1)) -le 60 ]; do
    [ "$n" -gt 1 ] || echo "another benchmark is running on this machine; waiting for it to end" >&2
    sleep 30
  done
}
openssl_bytes() { # size, runs: machine-readable output of that many runs at one message size
  local i
  for ((i = 0; i < $2; i++)); do
    $PRIO openssl speed -elapsed -seconds "$OPENSSL_SECONDS" -mr -evp sha256 -bytes "$1" 2>&1
  done
}
jmh() { # group, opts, regex...
  local group="$1" opts="$2" tries=0
  shift 2
  wait_for_other_benchmarks
  load "jmh $group"
  echo "jmh $group: $* ($opts)" >&2
  # shellcheck disable=SC2086 # opts are words on purpose
  until $PRIO "$JAVA" -jar "$jar" "$@" $opts -rf csv -rff "$run/$group.csv" >"$run/$group.log" 2>&1; do
    # JMH refuses to run while another JMH holds /tmp/jmh.lock: two benchmarks at once would distort
    # each other, so wait for the other one (up to half an hour) rather than fail or force it.
    if grep -q 'Unable to acquire the JMH lock' "$run/$group.log" && [ $((tries += 1)) -le 60 ]; then
      echo "jmh $group: another JMH run holds /tmp/jmh.lock; waiting 30 s ($tries)" >&2
      sleep 30
      load "jmh $group (retry $tries)"
      continue
    fi
    echo "jmh $group failed: see $run/$group.log" >&2
    tail -20 "$run/$group.log" >&2
    return 1
  done
}

need_sha=0
for g in "${groups[@]}"; do case "$g" in sha | merkle) need_sha=1 ;; esac; done
[ "$need_sha" = 0 ] || openssl_sha

for g in "${groups[@]}"; do
  case "$g" in
    sha)
      # Paired in time: OpenSSL at one size, then JMH at the same size, so that the load that
      # other processes put on the machine drifts as little as possible between the two.
      for size in $SHA_SIZES; do
        wait_for_other_benchmarks
        load "openssl sha256 -bytes $size (paired, before)"
        openssl_bytes "$size" 2 >"$run/openssl-sha256-paired-$size.mr.txt"
        jmh "sha-$size" "$JMH_OPTS" 'org\.countersign\.bench\.Sha256Bench\.' -p "size=$size"
        load "openssl sha256 -bytes $size (paired, after)"
        openssl_bytes "$size" $((SHA_OPENSSL_RUNS - 2)) >>"$run/openssl-sha256-paired-$size.mr.txt"
      done
      { head -1 "$run/sha-16.csv"; for size in $SHA_SIZES; do tail -n +2 "$run/sha-$size.csv"; done; } >"$run/sha.csv"
      ;;
    merkle) jmh merkle "$JMH_OPTS" 'org\.countersign\.bench\.MerkleRootBench\.' ;;
    proof) jmh proof "$JMH_OPTS" 'org\.countersign\.bench\.ProofBench\.' ;;
    note)
      openssl_ed
      jmh note "$JMH_OPTS" 'org\.countersign\.bench\.NoteBench\.'
      load "openssl ed25519 (after)"
      $PRIO openssl speed -elapsed -seconds "$OPENSSL_SECONDS" -mr ed25519 >"$run/openssl-ed25519-after.mr.txt" 2>&1
      ;;
    escrow)
      # The workload prints its SHA-256 call mix; OpenSSL is measured at each exact message size.
      "$JAVA" -cp "$jar" org.countersign.bench.EscrowWorkload >"$run/escrow-workload.txt"
      wait_for_other_benchmarks
      load "openssl sha256 (escrow sizes)"
      while read -r tag count size; do
        [ "$tag" = calls ] || continue
        $PRIO openssl speed -elapsed -seconds "$OPENSSL_SECONDS" -mr -evp sha256 -bytes "$size" \
          >"$run/openssl-sha256-$size.mr.txt" 2>&1
      done <"$run/escrow-workload.txt"
      jmh escrow-commit "$ESCROW_JMH_OPTS" 'org\.countersign\.bench\.EscrowCommitBench\.'
      jmh escrow-reveal "$JMH_OPTS" 'org\.countersign\.bench\.EscrowRevealBench\.'
      jmh escrow-salt "$JMH_OPTS" 'org\.countersign\.bench\.SaltSourceBench\.'
      ;;
  esac
done
load end

summarize "$run" | tee "$run/summary.md"
echo >&2
echo "raw results: ${run#"$here"/}" >&2
