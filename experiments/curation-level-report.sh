#!/usr/bin/env bash
# The curation-level record's tables, multipliers and figures (after experiments/reference-levels.sh
# and the curation-level sweep): learner accuracy per reference level, and how many times fewer
# iterations / total FLOPs each level's learner needs to reach uniform's final accuracy. Uniform is
# the f = 0 cells of results/filtering-ratio (same pool, learner, 600 steps and seeds 0-2).
set -euo pipefail
cd "$(dirname "$0")/.."
sweep="${SWEEP:-results/curation-level}"
uniform="${UNIFORM:-results/filtering-ratio}"
runs=()
for d in "$uniform"/cells/filter-ratio=0.0,seed=*; do runs+=(--run "uniform=$d"); done
for level in none half-noise curated curated-plus curated-plus-plus; do
  for d in "$sweep"/cells/reference=results_references_levels_$level-M.zip,seed=*; do runs+=(--run "$level=$d"); done
done
./curate table --sweep "$sweep" --by reference --columns zeroshot_top1,probe_10shot,batch_clean,batch_misaligned,flops_total \
  --out "$sweep/table.md"
for x in iteration flops_total; do
  ./curate fit "${runs[@]}" --x "$x" --baseline uniform --target final --out "$sweep/multiplier-$x.json"
done
./curate plot --sweep "$sweep" --out plots/curation-level
