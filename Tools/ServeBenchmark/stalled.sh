#!/usr/bin/env bash
# Clients that never read (serve14 #5: 150 SSE followers grew `evlog serve` to 654 MB, 362 MB kept after they left;
# serve16 #4: 150 raw downloads reached 247 MB). Records a plan of $BYTES of output (left running), starts
# `evlog serve`, then opens $CLIENTS connections with a 4 KB receive buffer that never read, asking for $KIND:
#   events (default): SSE, the first from the last event (the plan's shared feed starts there), then half from the
#     first event and half from a spread of events between, all behind the feed's window (each read on its own,
#     `ReaderLane`);
#   raw: the step's raw output (`…/steps/run/output`), each from a spread of byte offsets (`Range`);
#   page: the plan page.
# Prints the server's RSS as they stall, its peak, and its RSS after they left. Not a unit test; record results
# in RESULTS.md.
#
#   EVLOG=.build/release/evlog [KIND=raw] Tools/ServeBenchmark/stalled.sh
set -euo pipefail
EVLOG=${EVLOG:-.build/release/evlog}
BYTES=${BYTES:-33554432}
CLIENTS=${CLIENTS:-150}
KIND=${KIND:-events}
SECONDS_STALLED=${SECONDS_STALLED:-20}
[ -x "$EVLOG" ] || { echo "no evlog binary at $EVLOG; build it or set EVLOG" >&2; exit 2; }
d=$(mktemp -d); server=""; clients=""
trap '[ -n "$clients" ] && kill "$clients" 2>/dev/null; [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$d"' EXIT
. "$(dirname "$0")/lib.sh"
# A running plan (its output written, then a wait): its followers' shared feed lasts while they follow.
big_run "$d/h" "sleep $((SECONDS_STALLED + 20))" & run=$!
trap '[ -n "$clients" ] && kill "$clients" 2>/dev/null; [ -n "$server" ] && kill "$server" 2>/dev/null; kill "$run" 2>/dev/null; rm -rf "$d"' EXIT
size=-1
while sleep 2; do now=$(du -sb "$d/h/plans" 2>/dev/null | cut -f1); [ "$now" = "$size" ] && break; size=$now; done
id=$(ls "$d/h/plans" | grep -m1 -o 'p-[0-9a-f]*')
events=$("$EVLOG" export "$id" --jsonl --home "$d/h" | wc -l)
"$EVLOG" serve --home "$d/h" --listen 127.0.0.1:0 >"$d/serve.out" 2>/dev/null </dev/null & server=$!
for _ in $(seq 100); do url=$(head -1 "$d/serve.out"); [ -n "$url" ] && break; sleep 0.1; done
base=${url%%/\?*}; token=${url##*token=}
rss() { awk -v k="$1" '$1 == k":" {print int($2 / 1024)}' "/proc/$server/status"; }
echo "plan $id: $BYTES bytes of output, $events events; server idle at $(rss VmRSS) MB"
python3 - "$base" "$token" "$id" "$CLIENTS" "$SECONDS_STALLED" "$events" "$KIND" "$BYTES" <<'PY' & clients=$!
import socket, sys, time
base, token, plan, n, seconds, events, kind, size = sys.argv[1:]; host, port = base[7:].split(':'); n = int(n); events = int(events)
held = []
for i in range(n):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096); s.connect((host, int(port)))
    # The first asks for the last event only: the plan's shared feed starts there, so every later one is behind it.
    after = max(events - 1, 0) if i == 0 else 0 if i % 2 == 0 else (i * max(events, 1)) // (n + 1)
    path, extra = f"/plans/{plan}/events", f"Last-Event-ID: {after}\r\n"
    if kind == "raw": path, extra = f"/plans/{plan}/steps/run/output", f"Range: bytes={(i * int(size)) // (n + 1)}-\r\n"
    if kind == "page": path, extra = f"/plans/{plan}", ""
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Bearer {token}\r\n{extra}\r\n".encode())
    held.append(s)
    if i == 0: time.sleep(1)
time.sleep(float(seconds))
PY
for i in $(seq $((SECONDS_STALLED / 4))); do sleep 4; echo "  $((i * 4)) s: RSS $(rss VmRSS) MB"; done
wait "$clients" 2>/dev/null || true; clients=""; sleep 2
echo "$CLIENTS stalled clients ($KIND): server peak RSS $(rss VmHWM) MB; $(rss VmRSS) MB after they left"
