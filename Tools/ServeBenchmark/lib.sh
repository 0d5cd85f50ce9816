# Sourced by the ServeBenchmark scripts after they set EVLOG, RUNS and d (their temp directory), and server="".
# The big run these benchmarks record: $BYTES of apt-like lines through `evlog run` in home $1, then the command $2.
big_run() {
  "$EVLOG" run --home "$1" --no-color -- sh -c "yes 'Unpacking libexample-dev:amd64 (1.2.3-4) over (1.2.3-3) ... 0123456789' | head -c $BYTES; $2" >/dev/null 2>&1 </dev/null
}
serve() {  # serve HOME [ARGS…]: starts evlog serve, sets server, base, token
  "$EVLOG" serve --home "$1" --listen 127.0.0.1:0 "${@:2}" >"$d/serve.out" 2>/dev/null </dev/null & server=$!
  for _ in $(seq 100); do url=$(head -1 "$d/serve.out"); [ -n "$url" ] && break; sleep 0.1; done
  base=${url%%/\?*}; token=${url##*token=}
}
timed() {  # timed NAME URL [curl args]: best and median of RUNS, the last answer in $d/body
  local name=$1 url=$2; shift 2
  for _ in $(seq "$RUNS"); do curl -s -m 600 -o "$d/body" -w '%{time_total}\n' -H "Authorization: Bearer $token" "$@" "$url"; done | sort -n >"$d/times"
  printf '%-34s best %7.3f s  median %7.3f s  (%s bytes)\n' "$name" "$(head -1 "$d/times")" "$(sed -n "$(( (RUNS + 1) / 2 ))p" "$d/times")" "$(stat -c %s "$d/body")"
}
