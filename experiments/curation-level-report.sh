#!/usr/bin/env bash
# The curation-level record's tables, multipliers and figures (after experiments/reference-levels.sh
# and the curation-level sweep): learner accuracy per reference level, and how many times fewer
# iterations / total FLOPs each level's learner needs to reach uniform's final accuracy. Uniform is
# the f = 0 cells of results/filtering-ratio (same pool, learner, 600 steps and seeds 0-2).
#   bash experiments/curation-level-report.sh
#   SWEEP=results/curation-level-passes REFS=results/references/levels-passes PLOTS=plots/curation-level-passes \
#     bash experiments/curation-level-report.sh          # the ladder trained for 80 passes per level
set -euo pipefail
cd "$(dirname "$0")/.."
sweep="${SWEEP:-results/curation-level}"
uniform="${UNIFORM:-results/filtering-ratio}"
refs="${REFS:-results/references/levels}"
plots="${PLOTS:-plots/curation-level}"
runs=()
for d in "$uniform"/cells/filter-ratio=0.0,seed=*; do runs+=(--run "uniform=$d"); done
for level in none half-noise curated curated-plus curated-plus-plus; do
  # a cell's folder names its reference path with / as _
  for d in "$sweep"/cells/reference="${refs//\//_}"_$level-M.zip,seed=*; do if [[ -d "$d" ]]; then runs+=(--run "$level=$d"); fi; done
done
./curate table --sweep "$sweep" --by reference --columns zeroshot_top1,probe_10shot,batch_clean,batch_misaligned,flops_total \
  --out "$sweep/table.md"
for x in iteration flops_total; do
  ./curate fit "${runs[@]}" --x "$x" --baseline uniform --target final --out "$sweep/multiplier-$x.json"
done
./curate plot --sweep "$sweep" --out "$plots"
