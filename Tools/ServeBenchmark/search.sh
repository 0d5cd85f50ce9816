#!/usr/bin/env bash
# Whole-log search of `evlog serve` (serve attack finding C): a plan of ~270 MB of base64 output (random, so the
# log barely compresses and no chunk repeats) is searched twice for its last line (time and MB/s), then two
# long searches of it run while a small plan is searched, which must answer, not 503. Reports peak RSS.
# Not a unit test: timings depend on the machine; record results in RESULTS.md.
#
#   swift build -c release --product evlog
#   EVLOG=.build/release/evlog Tools/ServeBenchmark/search.sh
set -euo pipefail
EVLOG=${EVLOG:-.build/release/evlog}
[ -x "$EVLOG" ] || { echo "no evlog binary at $EVLOG; build it or set EVLOG" >&2; exit 2; }
d=$(mktemp -d); server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$d"' EXIT
"$EVLOG" run --home "$d/h" --no-color -- sh -c 'i=0; while [ $i -lt 100 ]; do head -c 2000000 /dev/urandom | base64; i=$((i+1)); done; echo LAST-LINE-MARKER' >/dev/null 2>&1 </dev/null
big=$(basename "$(ls "$d"/h/plans/*.evlog)" .evlog)
"$EVLOG" run --home "$d/h" --no-color -- echo hello >/dev/null 2>&1 </dev/null
small=$(basename "$(ls -Sr "$d"/h/plans/*.evlog | head -1)" .evlog)
"$EVLOG" serve --home "$d/h" --listen 127.0.0.1:0 >"$d/serve.out" 2>/dev/null </dev/null & server=$!
for _ in $(seq 100); do url=$(head -1 "$d/serve.out"); [ -n "$url" ] && break; sleep 0.1; done
base=${url%%/\?*}; token=${url##*token=}
bytes=$(curl -s -r 0-0 -D - -o /dev/null -H "Authorization: Bearer $token" "$base/plans/$big/steps/run/output" | tr -d '\r' | awk -F/ '/^Content-Range/{print $2}')
search() { curl -s -m 600 -o "$d/body" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $token" "$base/plans/$1/search?q=$2"; }
for run in 1 2; do
  read -r code secs <<<"$(search "$big" LAST-LINE-MARKER)"
  grep -q 'matches 1–1' "$d/body" || { echo "search $run did not find the last line (HTTP $code)" >&2; exit 1; }
  printf 'search %s of %s bytes: %6.2f s, %5.1f MB/s\n' "$run" "$bytes" "$secs" "$(python3 -c "print($bytes / 1e6 / $secs)")"
done
pids=(); for _ in 1 2; do search "$big" not-there-at-all >"$d/long$_" & pids+=($!); done
sleep 1
echo "small plan searched while 2 long searches run: HTTP $(search "$small" hello)"
wait "${pids[@]}"
echo "server peak RSS: $(awk '/VmHWM/{print int($2/1024)}' "/proc/$server/status") MB"
