#!/usr/bin/env bash
# The jest-noisy-flexi record's table and figures (after
# ./curate sweep experiments/jest-noisy-flexi.yaml --jobs 2 --out results/jest-noisy-flexi):
# its own figure set, and its curves beside filtering-ratio-noisy's (the same noisy pool scored at
# 28x28, with uniform as f = 0), against iterations and against total FLOPs. Its multipliers are
# rows of the multiplier table (./curate multipliers experiments/multipliers.yaml).
#   bash experiments/jest-noisy-flexi-report.sh
set -euo pipefail
cd "$(dirname "$0")/.."
sweep=results/jest-noisy-flexi
plots=plots/jest-noisy-flexi
./curate table --sweep "$sweep" --by filter-ratio --columns zeroshot_top1,probe_10shot,batch_clean,batch_misaligned,flops_total \
  --out "$sweep/table.md"
./curate plot --sweep "$sweep" --out "$plots"
for x in iteration flops_total; do
  log=(); [[ "$x" == flops_total ]] && log=(--log-x)
  ./curate plot --sweep results/filtering-ratio-noisy --sweep "$sweep" --by filter-ratio --x "$x" "${log[@]}" \
    --title "Noisy pool, by f: scored at 28x28 and at 14x14" --out "$plots/against-28x28-scoring-$x"
done
