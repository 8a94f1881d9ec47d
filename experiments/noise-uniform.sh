#!/usr/bin/env bash
# Uniform training of the M CNN on web pools of rising noise (20%, 50%, 80% of pairs are noise,
# in the web pool's proportions), at equal iterations: the noisier the pool, the lower the curve.
# Results: results/noise-uniform/<label>/ ; figure: plots/noise-uniform.{png,svg}.
# Re-running resumes unfinished runs and skips finished ones.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-results/noise-uniform}"
iterations="${ITERATIONS:-600}"
seed="${SEED:-0}"
labels=(noise-0.2 noise-0.5 noise-0.8)
specs=(
  "misaligned=0.08,generic=0.04,corrupted=0.04,duplicate=0.04,longtail=0.5"
  "web"
  "misaligned=0.32,generic=0.16,corrupted=0.16,duplicate=0.16,longtail=0.5"
)
plot_args=()
for i in "${!labels[@]}"; do
  dir="$out/${labels[$i]}"
  resume=()
  [[ -f "$dir/state.json" ]] && resume=(--resume)
  ./curate train --method uniform --model M --noise "${specs[$i]}" --iterations "$iterations" \
    --eval-every 100 --seed "$seed" --out "$dir" "${resume[@]}"
  plot_args+=(--run "${labels[$i]}=$dir")
done
./curate table "${plot_args[@]}" --columns zeroshot_top1,probe_10shot --out "$out/table.md"
./curate plot "${plot_args[@]}" --x iteration --y zeroshot_top1 \
  --title "Uniform training, M CNN: noisier pools end lower" --out plots/noise-uniform
