#!/usr/bin/env bash
# `/fleet` over a bundles directory that holds one big host log (serve20 #5 and #7): the 256 MB `yes` run of `run.sh`,
# recorded as another evlog would and put in `--bundles` as `host1.evlog`, beside a small bundle `host2.evlog`.
# Times the first `/fleet` (each summary made: the whole log read, its events folded and diagnosed, its seals
# checked), `/api/plans` and a small plan's page while it runs (the summary keeps to a thread of its own), then
# `/fleet` again (summaries kept), with the server's peak RSS; then a fresh server's Ctrl-C while a `/fleet`
# summary of the big log runs, and how long it takes to exit. Not a unit test; record results in RESULTS.md.
#
#   swift build -c release --product evlog
#   EVLOG=.build/release/evlog Tools/ServeBenchmark/fleet.sh
set -euo pipefail
EVLOG=${EVLOG:-.build/release/evlog}
BYTES=${BYTES:-268435456}
RUNS=${RUNS:-3}
[ -x "$EVLOG" ] || { echo "no evlog binary at $EVLOG; build it or set EVLOG" >&2; exit 2; }
d=$(mktemp -d); server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$d"' EXIT

. "$(dirname "$0")/lib.sh"
stop() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }

big_run "$d/src" "echo 'LAST LINE OF THE BIG RUN'"
"$EVLOG" run --home "$d/small" -- echo hello >/dev/null 2>&1 </dev/null
mkdir -p "$d/b" "$d/home"
ln "$(ls "$d"/src/plans/*.evlog)" "$d/b/host1.evlog"
ln "$(ls "$d"/small/plans/*.evlog)" "$d/b/host2.evlog"
"$EVLOG" run --home "$d/home" -- echo here >/dev/null 2>&1 </dev/null
small=$(basename "$(ls "$d"/home/plans/*.evlog)" .evlog)
echo "host1.evlog: $BYTES bytes of output, log file $(stat -c %s "$d/b/host1.evlog") bytes"

serve "$d/home" --bundles "$d/b"
# `/fleet` answers within its patience with a page saying how far the summaries are (serve22 #11): asked again
# (as that page's Refresh does) until it is the fleet; the time is until then, the longest single answer beside it.
first_fleet() {
  local start longest=0 took
  start=$(date +%s.%N)
  while :; do
    took=$(curl -s -m 600 -o "$d/fleet" -w '%{time_total}' -H "Authorization: Bearer $token" "$base/fleet")
    longest=$(python3 -c "print(max($longest, $took))")
    grep -q 'Summarising the bundles' "$d/fleet" || break
    sleep 3
  done
  echo "$(python3 -c "print(round($(date +%s.%N) - $start, 2))") (longest single answer $longest s)"
}
first_fleet >"$d/first" &
fleet=$!
sleep 1
timed "meanwhile: /api/plans" "$base/api/plans"
timed "meanwhile: a small plan's page" "$base/plans/$small"
wait "$fleet"
echo "first /fleet (2 summaries made): $(cat "$d/first") s; $(grep -o '[0-9]* of [0-9]* bundles[^<]*' "$d/fleet")"
timed "/fleet again (summaries kept)" "$base/fleet"
echo "server peak RSS: $(awk '/VmHWM/{print int($2/1024)}' "/proc/$server/status") MB"
stop

serve "$d/home" --bundles "$d/b"
curl -s -m 600 -o /dev/null -H "Authorization: Bearer $token" "$base/fleet" &
asker=$!
sleep 2
kill -INT "$server"; start=$(date +%s.%N)
wait "$server" 2>/dev/null || true; server=""; end=$(date +%s.%N)
wait "$asker" 2>/dev/null || true
echo "Ctrl-C during a /fleet summary: exited $(python3 -c "print(round($end - $start, 2))") s later"
