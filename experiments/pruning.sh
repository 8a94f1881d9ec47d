#!/usr/bin/env bash
# Offline pruning (DBP paper): the default web pool pruned to 30% with DBP, SSP and random pruning,
# using the curated-M reference's image embeddings (k = 100 clusters), against the full pool; the
# M CNN trained uniformly for the same iterations on each, 3 seeds. Also SemDeDup's and the
# score filter's effect on the pool's composition.
# Results: results/pruning/<config>-s<seed>/ (eval.csv, provenance.json with the pruned pool's
# composition); results/pruning/composition-<method>.txt ; figure plots/pruning-iterations.{png,svg}.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-results/pruning}"
iterations="${ITERATIONS:-600}"
seeds=(${SEEDS:-0 1 2})
reference="${REFERENCE:-results/references/curated-M.zip}"
[[ -f "$reference" ]] || bash experiments/reference.sh
mkdir -p "$out"
for method in dbp ssp random semdedup score; do
  [[ -f "$out/composition-$method.txt" ]] || ./curate prune --reference "$reference" --method "$method" --keep 0.3 \
    --out "$out/kept-$method.txt" > "$out/composition-$method.txt"
done
configs=(full dbp ssp random)
for seed in "${seeds[@]}"; do
  for config in "${configs[@]}"; do
    dir="$out/$config-s$seed"
    pruning=()
    [[ "$config" != full ]] && pruning=(--pool-pruning "$config" --keep 0.3 --reference "$reference")
    resume=()
    [[ -f "$dir/state.json" ]] && resume=(--resume)
    ./curate train --method uniform "${pruning[@]}" --model M --iterations "$iterations" --eval-every 100 \
      --seed "$seed" --out "$dir" "${resume[@]}"
  done
done
plot_runs=()
for seed in "${seeds[@]}"; do for c in "${configs[@]}"; do plot_runs+=(--run "$c=$out/$c-s$seed"); done; done
./curate table "${plot_runs[@]}" --out "$out/table.md"
./curate plot "${plot_runs[@]}" --x iteration --y zeroshot_top1 --title "Pruned to 30% vs the full web pool (M CNN)" \
  --out plots/pruning-iterations
