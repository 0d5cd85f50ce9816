#!/usr/bin/env bash
# Peak memory of `evlog run` and `evlog reproduce` against the size of one command's arguments (repro13 F5: a 76 kB
# log whose events carry 4.5 MB of argv took reproduce to 133 MB). Records `evlog run -- sh -c 'echo n=$#' ARGS` with
# COUNT arguments of KB kilobytes each (the plan, `step_started` and `command_started` each hold them all, so the
# log's plan_created is stored as parts), then reproduces it under /usr/bin/time. Prints both peaks; exits 1 when
# reproduce reaches 64 MB. Not a unit test: record results in RESULTS.md.
#
#   EVLOG=.build/debug/evlog [COUNT=45 KB=100] Tools/ReproduceMemoryBenchmark/argv.sh
set -euo pipefail
EVLOG=${EVLOG:-.build/release/evlog}
COUNT=${COUNT:-45}
KB=${KB:-100}
LIMIT_KB=$((64 * 1024))
[ -x "$EVLOG" ] || { echo "no evlog binary at $EVLOG; build it or set EVLOG" >&2; exit 2; }
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
python3 -c "import sys; print('\n'.join('x%05d_' % i + 'a' * ($KB * 1000) for i in range($COUNT)))" >"$scratch/args"
# Arguments this long need a larger stack than the default 8 MB (Linux allows a quarter of it for them).
ulimit -s 65536
mapfile -t args <"$scratch/args"
/usr/bin/time -f '%e %M' -o "$scratch/run-time" "$EVLOG" run --yes --no-color --home "$scratch/home" -- sh -c 'echo n=$#' "${args[@]}" \
  >/dev/null 2>&1 </dev/null
/usr/bin/time -f '%e %M' -o "$scratch/time" "$EVLOG" reproduce --json --home "$scratch/repro" "$scratch"/home/plans/*.evlog >"$scratch/out" 2>&1 \
  || { echo "did not reproduce:"; cat "$scratch/out"; exit 1; }
read -r run_seconds run_rss <"$scratch/run-time"
read -r seconds rss <"$scratch/time"
verdict=ok; [ "$rss" -ge "$LIMIT_KB" ] && verdict=OVER
printf '%d x %d kB of argv: run %s s %d KB max RSS; reproduce %s s %d KB max RSS  %s\n' "$COUNT" "$KB" "$run_seconds" "$run_rss" "$seconds" "$rss" "$verdict"
[ "$verdict" = ok ]
