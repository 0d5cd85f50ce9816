#!/usr/bin/env bash
# Peak memory of `evlog reproduce --check` against the size of a log's output (issue 26: RSS < 64 MB
# whatever the log; F10 measured 66-68 MB on 200 MB and 1 GB of output).
#
# Records `evlog run` of a command printing each size in SIZES (MB of 64-byte lines), once ending well and
# once failing (its last line a known apt error, so the failure is analysed), then reproduces each log
# under /usr/bin/time, with `--check` and as a user would (the reproduction written and sealed). Prints the
# peak RSS of each and exits 1 when one reaches 64 MB.
# Not a unit test: record results in RESULTS.md.
#
#   swift build -c release --product evlog
#   EVLOG=.build/release/evlog [SIZES="10 100 1000"] Tools/ReproduceMemoryBenchmark/run.sh
set -euo pipefail
EVLOG=${EVLOG:-.build/release/evlog}
SIZES=${SIZES:-10 100}
LIMIT_KB=$((64 * 1024))
[ -x "$EVLOG" ] || { echo "no evlog binary at $EVLOG; build it or set EVLOG" >&2; exit 2; }
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
status=0
for mb in $SIZES; do
  for ending in ok failing; do
    home="$scratch/$ending-$mb"
    tail='exit 0'; [ "$ending" = failing ] && tail="echo 'E: Unable to locate package evlog-missing' >&2; exit 100"
    "$EVLOG" run --yes --home "$home" -- sh -c "yes 'line of output from a long build step, 64 bytes wide ........' | head -c ${mb}000000; $tail" \
      >/dev/null 2>&1 </dev/null || true
    # `--check` keeps nothing; without it the reproduction is written and sealed under <home>/reproductions.
    for mode in --check --keep; do
      flag=$mode; [ "$mode" = --keep ] && flag=""
      /usr/bin/time -f '%e %M' -o "$scratch/time" "$EVLOG" reproduce $flag latest --home "$home" >"$scratch/out" 2>&1 \
        || { echo "$ending $mb MB: did not reproduce:"; cat "$scratch/out"; exit 1; }
      read -r seconds rss <"$scratch/time"
      verdict=ok; [ "$rss" -ge "$LIMIT_KB" ] && { verdict=OVER; status=1; }
      printf '%-8s %-8s %6d MB of output  %8s s  %8d KB max RSS  %s\n' "$ending" "$mode" "$mb" "$seconds" "$rss" "$verdict"
    done
  done
done
exit $status
