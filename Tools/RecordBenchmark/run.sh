#!/usr/bin/env bash
# Issue 5's benchmark: `evlog run -- cat FILE` against plain `cat FILE > /dev/null` and against
# `cat FILE | lz4 -1 > out`, on the same install-like corpus, in one run; best of 3; with evlog's peak RSS.
#   Tools/RecordBenchmark/run.sh [SIZE_MB]      (default 1024; needs a release build: swift build -c release)
set -euo pipefail
cd "$(dirname "$0")/../.."
size_mb=${1:-1024}
evlog=${EVLOG:-.build/release/evlog}
[ -x "$evlog" ] || { echo "build first: swift build -c release --product evlog" >&2; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
# Corpus: this machine's package metadata and changelogs, repeated (what installs print).
{ apt-cache show $(apt-cache pkgnames 2>/dev/null | head -4000) 2>/dev/null; dpkg -l; \
  find /usr/share/doc -name 'changelog*' -size -200k 2>/dev/null | head -200 | xargs zcat -f 2>/dev/null; } >"$work/mix"
while [ "$(stat -c %s "$work/big" 2>/dev/null || echo 0)" -lt $((size_mb * 1048576)) ]; do cat "$work/mix" >>"$work/big"; done
best() { local b=999999; for _ in 1 2 3; do rm -rf "$work/h" "$work/out.lz4"; local s; s=$(date +%s%N); eval "$1" >/dev/null 2>&1; local e=$(( ($(date +%s%N) - s) / 1000000 )); [ "$e" -lt "$b" ] && b=$e; done; echo "$b"; }
t_cat=$(best "cat '$work/big' > /dev/null")
t_lz4=$(best "cat '$work/big' | lz4 -1 -q -f - '$work/out.lz4'")
t_evlog=$(best "'$evlog' run --home '$work/h' --no-color -- cat '$work/big'")
rss=$( { /usr/bin/time -f '%M' "$evlog" run --home "$work/h2" --no-color -- cat "$work/big" >/dev/null; } 2>&1 | tail -1)
s_lz4=$(stat -c %s "$work/out.lz4" 2>/dev/null || { cat "$work/big" | lz4 -1 -q -f - "$work/out.lz4"; stat -c %s "$work/out.lz4"; })
s_evlog=$(du -sb "$work/h2" | cut -f1)
bytes=$(stat -c %s "$work/big")
echo "corpus: $bytes bytes; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "cat > /dev/null:        ${t_cat} ms"
echo "cat | lz4 -1 > out:     ${t_lz4} ms, ${s_lz4} bytes"
echo "evlog run -- cat:       ${t_evlog} ms, ${s_evlog} bytes, peak RSS ${rss} KB"
python3 -c "print(f'evlog / lz4 pipeline: time {$t_evlog/$t_lz4:.2f}x (target <= 1.1x), size {$s_evlog/$s_lz4:.3f}x; RSS {$rss/1024:.0f} MB (target < 64 MB)')"
