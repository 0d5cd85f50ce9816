#!/usr/bin/env bash
# How `evlog reproduce --check` grows with a plan's step count (issue 26 F15: 100 → 1,000 → 3,000 chained
# steps took 3.4 s → 27 s → 221 s, the ready set recomputed over every step at each step start and end).
#
# Clones the one step of an `evlog run -- sh -c 'echo ok'` into plans of each size in SIZES (a chain: each step depends on
# the one before; and all steps at once), imports them, and times `reproduce --check` and its peak RSS.
# Linear work grows with the step count: prints the time per 1,000 steps at each size and exits 1 when it
# grows more than 3x from the smallest to the largest size (quadratic work grows 12x over 1k → 12k). A plan
# of 50,000 such steps (SIZES=50000) has a plan_created larger than a record: it is stored as parts (FORMAT.md §7.9).
# Not a unit test: record results in RESULTS.md.
#
#   swift build -c release --product evlog
#   EVLOG=.build/release/evlog [SIZES="1000 4000 12000"] Tools/ReproduceScaleBenchmark/run.sh
set -euo pipefail
EVLOG=${EVLOG:-.build/release/evlog}
SIZES=${SIZES:-1000 4000 12000}
SHAPES=${SHAPES:-chain wide}
[ -x "$EVLOG" ] || { echo "no evlog binary at $EVLOG; build it or set EVLOG" >&2; exit 2; }
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
"$EVLOG" run --yes --home "$scratch/base" -- sh -c 'echo ok' >/dev/null
"$EVLOG" export latest --jsonl --home "$scratch/base" >"$scratch/base.jsonl"

make_plan() { # shape steps > jsonl: the base run's step and its events, cloned
  python3 - "$1" "$2" "$scratch/base.jsonl" <<'PY'
import json, sys
shape, count = sys.argv[1], int(sys.argv[2])
events = [json.loads(line) for line in open(sys.argv[3])]
header, started = events[0], events[1]
step_events = [e for e in events if "step" in e]
template = header["plan"]["steps"][0]
header["plan"]["steps"] = [dict(template, id=f"s{i}", label=f"step {i}",
                                dependsOn=[f"s{i-1}"] if shape == "chain" and i else [])
                           for i in range(count)]
header["plan"]["id"] = f"p-{shape[0]}{count:011d}"
print(json.dumps(header))
print(json.dumps(started))
seq, time = started["seq"], started["time"]
order = [[e] for e in step_events] if shape == "chain" else None
if shape == "chain":
    for i in range(count):
        for e in step_events:
            seq += 1; time += 1
            print(json.dumps(dict(e, seq=seq, time=time, step=f"s{i}")))
else:  # every step started at once, then each runs to its end in turn
    first = [e for e in step_events if e["type"] == "step_started"]
    rest = [e for e in step_events if e["type"] != "step_started"]
    for phase in (first, rest):
        for i in range(count):
            for e in phase:
                seq += 1; time += 1
                print(json.dumps(dict(e, seq=seq, time=time, step=f"s{i}")))
tail = [e for e in events[2:] if "step" not in e]
for e in tail:
    seq += 1; time += 1
    print(json.dumps(dict(e, seq=seq, time=time)))
PY
}

status=0
for shape in $SHAPES; do
  first=""
  for count in $SIZES; do
    make_plan "$shape" "$count" >"$scratch/$shape-$count.jsonl"
    "$EVLOG" import "$scratch/$shape-$count.jsonl" --home "$scratch/$shape-$count" >/dev/null
    t0=$(date +%s%N)
    /usr/bin/time -f %M -o "$scratch/rss" "$EVLOG" reproduce --check latest --home "$scratch/$shape-$count" >"$scratch/out" \
      || { echo "$shape $count: reproduce did not match:"; cat "$scratch/out"; exit 1; }
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 )); per=$(( ms * 1000 / count ))
    [ -n "$first" ] || first=$per
    verdict=ok; [ "$per" -gt $(( 3 * (first > 0 ? first : 1) )) ] && { verdict=SUPERLINEAR; status=1; }
    printf '%-6s %6d steps %8d ms  %6d ms per 1k steps  %6d KB max RSS  %s\n' "$shape" "$count" "$ms" "$per" "$(cat "$scratch/rss")" "$verdict"
  done
done
exit $status
