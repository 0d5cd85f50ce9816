#!/usr/bin/env bash
# What recording its seals costs an install in a home whose record of seals seen (last-seen-seals.jsonl) already
# names N logs (integrity10 finding 15: each seal read the whole record; 27 s of CPU per install at 16,000 logs in
# a debug build). Fills the record with N one-line entries, then times a simulated `install jq` (about ten seals)
# with a host key, RUNS times, and prints the best and the median wall and user CPU seconds.
# Not a unit test: timings depend on the machine; record results in RESULTS.md.
#
#   swift build --product evlog
#   EVLOG=.build/debug/evlog N=16000 Tools/SealRecordBenchmark/run.sh
set -euo pipefail
EVLOG=${EVLOG:-.build/debug/evlog}
N=${N:-16000}
RUNS=${RUNS:-3}
[ -x "$EVLOG" ] || { echo "no evlog binary at $EVLOG; build it or set EVLOG" >&2; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME=$work/config
"$EVLOG" key generate >/dev/null
walls=(); users=()
for run in $(seq 1 "$RUNS"); do
  home=$work/home$run; mkdir -p "$home"
  python3 - "$home/last-seen-seals.jsonl" "$N" <<'PY'
import json, sys
with open(sys.argv[1], 'w') as f:
    for i in range(int(sys.argv[2])):
        f.write(json.dumps({'head': 'ab' * 32, 'key': 'ed25519:ea0c53e1aa93b45c', 'log': '%064x' % i, 'plan': 'p-x%d' % i, 'seal': 1}, sort_keys=True) + '\n')
PY
  /usr/bin/time -f '%e %U' "$EVLOG" install --simulate --yes --no-color --home "$home" jq </dev/null >/dev/null 2>"$work/err" || true
  times=$(tail -1 "$work/err")
  walls+=("${times% *}"); users+=("${times#* }")
done
best() { printf '%s\n' "$@" | sort -n | head -1; }
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
echo "N=$N logs on record: install --simulate jq wall best $(best "${walls[@]}") s, median $(median "${walls[@]}") s; user CPU best $(best "${users[@]}") s, median $(median "${users[@]}") s"
