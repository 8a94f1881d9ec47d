#!/usr/bin/env bash
# The noisy pool at 2 400 steps (issue 14, item 5), after
#   ./curate sweep experiments/uniform-noisy-long.yaml --jobs 2 --out results/uniform-noisy-long
#   ./curate sweep experiments/jest-noisy-flexi-long.yaml --jobs 2 --out results/jest-noisy-flexi-long
# Writes results/jest-noisy-flexi-long/table.md (final metrics per reference, and uniform's in
# results/uniform-noisy-long/table.md) and plots/jest-noisy-flexi-long/: its figure set, and
# against-uniform-{iteration,flops_total}.png (uniform against learnability with each reference,
# seed-averaged). The multipliers are rows of the multiplier table
# (./curate multipliers experiments/multipliers.yaml).
#   bash experiments/noisy-long-report.sh
set -euo pipefail
cd "$(dirname "$0")/.."
uniform=results/uniform-noisy-long
jest=results/jest-noisy-flexi-long
plots=plots/jest-noisy-flexi-long
title="Noisy pool, 2 400 steps: f = 0.5, scored at 14x14"
columns=zeroshot_top1,probe_10shot,batch_clean,batch_misaligned,flops_total
./curate table --sweep "$uniform" --by method --columns "$columns" --out "$uniform/table.md"
./curate table --sweep "$jest" --by reference --columns "$columns" --out "$jest/table.md"
runs=()
for d in "$uniform"/cells/*; do runs+=(--run "uniform=$d"); done
for level in curated-M curated-plus-plus-M; do
  for d in "$jest"/cells/reference=*_"$level".zip,seed=*; do runs+=(--run "learnability, $level reference=$d"); done
done
./curate plot --sweep "$jest" --out "$plots"
./curate plot "${runs[@]}" --x iteration --title "$title" \
  --out "$plots/against-uniform-iteration"
./curate plot "${runs[@]}" --x flops_total --log-x --title "$title" \
  --out "$plots/against-uniform-flops_total"
