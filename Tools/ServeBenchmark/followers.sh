#!/usr/bin/env bash
# Eight SSE followers, one per finished plan, each replaying its plan from the start at once (serve22 #9): the
# server's peak RSS (VmHWM) must stay under 100 MB. Each plan is `seq 1 $LINES` through `evlog run` (3,000,000
# lines: a 12 MB log, 21 MB of output), copied as the other plans. Not a unit test; record results in RESULTS.md
# with the machine's load average at the time.
#
#   swift build -c release --product evlog
#   EVLOG=.build/release/evlog Tools/ServeBenchmark/followers.sh
set -euo pipefail
EVLOG=${EVLOG:-.build/release/evlog}
LINES=${LINES:-3000000}
PLANS=${PLANS:-8}
[ -x "$EVLOG" ] || { echo "no evlog binary at $EVLOG; build it or set EVLOG" >&2; exit 2; }
d=$(mktemp -d); server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$d"' EXIT
. "$(dirname "$0")/lib.sh"

"$EVLOG" run --home "$d/home" --no-color -- seq 1 "$LINES" >/dev/null 2>&1 </dev/null
log=$(ls "$d"/home/plans/*.evlog)
for i in $(seq 2 "$PLANS"); do cp "$log" "$d/home/plans/p-$(printf '%012d' "$i").evlog"; done
serve "$d/home"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server RSS at start: $(awk '/VmRSS/{print int($2/1024)}' "/proc/$server/status") MB"
start=$(date +%s.%N)
pids=()
for plan in "$d"/home/plans/*.evlog; do
  id=$(basename "$plan" .evlog)
  curl -s -N -m 900 -o "$d/$id.sse" -H "Authorization: Bearer $token" "$base/plans/$id/events" & pids+=($!)
done
wait "${pids[@]}"
echo "$PLANS followers from the start: $(python3 -c "print(round($(date +%s.%N) - $start, 1))") s; server peak RSS $(awk '/VmHWM/{print int($2/1024)}' "/proc/$server/status") MB"
for f in "$d"/*.sse; do printf '%s ' "$(grep -c '^id:' "$f")"; done; echo "events per follower"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
