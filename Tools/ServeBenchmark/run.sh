#!/usr/bin/env bash
# `evlog serve` at scale (issue 29): a plan with 256 MB of output opens fast at its last line with a small
# page, the server's memory stays small, and 50 SSE clients following a running plan each get every event.
#
# Records `yes … | head -c $BYTES` through `evlog run`, starts `evlog serve`, then times (curl, best and
# median of $RUNS): the plan page, one "earlier output" page, the last 100 bytes of the raw output (Range),
# and a search of the whole log; reports page bytes and text characters, and the server's peak RSS.
# Then the same for a plan whose output is one $LONG-byte line and a 3 MB line without a newline (the
# worst case of live-log viewers: minified JS, progress bars without \r, base64 blobs).
# Then two reconnects to the big plan's events (Last-Event-ID near its end and in its middle). Then 50 curl
# clients follow a running `evlog run` over SSE and each one's ids are checked against the log, with how
# long after the plan's end the last of them was done and the server's peak RSS. Not a unit test: timings depend on the machine; record results in RESULTS.md.
#
#   swift build -c release --product evlog
#   EVLOG=.build/release/evlog Tools/ServeBenchmark/run.sh
set -euo pipefail
EVLOG=${EVLOG:-.build/release/evlog}
BYTES=${BYTES:-268435456}
RUNS=${RUNS:-5}
FOLLOWERS=${FOLLOWERS:-50}
LONG=${LONG:-100000000}
[ -x "$EVLOG" ] || { echo "no evlog binary at $EVLOG; build it or set EVLOG" >&2; exit 2; }
d=$(mktemp -d); server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$d"' EXIT

. "$(dirname "$0")/lib.sh"

mkdir -p "$d/big"
big_run "$d/big" "echo 'LAST LINE OF THE BIG RUN'"
plan=$(basename "$(ls "$d"/big/plans/*.evlog)" .evlog)
echo "plan $plan: $BYTES bytes of output, log file $(stat -c %s "$d/big/plans/$plan.evlog") bytes"
serve "$d/big"
timed "plan page" "$base/plans/$plan"
grep -q 'LAST LINE OF THE BIG RUN' "$d/body" || { echo "the plan page does not show the last line" >&2; exit 1; }
cp "$d/body" "$d/body.page"
text=$(python3 -c 'import html,re,sys; print(len(html.unescape(re.sub(r"<[^>]*>", "", open(sys.argv[1]).read()))))' "$d/body")
echo "plan page text: $text characters"
before=$(grep -o 'data-before="[^"]*"' "$d/body" | cut -d'"' -f2)
timed "earlier output (one page)" "$base/plans/$plan/output?before=$before"
timed "raw output, last 100 bytes" "$base/plans/$plan/steps/run/output" -H 'Range: bytes=-100'
RUNS=1 timed "search of the whole log" "$base/plans/$plan/search?q=last+line+of"
# A reconnect near the end of the log (Last-Event-ID 10 events before its last) and one from its middle:
# the stream starts at the block holding the event, not at the log's first.
last=$(grep -o 'data-after="[0-9]*"' "$d/body.page" 2>/dev/null | cut -d'"' -f2 || true)
timed "events after last-10 (SSE)" "$base/plans/$plan/events" -H "Last-Event-ID: $((last - 10))"
[ "$(grep -c '^id: ' "$d/body")" = 10 ] || { echo "the resumed stream did not send the last 10 events" >&2; exit 1; }
RUNS=1 timed "events after the middle (SSE)" "$base/plans/$plan/events" -H "Last-Event-ID: $((last / 2))"
echo "server peak RSS: $(awk '/VmHWM/{print int($2/1024)}' "/proc/$server/status") MB"
kill "$server"; server=""

mkdir -p "$d/long"
"$EVLOG" run --home "$d/long" --no-color -- sh -c "head -c $LONG /dev/zero | tr '\\0' a; echo; printf 'LONG LINE START %s LONG LINE END' \"\$(head -c 3000000 /dev/zero | tr '\\0' b)\"" >/dev/null 2>&1 </dev/null
plan=$(basename "$(ls "$d"/long/plans/*.evlog)" .evlog)
echo "plan $plan: one $LONG-byte line, then 3 MB without a newline"
serve "$d/long"
timed "long-line plan page" "$base/plans/$plan"
grep -q 'LONG LINE END' "$d/body" || { echo "the long-line plan page does not show the end of its last line" >&2; exit 1; }
before=$(grep -o 'data-before="[^"]*"' "$d/body" | cut -d'"' -f2)
timed "long-line earlier output" "$base/plans/$plan/output?before=$before"
RUNS=1 timed "long-line search (line start)" "$base/plans/$plan/search?q=long+line+start"
grep -q 'matches 1–1' "$d/body" || { echo "search does not find the start of the long line" >&2; exit 1; }
echo "server peak RSS (long lines): $(awk '/VmHWM/{print int($2/1024)}' "/proc/$server/status") MB"
kill "$server"; server=""

mkdir -p "$d/live"
serve "$d/live"
"$EVLOG" run --home "$d/live" --no-color -- sh -c 'for i in $(seq 1 300); do echo "line $i"; sleep 0.01; done' >/dev/null 2>&1 </dev/null & run=$!
for _ in $(seq 50); do live=$(ls "$d"/live/plans/*.evlog 2>/dev/null | head -1 || true); [ -n "$live" ] && break; sleep 0.1; done
live=$(basename "$live" .evlog)
pids=()
for c in $(seq "$FOLLOWERS"); do
  curl -sN --max-time 60 -H "Authorization: Bearer $token" "$base/plans/$live/events" >"$d/c$c" 2>/dev/null & pids+=($!)
done
wait "$run"; ended=$(date +%s.%N)
wait "${pids[@]}" || true
# How long after the plan ended the last follower had every event (a lagging follower finishes late).
echo "SSE: last follower done $(python3 -c "import sys,time; print(f'{time.time() - float(sys.argv[1]):.2f}')" "$ended") s after the plan ended"
echo "server peak RSS (followers): $(awk '/VmHWM/{print int($2/1024)}' "/proc/$server/status") MB"
"$EVLOG" export "$live" --jsonl --home "$d/live" | python3 -c 'import json,sys; print(" ".join(str(json.loads(l)["seq"]) for l in sys.stdin))' >"$d/expected"
python3 - "$d" "$FOLLOWERS" <<'PY'
import sys
d, n = sys.argv[1], int(sys.argv[2])
want = [int(x) for x in open(f"{d}/expected").read().split()]
good = sum(1 for c in range(1, n + 1) if [int(l[3:]) for l in open(f"{d}/c{c}") if l.startswith("id:")] == want)
print(f"SSE: {good} of {n} followers got all {len(want)} events in order")
sys.exit(0 if good == n else 1)
PY
