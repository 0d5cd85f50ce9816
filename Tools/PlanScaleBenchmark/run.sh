#!/usr/bin/env bash
# How the read commands grow with a plan's step count (issue 23: a 12,000-step imported plan took 36 s
# for `status` and 87 s for `replay`, an 850-step fully connected DAG 14 s per view).
#
# Builds imported plans of N and 4N steps (a chain, a fully connected DAG of N/8 and N/2 steps, and N
# steps all at one time) from a simulated one-step run, imports them, and times each view. Linear work
# grows about 4x from N to 4N (about 16x for the DAG's edges); prints each ratio and exits 1 when one grows
# quadratically (over 8x; over 32x for the DAG). Not a unit test: record results in RESULTS.md.
#
#   swift build -c release --product evlog
#   EVLOG=.build/release/evlog [N=3000] Tools/PlanScaleBenchmark/run.sh
set -euo pipefail
EVLOG=${EVLOG:-.build/release/evlog}
N=${N:-3000}
[ -x "$EVLOG" ] || { echo "no evlog binary at $EVLOG; build it or set EVLOG" >&2; exit 2; }
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
"$EVLOG" install --simulate --yes jq --home "$scratch/base" >/dev/null
"$EVLOG" export latest --jsonl --home "$scratch/base" >"$scratch/base.jsonl"

make_plan() { # shape steps > jsonl
  python3 - "$1" "$2" "$scratch/base.jsonl" <<'PY'
import json, sys
shape, count = sys.argv[1], int(sys.argv[2])
header = json.loads(open(sys.argv[3]).readline())
template = header["plan"]["steps"][-1]
steps = []
for i in range(count):
    step = dict(template, id=f"s{i}", label=f"step {i}")
    step["dependsOn"] = {"chain": [f"s{i-1}"] if i else [], "full": [f"s{j}" for j in range(i)], "wide": []}[shape]
    steps.append(step)
header["plan"].update(steps=steps, id=f"p-{shape}{count:08d}"[:15])
print(json.dumps(header))
seq, time = 2, header["time"]
print(json.dumps({"seq": seq, "time": time, "type": "plan_started", "v": 1}))
for i in range(count):
    for kind, extra in (("step_started", {"attempt": 1, "command": ["jq", "--version"]}),
                        ("command_started", {"argv": ["jq", "--version"]}),
                        ("output_chunk", {"redacted": False, "stream": "stdout", "text": "jq-1.6\n"}),
                        ("command_finished", {"exit_code": 0}),
                        ("step_done", {"duration_us": 1000, "exit_code": 0})):
        seq += 1
        print(json.dumps(dict(extra, seq=seq, step=f"s{i}", time=time, type=kind, v=1)))
    if shape != "wide": time += 1000
print(json.dumps({"seq": seq + 1, "time": time, "type": "plan_done", "v": 1}))
PY
}

seconds() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
status=0
for shape in chain full wide; do
  small=$N; [ "$shape" = full ] && small=$((N / 8))
  for count in $small $((small * 4)); do
    make_plan "$shape" "$count" >"$scratch/$shape-$count.jsonl"
    "$EVLOG" import "$scratch/$shape-$count.jsonl" --home "$scratch/$shape-$count" >/dev/null
  done
  limit=8; [ "$shape" = full ] && limit=32
  for view in "status" "replay --instant" "what-ran" "what-failed" "critical-path" "export --html" "export --trace"; do
    a=$(seconds "$EVLOG" $view latest --home "$scratch/$shape-$small" --no-color)
    b=$(seconds "$EVLOG" $view latest --home "$scratch/$shape-$((small * 4))" --no-color)
    ratio=$(( b / (a > 0 ? a : 1) ))
    verdict=ok; [ "$ratio" -gt "$limit" ] && { verdict=QUADRATIC; status=1; }
    printf '%-6s %-17s %6d steps %6d ms  %6d steps %6d ms  x%d %s\n' "$shape" "$view" "$small" "$a" $((small * 4)) "$b" "$ratio" "$verdict"
  done
done
exit $status
