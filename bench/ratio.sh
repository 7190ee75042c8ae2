#!/usr/bin/env bash
# What the rules beyond the footnote ones cost: times grep, the footnote rules, the
# footnote and provenance rules, and all rules, back to back in each of RUNS rounds over
# the same corpus, and prints each round's ratios (a round shares the machine's state, so
# its ratios vary less than separate runs of bench/throughput.sh).
# Usage: bench/ratio.sh [N] [RUNS]   (N files, defaults 10000; RUNS defaults to 7)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${2:-7}
dir=${BENCH_DIR:-target/bench-profiles-$n}
fn=missing-footnote,unused-footnote,duplicate-footnote,footnote-order,ambiguous-ibid,malformed-footnote,broken-cross-reference
prov=$fn,name-mismatch,date-mismatch,invalid-date,source-after-update,undated-source

cargo build --release --quiet --bin citelint --example gen_profiles
[ -d "$dir" ] || target/release/examples/gen_profiles "$dir" "$n"
cat "$dir"/*.txt > /dev/null

secs() { # command... -> wall seconds
  local t0 t1
  t0=$(date +%s.%N)
  "$@" > /dev/null 2>&1 || true
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}

echo "round   grep  footnote  +provenance    all   footnote/grep  +provenance/footnote  all/footnote"
for round in $(seq "$runs"); do
  g=$(secs sh -c "find '$dir' -name '*.txt' -print0 | xargs -0 grep -c '\\[[0-9]*\\]'")
  f=$(secs target/release/citelint check --offline --select "$fn" "$dir")
  p=$(secs target/release/citelint check --offline --select "$prov" "$dir")
  a=$(secs target/release/citelint check --offline "$dir")
  awk -v r="$round" -v g="$g" -v f="$f" -v p="$p" -v a="$a" 'BEGIN {
    printf "%5d %6.3f %9.3f %12.3f %6.3f %15.2f %21.2f %13.2f\n", r, g, f, p, a, f / g, p / f, a / f }'
done
