#!/usr/bin/env bash
# JEST's four scores on the default web pool (half of it noise), f = 0.8 (B = 1280, b = 256),
# M CNN learner, reference = the M CNN trained on the curated level (experiments/reference.sh),
# equal iterations; plus learnability with independent selection, and the Flexi-JEST analogue
# (learner scores at 14x14, a quarter of each batch trained at 14x14). Then the iteration and FLOP
# multipliers of learnability/joint over uniform, and the curves.
# Results: results/jest-methods/<config>-s<seed>/ ; fits: results/jest-methods/multiplier-*.json ;
# figures: plots/jest-methods-*.{png,svg} (OUT and PLOTS move them). Re-running resumes or skips finished runs.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-results/jest-methods}"
plots="${PLOTS:-plots/jest-methods}"
iterations="${ITERATIONS:-600}"
seeds=(${SEEDS:-0 1 2})
reference="${REFERENCE:-results/references/curated-M.zip}"
[[ -f "$reference" ]] || bash experiments/reference.sh
configs=(uniform easy-reference hard-learner learnability learnability-independent learnability-flexi)
for seed in "${seeds[@]}"; do
  for config in "${configs[@]}"; do
    dir="$out/$config-s$seed"
    method="${config%-independent}"
    method="${method%-flexi}"
    extra=(--selection joint)
    [[ "$config" == *-independent ]] && extra=(--selection independent)
    [[ "$config" == *-flexi ]] && extra=(--selection joint --score-resolution 14 --multi-res 0.25)
    resume=()
    [[ -f "$dir/state.json" ]] && resume=(--resume)
    ./curate train --method "$method" "${extra[@]}" --filter-ratio 0.8 --reference "$reference" \
      --model M --iterations "$iterations" --eval-every 100 --seed "$seed" --out "$dir" "${resume[@]}"
  done
done
runs() { for seed in "${seeds[@]}"; do for c in "$@"; do echo "--run $c=$out/$c-s$seed"; done; done; }
# shellcheck disable=SC2046
./curate fit $(runs uniform learnability learnability-flexi easy-reference) --x iteration --y error --baseline uniform --target final --out "$out/multiplier-iterations.json"
# shellcheck disable=SC2046
./curate fit $(runs uniform learnability learnability-flexi easy-reference) --x flops_total --y error --baseline uniform --target final --out "$out/multiplier-flops.json"
plot_runs=()
for seed in "${seeds[@]}"; do for c in "${configs[@]}"; do plot_runs+=(--run "$c=$out/$c-s$seed"); done; done
./curate table "${plot_runs[@]}" --columns zeroshot_top1,probe_10shot,batch_clean,batch_misaligned,batch_generic,batch_corrupted,batch_duplicate,batch_learnability,flops_total \
  --out "$out/table.md"
n="${#seeds[@]}"
./curate plot "${plot_runs[@]}" --x iteration --y zeroshot_top1 --title "JEST scores, web pool, f=0.8 (mean of $n seeds)" --out "$plots-iterations"
./curate plot "${plot_runs[@]}" --x flops_total --y zeroshot_top1 --log-x --title "JEST scores vs total FLOPs (mean of $n seeds)" --out "$plots-flops"
./curate plot "${plot_runs[@]}" --x iteration --y batch_clean --title "Clean fraction of the trained batches (mean of $n seeds)" --out "$plots-clean"
