#!/usr/bin/env bash
# Peak memory of `reproduce` and of the read commands against the size of a log's plan (trust13 #9: a plan of
# 50,000 steps, a 14 MB plan_created within FORMAT.md §7.9's limits, took `reproduce --check` to 270 MB and
# status, what-ran, replay and critical-path to 130 MB; issue 26 promises RSS < 64 MB whatever the log).
#
# Writes, for each size in STEPS, a JSONL plan of that many chained `true` steps of which the first 200 ran,
# imports it, and runs each command under /usr/bin/time. Prints seconds and peak RSS per command and exits 1
# when one reaches LIMIT_MB (64). Not a unit test: record results in RESULTS.md.
#
#   swift build -c release --product evlog
#   EVLOG=.build/release/evlog [STEPS="10000 50000"] Tools/PlanMemoryBenchmark/run.sh
set -euo pipefail
STEPS=${STEPS:-10000 50000}
LIMIT_MB=${LIMIT_MB:-64}
source "$(dirname "$0")/../lib/evlog-bench.sh"

make_plan() { # steps > jsonl
  python3 - "$1" <<'PY'
import json, sys
count = int(sys.argv[1])
profile = {"arch": "x86_64", "codename": "bookworm", "distribution": "debian", "externallyManagedPython": True,
           "hasSudo": False, "inContainer": True, "initSystem": "none", "isRoot": True, "name": "detected",
           "osFamily": "debian", "packageManagers": ["apt"], "readOnlyRoot": False, "version": "12"}
steps = [{"action": {"kind": "post_install", "parameters": {"argv": ["true"]}}, "backupBefore": [],
          "dependsOn": [f"s{i-1}"] if i else [], "id": f"s{i}", "idempotent": True, "label": "l", "needsRoot": False,
          "restartRequired": "none", "risk": "low", "rollback": [], "timeoutSeconds": 60, "tool": "jq"} for i in range(count)]
events = [{"type": "plan_created", "plan": {"id": f"p-mem{count:09d}"[:15], "notes": [], "profile": profile, "steps": steps, "tools": ["jq"]}},
          {"type": "plan_started"}]
for i in range(200):
    events += [{"type": "step_started", "step": f"s{i}", "attempt": 1, "command": ["true"]},
               {"type": "step_done", "step": f"s{i}", "exit_code": 0, "duration_us": 1}]
for seq, event in enumerate(events, 1):
    print(json.dumps(dict(event, seq=seq, time=1796600000000000 + seq, v=1)))
PY
}

status=0
for steps in $STEPS; do
  home="$scratch/h$steps"
  make_plan "$steps" >"$scratch/$steps.jsonl"
  echo "$steps steps: plan_created $(head -1 "$scratch/$steps.jsonl" | wc -c) bytes"
  for command in "import $scratch/$steps.jsonl" status what-ran what-failed "replay --instant" critical-path diagnose \
      "reproduce latest --check" "reproduce latest"; do
    # shellcheck disable=SC2086 # the command's words
    /usr/bin/time -f "%e %M" -o "$scratch/time" "$EVLOG" $command --home "$home" --no-color >/dev/null 2>&1 </dev/null || true
    read -r seconds kilobytes < <(tail -1 "$scratch/time")
    megabytes=$((kilobytes / 1024))
    printf '  %-26s %7s s %5d MB\n' "${command%% /*}" "$seconds" "$megabytes"
    [ "$megabytes" -lt "$LIMIT_MB" ] || status=1
  done
done
[ "$status" = 0 ] || echo "a command reached ${LIMIT_MB} MB" >&2
exit "$status"
