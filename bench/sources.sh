#!/usr/bin/env bash
# Source verification benchmark: the link benchmark's 2,000 distinct URLs on 50 loopback
# hosts, cited 10,000 times by 1,000 generated profiles, each URL serving a ~30 KB page
# (20 ms per response) whose title, date and quoted sentence the profiles cite. Times
# `citelint check` with and without `--verify-sources` at the same politeness, back to
# back in each of RUNS rounds, with peak memory; then the same with a tenth of the
# sources, to show that memory does not grow with their number.
#
# Usage: bench/sources.sh [RUNS]    (needs Linux, where all of 127/8 is routed to lo)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
DIR=${DIR:-/tmp/citelint-source-bench}
PORT=${PORT:-8100}
CONTROL=${CONTROL:-8099}

cargo build --release --quiet --bin citelint --example link_bench
BENCH=$PWD/target/release/examples/link_bench
CITELINT="$PWD/target/release/citelint check --allow-private --no-archive --no-cache --quiet --format json"

rm -rf "$DIR" && mkdir -p "$DIR"
$BENCH generate "$DIR/big" --profiles 1000 --urls 2000 --hosts 50 --port "$PORT"
$BENCH generate "$DIR/small" --profiles 100 --urls 200 --hosts 50 --port "$PORT"
$BENCH serve --hosts 50 --port "$PORT" --delay-ms 20 --control "$CONTROL" 2> /dev/null &
SERVER=$!
trap 'kill $SERVER' EXIT
sleep 1

count() { curl -s "http://127.0.0.1:$CONTROL/count"; }
reset() { curl -s "http://127.0.0.1:$CONTROL/reset" > /dev/null; }

measure() { # label, corpus, extra flags...
    local label=$1 corpus=$2; shift 2
    reset
    /usr/bin/time -f '%e %M' -o "$DIR/time" $CITELINT "$@" "$DIR/$corpus" > "$DIR/out.json" 2> /dev/null || true
    read -r secs kb < <(tail -n 1 "$DIR/time")
    local findings
    findings=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["summary"]["findings"])' "$DIR/out.json")
    printf '%-34s %7.2f s %8.1f MB peak RSS %6s requests %4s findings\n' "$label" "$secs" "$(echo "$kb / 1024" | bc -l)" "$(count)" "$findings"
}

for round in $(seq "$RUNS"); do
    echo "round $round"
    measure "  links only, 2,000 sources" big
    measure "  --verify-sources, 2,000 sources" big --verify-sources
done
measure "links only, 200 sources" small
measure "--verify-sources, 200 sources" small --verify-sources
