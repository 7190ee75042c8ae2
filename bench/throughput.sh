#!/usr/bin/env bash
# Throughput of `citelint check --offline` over N synthetic profiles, beside the floor of
# `wc -l` and `grep -c` over the same files, and one profile's wall time (process start
# to exit). Usage: bench/throughput.sh [N] [RULES]   (N defaults to 10000; RULES is an
# optional --select list, e.g. the footnote rules only, to price the other rules)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
select=${2:-}
dir=${BENCH_DIR:-target/bench-profiles-$n}

cargo build --release --quiet --bin citelint --example gen_profiles
[ -d "$dir" ] || target/release/examples/gen_profiles "$dir" "$n"
bytes=$(cat "$dir"/*.txt | wc -c)
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "corpus: $n files, $mb MB in $dir ($(nproc) cores)"

# Warm the page cache so every tool reads from memory.
cat "$dir"/*.txt > /dev/null

measure() { # label, command...
  local label=$1; shift
  local t0 t1 secs
  t0=$(date +%s.%N)
  # time(1) puts a line about a non-zero exit (findings) before the RSS: read the last.
  /usr/bin/time -f '%M' -o /tmp/citelint-bench-rss "$@" > /dev/null 2>&1 || true
  t1=$(date +%s.%N)
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  awk -v l="$label" -v s="$secs" -v b="$bytes" -v n="$n" -v r="$(tail -n 1 /tmp/citelint-bench-rss)" \
    'BEGIN { printf "%-34s %8.3f s %8.1f MB/s %9.0f files/s %8.1f MB peak RSS\n", l, s, b / 1e6 / s, n / s, r / 1024 }'
}

measure "wc -l" sh -c "find '$dir' -name '*.txt' -print0 | xargs -0 wc -l"
measure "grep -c '\\[[0-9]*\\]'" sh -c "find '$dir' -name '*.txt' -print0 | xargs -0 grep -c '\\[[0-9]*\\]'"
if [ -n "$select" ]; then
  measure "citelint check --offline ($select)" target/release/citelint check --offline --select "$select" "$dir"
fi
measure "citelint check --offline" target/release/citelint check --offline "$dir"

one=$(find "$dir" -name '*.txt' -print -quit)
t0=$(date +%s%N)
for _ in $(seq 20); do target/release/citelint check --offline "$one" > /dev/null 2>&1 || true; done
t1=$(date +%s%N)
echo "one profile, mean of 20 runs: $(( (t1 - t0) / 20 / 1000 )) µs wall"
