#!/usr/bin/env bash
# Does JEST's iteration multiplier grow with the budget? experiments/jest-methods.sh measures it
# against uniform's final accuracy after 600 steps. Here uniform trains 4x longer (2 400 steps)
# and learnability (joint, 28x28 scoring) 1 200, on the same default web pool, f = 0.8, curated-M
# reference, M CNN: the multiplier is then the steps learnability needs to reach what uniform
# reaches in 2 400. (A 600-step prefix of a 2 400-step run is not a 600-step run: the cosine
# learning-rate schedule depends on the budget.)
# The multiplier is measured at uniform's final (2 400-step) error (`fit --target final`), the papers' definition.
# Results: results/jest-long/<config>-s<seed>/; after the runs, the fit and table
# (results/jest-long/multiplier-{iterations,flops}.json, table.md) and plots/jest-long.{png,svg}.
# Re-running resumes unfinished runs and skips finished ones; SEEDS="0" and SEEDS="1" may run at
# the same time, one core each (CURATE_THREADS=1); REPORT_ONLY=1 refits what has finished.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-results/jest-long}"
seeds=(${SEEDS:-0 1 2})
reference="${REFERENCE:-results/references/curated-M.zip}"
[[ -f "$reference" ]] || bash experiments/reference.sh
for seed in "${seeds[@]}"; do
  [[ -n "${REPORT_ONLY:-}" ]] && break
  for config in uniform learnability; do
    dir="$out/$config-s$seed"
    iterations=2400
    [[ "$config" == learnability ]] && iterations=1200
    resume=()
    [[ -f "$dir/state.json" ]] && resume=(--resume)
    ./curate train --method "$config" --selection joint --filter-ratio 0.8 --reference "$reference" \
      --model M --iterations "$iterations" --eval-every 200 --seed "$seed" --out "$dir" "${resume[@]}"
  done
done
finished=()
for seed in 0 1 2; do
  for c in uniform learnability; do
    target=2400
    [[ "$c" == learnability ]] && target=1200
    [[ -f "$out/$c-s$seed/eval.csv" && "$(tail -1 "$out/$c-s$seed/eval.csv" | cut -d, -f1)" == "$target" ]] \
      && finished+=(--run "$c=$out/$c-s$seed")
  done
done
./curate fit "${finished[@]}" --x iteration --y error --baseline uniform --target final --out "$out/multiplier-iterations.json"
./curate fit "${finished[@]}" --x flops_total --y error --baseline uniform --target final --out "$out/multiplier-flops.json"
./curate table "${finished[@]}" --out "$out/table.md"
./curate plot "${finished[@]}" --x iteration --y zeroshot_top1 --title "Uniform for 2 400 steps vs learnability for 1 200 (mean over seeds)" \
  --out plots/jest-long
