#!/usr/bin/env bash
# The same seed gives the same metrics twice, bit for bit, on the CPU with fixed threads: two
# identical short runs, then a comparison of every evaluation column except wall-clock time.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-results/determinism}"
rm -rf "$out"
for run in a b; do
  ./curate train --method uniform --model M --iterations 100 --eval-every 50 --eval-size 2000 \
    --threads 2 --seed 3 --out "$out/$run" > /dev/null
done
strip() { cut -d, -f1-12,14- "$1"; }   # every column but wall_s (the 13th)
if diff <(strip "$out/a/eval.csv") <(strip "$out/b/eval.csv") > "$out/diff.txt"; then
  echo "identical: $(($(wc -l < "$out/a/eval.csv") - 1)) evaluation rows, every metric, loss and FLOP count" | tee "$out/verdict.txt"
else
  echo "DIFFERENT: see $out/diff.txt" | tee "$out/verdict.txt"; exit 1
fi
