#!/usr/bin/env bash
# The readers' speed: N synthetic profiles (gen_profiles) read as plain text, as HTML and
# as .docx (both written from each profile by the bench itself: pandoc's footnote markup,
# Word's native footnotes), open + parse and with the document rules, on one thread.
# Usage: bench/readers.sh [N] [REPEATS]   (N defaults to 500, REPEATS to 5)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-500}
repeats=${2:-5}
dir=${BENCH_DIR:-target/bench-profiles-$n}

cargo build --release --quiet --example gen_profiles --example reader_bench
[ -d "$dir" ] || target/release/examples/gen_profiles "$dir" "$n"
target/release/examples/reader_bench "$dir" "$repeats"
