#!/usr/bin/env bash
# The compile-time cost of the jcoro processor.
#
# Generates sources with 100, 200 and 300 @Coroutine methods of mixed shapes (loops, try/catch/finally,
# switch with fall-through, labeled break, enhanced for, try-with-resources, yieldFrom, yields inside
# expressions: see src/main/java/dev/jcoro/benchmarks/compilecost/Shapes.java) and times javac on each
# file without the processor (-proc:none) and with it:
#   1. in-process and warm (javax.tools; 5 warm-up rounds, then the median of 10, configurations
#      interleaved): javac as Maven and Gradle run it; also -proc:none on the source plus the
#      generated file, to split the processor's own time from javac compiling what it wrote;
#   2. cold, one javac process per compilation (median of 5 wall-clock runs): javac from a shell.
#
# Usage (from the repository root, after building the benchmarks module on JDK 21+):
#   bash benchmarks/compile-cost.sh            # prints, and saves benchmarks/results/compile-cost-<date>.txt
# Environment: BENCH_JDK (a JDK 21+; default /usr/lib/jvm/temurin-25-jdk-amd64, else JAVA_HOME), SIZES ("100 200 300"),
#   RUNS (10), WARMUP (5), COLD_RUNS (5), RESULT_NAME (the file's name, default compile-cost-<date>).
#   The harness JVM runs with a fixed 2 GiB heap.
set -euo pipefail
cd "$(dirname "$0")"

JDK="${BENCH_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -d "$JDK" ] || JDK="${JAVA_HOME:-}"
JAVA="${JDK:+$JDK/bin/}java"
JAVAC="${JDK:+$JDK/bin/}javac"
SIZES="${SIZES:-100 200 300}"
RUNS="${RUNS:-10}"
WARMUP="${WARMUP:-5}"
COLD_RUNS="${COLD_RUNS:-5}"
LIB=target/compile-cost-lib
JAR=target/benchmarks.jar
if [ ! -f "$JAR" ] || [ ! -f "$LIB/jcoro-processor.jar" ]; then
  echo "build first: JAVA_HOME=<a JDK 21+> mvn -B -q -pl benchmarks -am clean package -DskipTests" >&2
  exit 1
fi

mkdir -p results
OUT="results/${RESULT_NAME:-compile-cost-$(date +%Y-%m-%d)}.txt"
WORK="$(mktemp -d)"
bash contention.sh "$(ps -o pgid= $$ | tr -d ' ')" > "$WORK/contention.log" &
SAMPLER=$!
trap 'kill $SAMPLER 2>/dev/null; rm -rf "$WORK"' EXIT
PROCESSOR_PATH="$LIB/jcoro-processor.jar:$LIB/javapoet.jar:$LIB/jcoro-annotations.jar"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

{
  echo "# jcoro compile-time cost, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
  echo "# $("$JAVA" -version 2>&1 | head -1)"
  echo
  echo "## 1. in-process, warm"
  # shellcheck disable=SC2086
  "$JAVA" -Xms2g -Xmx2g -cp "$JAR" dev.jcoro.benchmarks.compilecost.CompileCost "$LIB" \
    --sizes "$(echo $SIZES | tr ' ' ',')" --warmup "$WARMUP" --runs "$RUNS" --out "$WORK" | grep -v '^sources:'
  echo
  echo "## 2. cold: one javac process per compilation, wall clock, median of $COLD_RUNS"
  printf '%-6s | %-14s | %-14s | %-8s\n' N "plain ms" "jcoro ms" "jcoro/pl"
  for n in $SIZES; do
    src="$WORK/n$n/src/cc/Shapes$n.java"
    plain=()
    jcoro=()
    for _ in $(seq "$COLD_RUNS"); do
      rm -rf "$WORK/cold" && mkdir -p "$WORK/cold/classes" "$WORK/cold/gen"
      t0=$(date +%s%N)
      "$JAVAC" -proc:none -implicit:none -cp "$LIB/jcoro-annotations.jar" -d "$WORK/cold/classes" "$src"
      t1=$(date +%s%N)
      plain+=($(( (t1 - t0) / 1000000 )))
      rm -rf "$WORK/cold" && mkdir -p "$WORK/cold/classes" "$WORK/cold/gen"
      t0=$(date +%s%N)
      "$JAVAC" -processorpath "$PROCESSOR_PATH" -implicit:none -cp "$LIB/jcoro-annotations.jar" \
        -s "$WORK/cold/gen" -d "$WORK/cold/classes" "$src"
      t1=$(date +%s%N)
      jcoro+=($(( (t1 - t0) / 1000000 )))
    done
    p=$(printf '%s\n' "${plain[@]}" | median)
    j=$(printf '%s\n' "${jcoro[@]}" | median)
    printf '%-6s | %-14s | %-14s | %-8s\n' "$n" "$p" "$j" "$(awk -v a="$j" -v b="$p" 'BEGIN {printf "%.2f", a / b}')"
  done
  kill $SAMPLER 2>/dev/null
  echo
  bash contention.sh --summary "$WORK/contention.log"
} 2>&1 | tee "$OUT"
echo "saved: benchmarks/$OUT"
