#!/usr/bin/env bash
# How long `evlog status` takes on a log with ~1 GB of output (target: under 100 ms).
#
# Records `yes … | head -c $BYTES` through `evlog run` (a real one-step plan whose output is the log's
# bulk), then times `evlog status` several times and prints the best and the median. `status` folds
# from the last checkpoint (EventRecorder writes one every 4096 events), so its time should not grow
# with the output. Not a unit test: timings depend on the machine; record results in RESULTS.md.
#
#   swift build -c release --product evlog
#   EVLOG=.build/release/evlog Tools/StatusBenchmark/run.sh
set -euo pipefail
EVLOG=${EVLOG:-.build/release/evlog}
BYTES=${BYTES:-1000000000}
RUNS=${RUNS:-9}
# SOURCE=yes: one repeated line (compresses ~200:1); SOURCE=random: base64 of /dev/urandom (barely compresses).
SOURCE=${SOURCE:-yes}
home=$(mktemp -d); trap 'rm -rf "$home"' EXIT
[ -x "$EVLOG" ] || { echo "no evlog binary at $EVLOG; build it or set EVLOG" >&2; exit 2; }

start=$(date +%s.%N)
case "$SOURCE" in
  yes) producer="yes 'evlog status benchmark: a line of output to fill the log' | head -c $BYTES" ;;
  random) producer="head -c $(( BYTES * 3 / 4 )) /dev/urandom | base64" ;;
  *) echo "SOURCE must be yes or random, got $SOURCE" >&2; exit 2 ;;
esac
"$EVLOG" run --no-color --home "$home" -- sh -c "$producer" >/dev/null
end=$(date +%s.%N)
plan=$(ls "$home"/plans/*.evlog | head -1)
log_bytes=$(stat -c %s "$plan")
echo "recorded $BYTES bytes ($SOURCE) of output in $(echo "$end - $start" | bc) s; log file $log_bytes bytes"

times=()
for _ in $(seq 1 "$RUNS"); do
  t0=$(date +%s%N)
  "$EVLOG" status "$plan" --json >/dev/null
  t1=$(date +%s%N)
  times+=($(( (t1 - t0) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "evlog status: best ${sorted[0]} ms, median ${sorted[$(( RUNS / 2 ))]} ms over $RUNS runs (${times[*]} ms)"
"$EVLOG" status "$plan" --json | head -c 300; echo
