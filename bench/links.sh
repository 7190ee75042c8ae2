#!/usr/bin/env bash
# Link-checking benchmark: 2,000 distinct URLs on 50 loopback hosts (127.0.0.1 … 127.0.0.50,
# each its own server address, so per-host limits apply as on the web), cited 10,000 times
# across 1,000 generated profiles, each response delayed 20 ms. Measures citelint's and
# lychee's wall time and the requests the servers received, with each tool's defaults and
# with equal per-host settings, then a cached second run.
#
# Usage: bench/links.sh            (needs Linux, where all of 127/8 is routed to lo,
#                                    and `lychee` on PATH for the comparison)
set -euo pipefail
cd "$(dirname "$0")/.."

DIR=${DIR:-/tmp/citelint-link-bench}
PORT=${PORT:-8000}
CONTROL=${CONTROL:-7999}

cargo build --release --bin citelint --example link_bench
BENCH=$PWD/target/release/examples/link_bench
# The hosts are loopback addresses, which the default address policy refuses.
CITELINT="$PWD/target/release/citelint check --allow-private --no-archive --quiet --format json"

rm -rf "$DIR" && mkdir -p "$DIR"
$BENCH generate "$DIR/profiles" --profiles 1000 --urls 2000 --hosts 50 --port "$PORT"

$BENCH serve --hosts 50 --port "$PORT" --delay-ms 20 --control "$CONTROL" &
SERVER=$!
trap 'kill $SERVER' EXIT
sleep 1

count() { curl -s "http://127.0.0.1:$CONTROL/count"; }
reset() { curl -s "http://127.0.0.1:$CONTROL/reset" > /dev/null; }

# Runs a command, prints its wall time and the requests the servers received.
measure() {
    local name=$1; shift
    reset
    local start end
    start=$(date +%s.%N)
    "$@" > "$DIR/out.txt" 2> "$DIR/err.txt" || true
    end=$(date +%s.%N)
    printf '%-44s wall %6.2f s   requests %s\n' "$name" "$(echo "$end - $start" | bc)" "$(count)"
    # citelint's JSON summary, or lychee's closing line.
    python3 -c 'import json, sys; s = json.load(open(sys.argv[1]))["summary"]; print({k: s[k] for k in ("links", "link_requests", "link_cache_hits", "findings")})' "$DIR/out.txt" 2>/dev/null \
        || cat "$DIR/out.txt" "$DIR/err.txt" | grep -E "Total" | tail -n 1 | cut -c1-220

}

measure "citelint defaults (4/host, 100 ms)" $CITELINT --no-cache "$DIR/profiles"
measure "citelint lychee's (10/host, 50 ms)" $CITELINT --no-cache --per-host 10 --interval 50ms "$DIR/profiles"
rm -f "$DIR/cache"
measure "citelint cold, cache on (defaults)" $CITELINT --cache "$DIR/cache" "$DIR/profiles"
measure "citelint second run (cached)" $CITELINT --cache "$DIR/cache" "$DIR/profiles"

if command -v lychee > /dev/null; then
    LY="lychee --no-progress --format compact"
    measure "lychee defaults (10/host, 50 ms)" $LY "$DIR"/profiles/*.txt
    measure "lychee citelint's (4/host, 100 ms)" $LY --host-concurrency 4 --host-request-interval 100ms "$DIR"/profiles/*.txt
    # lychee keeps its cache in ./.lycheecache.
    cd "$DIR" && rm -f .lycheecache
    measure "lychee cold, cache on" $LY --cache profiles/*.txt
    measure "lychee second run (cached)" $LY --cache profiles/*.txt
    cd - > /dev/null
else
    echo "lychee not found on PATH: skipping the comparison"
fi
