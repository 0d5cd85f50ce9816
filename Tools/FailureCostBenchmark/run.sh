#!/usr/bin/env bash
# What analysing a failure costs as the log grows (issue: architecture seams). A step prints SIZE_MB of
# install-like output and then an apt error line; once it exits 0, once 100. The failing run's extra time
# is the analysis: it reads the step's bounded output tail, never the log, so it must stay flat whatever
# the log's size (target: failing / succeeding <= 1.1x at 1 GB, as at 1 MB). Best of 3 each.
#   swift build -c release --product evlog && Tools/FailureCostBenchmark/run.sh [SIZE_MB]   (default 1024)
set -euo pipefail
cd "$(dirname "$0")/../.."
size_mb=${1:-1024}
evlog=${EVLOG:-.build/release/evlog}
[ -x "$evlog" ] || { echo "build first: swift build -c release --product evlog" >&2; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
source Tools/lib/install-corpus.sh
install_corpus "$work/big" "$size_mb"
head -c 1048576 "$work/big" >"$work/small"
best() { local b=999999; for _ in 1 2 3; do rm -rf "$work/h"; local s; s=$(date +%s%N); eval "$1" >/dev/null 2>&1 || true; local e=$(( ($(date +%s%N) - s) / 1000000 )); [ "$e" -lt "$b" ] && b=$e; done; echo "$b"; }
run() { echo "'$evlog' run --home '$work/h' --no-color -- sh -c 'cat \"$work/$1\"; echo E: Unable to locate package nosuchpkg; exit $2'"; }
for corpus in small big; do
  ok=$(best "$(run $corpus 0)"); bad=$(best "$(run $corpus 100)")
  python3 -c "print(f'$corpus ($(stat -c %s "$work/$corpus") bytes): failing {$bad} ms, succeeding {$ok} ms, ratio {$bad/max($ok,1):.2f}x')"
done
