#!/usr/bin/env bash
# Runs the JMH benchmarks as benchmarks/README.md reports them, and saves the raw output.
#
# Usage (from the repository root, after building the module on JDK 21+, see README.md):
#   bash benchmarks/run.sh                 # everything (41 benchmarks), ~10 minutes on 2 cores
#   bash benchmarks/run.sh 'square$' -p impl=jcoro,hand   # a JMH regex selects benchmarks; more JMH options follow
#   RUN_OPTS='-f 1 -wi 1 -i 1 -r 1s' bash benchmarks/run.sh   # other iteration settings (the default below)
# Saves benchmarks/results/jmh-<date>.txt (raw JMH output, with the machine and JDK on top) and
# jmh-<date>.json (JMH's JSON, which table.py turns into the README's table).
# Environment: BENCH_JDK (a JDK 21+; default /usr/lib/jvm/temurin-25-jdk-amd64, else JAVA_HOME);
# RESULT_NAME (the files' name, default jmh-<date>: a second run the same day overwrites the first).
set -euo pipefail
cd "$(dirname "$0")"
JDK="${BENCH_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -d "$JDK" ] || JDK="${JAVA_HOME:-}"
JAVA="${JDK:+$JDK/bin/}java"
[ -f target/benchmarks.jar ] || {
  echo "build first: JAVA_HOME=<a JDK 21+> mvn -B -q -pl benchmarks -am clean package -DskipTests" >&2
  exit 1
}
mkdir -p results
STAMP="$(date +%Y-%m-%d)"
NAME="${RESULT_NAME:-jmh-$STAMP}"
TXT="results/$NAME.txt"
JSON="results/$NAME.json"
RUN_OPTS="${RUN_OPTS:--f 1 -wi 4 -w 1s -i 5 -r 2s}"
PATTERN="${1:-.*}"
# Other processes using the CPU beside the benchmark (a shared machine): sampled, summarised at the end.
CONTENTION="$(mktemp)"
bash contention.sh "$(ps -o pgid= $$ | tr -d ' ')" > "$CONTENTION" &
SAMPLER=$!
trap 'kill $SAMPLER 2>/dev/null; rm -f "$CONTENTION"' EXIT
shift || true
{
  echo "# jcoro JMH run, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
  "$JAVA" -version 2>&1 | sed 's/^/# /'
  echo "# jcoro: $(git -C .. rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C .. diff --quiet HEAD -- annotations processor 2>/dev/null || echo ' (annotations/processor with uncommitted changes)')"
  echo "# command: $JAVA -jar benchmarks/target/benchmarks.jar '$PATTERN' $RUN_OPTS -prof gc -rf json -rff benchmarks/$JSON $*"
  echo
  # shellcheck disable=SC2086
  "$JAVA" -jar target/benchmarks.jar "$PATTERN" $RUN_OPTS -prof gc -rf json -rff "$JSON" "$@"
  kill $SAMPLER 2>/dev/null
  echo
  bash contention.sh --summary "$CONTENTION"
} 2>&1 | tee "$TXT"
echo "saved: benchmarks/$TXT, benchmarks/$JSON"
