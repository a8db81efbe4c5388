#!/usr/bin/env bash
# Samples, every 5 s until killed, the CPU used by processes outside the given process group (on a
# shared machine: other builds running beside a benchmark), and prints one line per sample:
#   <time> busy=<whole machine %> foreign=<% of one core used by other processes> [<command>:<%> ...]
# run.sh and compile-cost.sh start it beside their measurements and summarise its log at the end.
# Pure bash over /proc (no process per sample but sleep and date), to stay out of the way.
# Usage: contention.sh PGID > log
#        contention.sh --summary log     # the average, and the log as comment lines
set -u
if [ "$1" = --summary ]; then
  awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^foreign=/) { v = substr($i, 9) + 0; s += v; n++; if (v >= 25) c++ } }
  END { if (n) printf "# other processes on this machine during the run: %.0f%% of a core on average; at least 25%% of a core in %d of %d 5-second samples\n", s / n, c, n }' "$2"
  echo "# samples (time, whole-machine busy %, other processes' CPU in % of one core):"
  sed 's/^/#   /' "$2"
  exit 0
fi
me="$1"
hz=$(getconf CLK_TCK)
declare -A last=()
first=1
read -r _ u n s i _ < /proc/stat
prev_busy=$((u + n + s)); prev_total=$((u + n + s + i))
while sleep 5; do
  read -r _ u n s i _ < /proc/stat
  busy=$((u + n + s)); total=$((u + n + s + i))
  pct=$(( (busy - prev_busy) * 100 / (total - prev_total + 1) ))
  prev_busy=$busy; prev_total=$total
  foreign=""
  sum=0
  declare -A now=()
  for stat in /proc/[0-9]*/stat; do
    { line=$(<"$stat"); } 2>/dev/null || continue
    pid=${stat#/proc/}; pid=${pid%/stat}
    comm=${line#*(}; comm=${comm%%)*}
    read -r -a f <<< "${line##*) }"
    # after the command: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    [ "${f[2]}" = "$me" ] && continue
    t=$(( f[11] + f[12] ))
    now[$pid]=$t
    if [ -n "${last[$pid]:-}" ]; then
      d=$(( (t - last[$pid]) * 100 / (5 * hz) ))
    elif [ "$first" = 0 ]; then
      d=$(( t * 100 / (5 * hz) )) # started since the last sample
    else
      d=0
    fi
    sum=$((sum + d))
    [ "$d" -ge 10 ] && foreign+=" $comm:${d}%"
  done
  last=()
  for k in "${!now[@]}"; do last[$k]=${now[$k]}; done
  unset now
  first=0
  echo "$(date +%H:%M:%S) busy=${pct}% foreign=${sum}%${foreign}"
done
