#!/usr/bin/env bash
# The plan page of a plan of N one-line steps (serve10 #13: the page grew quadratically, 20,000 steps never
# loaded): imports such a plan for each N, then times its page and `/api/plans/<id>` (the fold `status --json`
# does, the floor) with curl, and prints the server's peak RSS. Not a unit test; record results in RESULTS.md.
#
#   EVLOG=.build/release/evlog Tools/ServeBenchmark/steps.sh 1000 2000 4000 20000
set -euo pipefail
EVLOG=${EVLOG:-.build/release/evlog}
[ -x "$EVLOG" ] || { echo "no evlog binary at $EVLOG; build it or set EVLOG" >&2; exit 2; }
[ $# -gt 0 ] || set -- 1000 2000 4000 20000
for N in "$@"; do
  d=$(mktemp -d)
  "$EVLOG" run --home "$d/src" -- true >/dev/null 2>&1
  "$EVLOG" export --home "$d/src" latest --jsonl >"$d/base.jsonl"
  python3 "$(dirname "$0")/many_steps.py" "$N" 1 "$d/base.jsonl" "$d/many.jsonl"
  "$EVLOG" import --home "$d/h" "$d/many.jsonl" >/dev/null
  id=$(printf 'p-%012x' "$N")
  "$EVLOG" serve --home "$d/h" --listen 127.0.0.1:0 >"$d/out" 2>/dev/null </dev/null & server=$!
  for _ in $(seq 100); do url=$(head -1 "$d/out"); [ -n "$url" ] && break; sleep 0.1; done
  base=${url%%/\?*}; token=${url##*token=}
  curl -s -m 300 -o /dev/null -w "N=$N: plan page %{http_code} %{size_download} B in %{time_total} s; " -H "Authorization: Bearer $token" "$base/plans/$id"
  curl -s -m 300 -o /dev/null -w "/api/plans/<id> %{time_total} s; " -H "Authorization: Bearer $token" "$base/api/plans/$id"
  echo "server peak RSS $(awk '/VmHWM/{print int($2/1024)}' "/proc/$server/status") MB"
  kill "$server"; wait "$server" 2>/dev/null || true; rm -rf "$d"
done
