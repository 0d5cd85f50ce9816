#!/usr/bin/env bash
# How long `evlog run` takes to record, and `evlog what-failed` and `evlog export --html` to read, a failed
# step whose output is one line with no newline (target: a 1 GiB line in seconds; N8 measured 135 s for
# `what-failed` of 512 MiB). Shapes (SHAPE): `return` — a carriage return, then the long run; `plain` — the
# run alone; `bar` — a progress bar redrawn with `\r` every 80 bytes; `random` — random bytes (controls,
# escapes and invalid UTF-8 among them) without a newline, the hostile case.
# Not a unit test: timings depend on the machine; record results in RESULTS.md. The work itself is
# checked by Tests/RenderingTests/LineCleanerTests (memory bounded, a long line shows its end).
#
#   swift build -c release --product evlog
#   EVLOG=.build/release/evlog [BYTES=1073741824] [SHAPE=return] Tools/LongLineBenchmark/run.sh
set -euo pipefail
EVLOG=${EVLOG:-.build/release/evlog}
BYTES=${BYTES:-1073741824}
SHAPE=${SHAPE:-return}
[ -x "$EVLOG" ] || { echo "no evlog binary at $EVLOG; build it or set EVLOG" >&2; exit 2; }
home=$(mktemp -d); trap 'rm -rf "$home"' EXIT
case "$SHAPE" in
  return) producer='printf "\r"; head -c "$1" /dev/zero | tr "\0" A; exit 1' ;;
  plain) producer='head -c "$1" /dev/zero | tr "\0" A; exit 1' ;;
  bar) producer='yes "$(printf "%079d\r" 0)" | tr -d "\n" | head -c "$1"; exit 1' ;;
  random) producer='head -c "$1" /dev/urandom | tr "\n" x; exit 1' ;;
  *) echo "SHAPE must be return, plain, bar or random, got $SHAPE" >&2; exit 2 ;;
esac
start=$(date +%s.%N)
"$EVLOG" run --no-color --home "$home" -- sh -c "$producer" sh "$BYTES" >/dev/null 2>&1 || true
end=$(date +%s.%N)
echo "recorded a $BYTES-byte line ($SHAPE) in $(echo "$end - $start" | bc) s; log $(stat -c %s "$home"/plans/*.evlog) bytes"
for command in "what-failed" "export --html"; do
  read -r -a words <<<"$command"
  start=$(date +%s.%N)
  "$EVLOG" "${words[0]}" latest "${words[@]:1}" --no-color --home "$home" >/dev/null || true
  end=$(date +%s.%N)
  echo "$command: $(echo "$end - $start" | bc) s"
done
