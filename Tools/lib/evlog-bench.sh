# Sourced by the benchmarks that run an evlog binary: checks it and makes a scratch directory removed at exit.
#   EVLOG     the binary (default .build/release/evlog)
#   scratch   set to the scratch directory
EVLOG=${EVLOG:-.build/release/evlog}
[ -x "$EVLOG" ] || { echo "no evlog binary at $EVLOG; build it or set EVLOG" >&2; exit 2; }
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
