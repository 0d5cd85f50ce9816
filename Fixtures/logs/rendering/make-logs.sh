#!/usr/bin/env bash
# Rebuilds the rendering fixture logs with evlog's own simulated runs (seeded, so the same binary and
# fixtures give the same bytes). Run from the repository root after `swift build --product evlog`;
# then `EVLOG_UPDATE_SNAPSHOTS=1 swift test --filter RenderingTests` rewrites the expected text.
set -euo pipefail
EVLOG=${EVLOG:-.build/debug/evlog}
here=Fixtures/logs/rendering
sim=$here/sim
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
only() { ls "$1"/plans/*.evlog | head -1; }

# done: one tool, the default fixture set
"$EVLOG" install --simulate --yes --no-color --seed 11 --jobs 2 --home "$work/done" ripgrep >/dev/null
cp "$(only "$work/done")" "$here/done.evlog"

# failed: apt cannot find the package; diagnosis and remediations follow
"$EVLOG" install --fixture-set "$sim" --yes --no-color --seed 12 --jobs 2 --home "$work/failed" tree >/dev/null || true
cp "$(only "$work/failed")" "$here/failed.evlog"

# parallel: one apt step, then three verify steps at once
"$EVLOG" install --fixture-set "$sim" --yes --no-color --seed 13 --jobs 3 --home "$work/parallel" ripgrep fd bat >/dev/null
cp "$(only "$work/parallel")" "$here/parallel.evlog"

# resumed: killed (SIGKILL) after event 9, in the middle of the apt step, then resumed
"$EVLOG" install --simulate --yes --no-color --seed 14 --jobs 2 --crash-at-event 9 --home "$work/resumed" ripgrep >/dev/null 2>&1 || true
"$EVLOG" resume "$(basename "$(only "$work/resumed")" .evlog)" --yes --no-color --home "$work/resumed" >/dev/null
cp "$(only "$work/resumed")" "$here/resumed.evlog"
ls -l "$here"/*.evlog
