#!/usr/bin/env bash
# Plan pages of logs an older evlog recorded (serve18 #2: such a log is read through this revision of the secret
# policy, and each block read re-read the 2 MiB before it: a 500-step 471 KB log's page took 101 s). Two logs,
# each written again under an older evlog's header by `evlog-older-log`:
#   - the 256 MB `yes` run of `run.sh` (4 MB blocks): its page, one page of earlier output, the last 100 bytes of
#     its raw output, and a reconnect 10 events before its end, with the server's peak RSS;
#   - a plan of $STEPS steps of $LINES lines each, imported, in 4 KB blocks (hundreds of blocks): its page, and
#     every page of earlier output back to its first.
# Not a unit test (`PolicyReadWorkTests` counts the work); record results in RESULTS.md.
#
#   swift build --product evlog --product evlog-older-log
#   EVLOG=.build/debug/evlog OLDER=.build/debug/evlog-older-log Tools/ServeBenchmark/older.sh
set -euo pipefail
EVLOG=${EVLOG:-.build/release/evlog}
OLDER=${OLDER:-$(dirname "$EVLOG")/evlog-older-log}
BYTES=${BYTES:-268435456}
STEPS=${STEPS:-500}
LINES=${LINES:-3}
RUNS=${RUNS:-3}
for tool in "$EVLOG" "$OLDER"; do [ -x "$tool" ] || { echo "no binary at $tool; build it or set EVLOG / OLDER" >&2; exit 2; }; done
d=$(mktemp -d); server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$d"' EXIT

. "$(dirname "$0")/lib.sh"
stop() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }

big_run "$d/src" "echo 'LAST LINE OF THE BIG RUN'"
plan=$(basename "$(ls "$d"/src/plans/*.evlog)" .evlog)
mkdir -p "$d/big/plans"
"$OLDER" "$d/src/plans/$plan.evlog" "$d/big/plans/$plan.evlog"
echo "plan $plan: $BYTES bytes of output under an older evlog's header, log file $(stat -c %s "$d/big/plans/$plan.evlog") bytes"
serve "$d/big"
timed "older 256 MB: plan page" "$base/plans/$plan"
grep -q 'LAST LINE OF THE BIG RUN' "$d/body" || { echo "the plan page does not show the last line" >&2; exit 1; }
cp "$d/body" "$d/body.page"
echo "plan page text: $(python3 -c 'import html,re,sys; print(len(html.unescape(re.sub(r"<[^>]*>", "", open(sys.argv[1]).read()))))' "$d/body") characters"
before=$(grep -o 'data-before="[^"]*"' "$d/body.page" | cut -d'"' -f2)
timed "older 256 MB: earlier output" "$base/plans/$plan/output?before=$before"
timed "older 256 MB: raw, last 100 bytes" "$base/plans/$plan/steps/run/output" -H 'Range: bytes=-100'
last=$(grep -o 'data-after="[0-9]*"' "$d/body.page" | cut -d'"' -f2)
timed "older 256 MB: events after last-10" "$base/plans/$plan/events" -H "Last-Event-ID: $((last - 10))"
echo "server peak RSS: $(awk '/VmHWM/{print int($2/1024)}' "/proc/$server/status") MB"
stop

"$EVLOG" run --home "$d/one" -- true >/dev/null 2>&1
"$EVLOG" export --home "$d/one" latest --jsonl >"$d/base.jsonl"
python3 "$(dirname "$0")/many_steps.py" "$STEPS" "$LINES" "$d/base.jsonl" "$d/many.jsonl"
"$EVLOG" import --home "$d/imported" "$d/many.jsonl" >/dev/null
id=$(printf 'p-%012x' "$STEPS")
mkdir -p "$d/steps/plans"
"$OLDER" "$d/imported/plans/$id.evlog" "$d/steps/plans/$id.evlog" --block-bytes 4096
echo "plan $id: $STEPS steps of $LINES lines, $("$EVLOG" verify "$d/steps/plans/$id.evlog" | head -1)"
serve "$d/steps"
timed "older $STEPS steps: plan page" "$base/plans/$id"
before=$(grep -o 'data-before="[^"]*"' "$d/body" | cut -d'"' -f2 || true)
pages=1; start=$(date +%s.%N)
while [ -n "$before" ]; do
  curl -s -m 600 -o "$d/older.json" -H "Authorization: Bearer $token" "$base/plans/$id/output?before=$before"
  before=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("before") or "")' "$d/older.json")
  pages=$((pages + 1))
done
echo "older $STEPS steps: $pages pages back to the first in $(python3 -c "import sys; print(round($(date +%s.%N) - $start, 3))") s"
echo "server peak RSS: $(awk '/VmHWM/{print int($2/1024)}' "/proc/$server/status") MB"
stop
