#!/usr/bin/env bash
# Time and peak memory of `evlog diagnose` on a recorded log of SIZES MB of output (issue 26: a figure on a
# 300 MB log). Tools/DiagnosisBenchmark measures the analyser alone on generated chunks; this runs the command
# a user runs on a real log: read the log (decompress, decode), analyse the failed step's output, print.
#
# Records `evlog run` of a command printing SIZE MB of 64-byte build lines and then failing with a known apt
# error, and runs `diagnose` on it under /usr/bin/time (twice; the better time counts). Prints MB/s and peak
# RSS, and exits 1 when the diagnosis does not name the error or RSS reaches 64 MB.
# Not a unit test: record results in RESULTS.md.
#
#   swift build -c release --product evlog
#   EVLOG=.build/release/evlog [SIZES="300"] Tools/DiagnoseLogBenchmark/run.sh
set -euo pipefail
SIZES=${SIZES:-300}
LIMIT_MB=${LIMIT_MB:-64}
source "$(dirname "$0")/../lib/evlog-bench.sh"
status=0
for mb in $SIZES; do
  home="$scratch/h$mb"
  "$EVLOG" run --yes --home "$home" -- sh -c "yes 'line of output from a long build step, 64 bytes wide ........' | head -c ${mb}000000; echo 'E: Unable to locate package evlog-missing' >&2; exit 100" \
    >/dev/null 2>&1 </dev/null || true
  log=$(ls "$home"/plans/*.evlog)
  best=""
  for run in 1 2; do
    /usr/bin/time -f "%e %M" -o "$scratch/time" "$EVLOG" diagnose latest --home "$home" --no-color >"$scratch/out" 2>&1 </dev/null || true
    read -r seconds kilobytes < <(tail -1 "$scratch/time")
    if [ -z "$best" ] || awk "BEGIN{exit !($seconds < $best)}"; then best=$seconds; fi
  done
  megabytes=$((kilobytes / 1024))
  rate=$(awk "BEGIN{printf \"%.0f\", $mb / ($best > 0 ? $best : 0.01)}")
  printf '%5d MB of output (log %d MB): diagnose %s s (%s MB/s), %d MB RSS\n' "$mb" "$(( $(stat -c %s "$log") / 1000000 ))" "$best" "$rate" "$megabytes"
  grep -q "package-not-found" "$scratch/out" || { echo "  the diagnosis does not name package-not-found:" >&2; head -5 "$scratch/out" >&2; status=1; }
  [ "$megabytes" -lt "$LIMIT_MB" ] || status=1
done
exit "$status"
