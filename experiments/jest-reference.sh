#!/usr/bin/env bash
# Does a better reference raise JEST's multiplier? (the paper's "data quality bootstraps", Fig. 4.)
# Learnability (joint, 28x28 scoring) on the default web pool, f = 0.8, M CNN, 600 steps — the
# settings of experiments/jest-methods.sh — with the reference trained on the curated-plus-plus
# level (10 000 clean pairs with rich captions, 800 steps) instead of the curated level (2 000
# pairs). The multipliers are against the uniform runs of jest-methods.sh, at uniform's final
# accuracy (`fit --target final`).
# Results: results/jest-reference/learnability-ppM-s<seed>/, multiplier-{iterations,flops}.json,
# table.md. SEEDS="0" and SEEDS="1" may run at the same time, one core each (CURATE_THREADS=1);
# REPORT_ONLY=1 refits what has finished.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-results/jest-reference}"
seeds=(${SEEDS:-0 1 2})
reference=results/references/curated-plus-plus-M.zip
finished() { [[ -f "$1/eval.csv" && "$(tail -1 "$1/eval.csv" | cut -d, -f1)" == 600 ]]; }
[[ -f "$reference" ]] || LEVEL=curated-plus-plus bash experiments/reference.sh
for seed in "${seeds[@]}"; do
  [[ -n "${REPORT_ONLY:-}" ]] && break
  dir="$out/learnability-ppM-s$seed"
  resume=()
  [[ -f "$dir/state.json" ]] && resume=(--resume)
  finished "$dir" && continue
  ./curate train --method learnability --selection joint --filter-ratio 0.8 --reference "$reference" \
    --model M --iterations 600 --eval-every 100 --seed "$seed" --out "$dir" "${resume[@]}"
done
runs=()
for seed in 0 1 2; do
  runs+=(--run "uniform=results/jest-methods/uniform-s$seed" --run "learnability-curated=results/jest-methods/learnability-s$seed")
  finished "$out/learnability-ppM-s$seed" && runs+=(--run "learnability-curated-plus-plus=$out/learnability-ppM-s$seed")
done
./curate fit "${runs[@]}" --x iteration --y error --baseline uniform --target final --out "$out/multiplier-iterations.json"
./curate fit "${runs[@]}" --x flops_total --y error --baseline uniform --target final --out "$out/multiplier-flops.json"
./curate table "${runs[@]}" --out "$out/table.md"
