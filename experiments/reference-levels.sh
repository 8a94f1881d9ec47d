#!/usr/bin/env bash
# One reference per curation level (issue 14, item 1): the M CNN trained on each level's reference
# set for the same 1 600 steps of 256, seed 0, one thread (so reruns are bit-identical). Each level
# adds to the one below it (less noise, more images, rich captions beside the standard ones), and
# the levels' zero-shot accuracies should rise in that order. experiments/curation-level.yaml trains
# learners against these files. Results: results/references/levels/<level>-M.zip{,.json,.run/},
# table: results/references/levels/table.md. About 50 minutes on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-results/references/levels}"
iterations="${ITERATIONS:-1600}"
seed="${SEED:-0}"
levels=(none half-noise curated curated-plus curated-plus-plus)
runs=()
for level in "${levels[@]}"; do
  file="$out/$level-M.zip"
  runs+=(--run "$level=$file.run")
  [[ -f "$file" ]] && continue
  resume=()
  [[ -f "$file.run/state.json" ]] && resume=(--resume)
  ./curate reference --curation-level "$level" --model M --iterations "$iterations" --eval-every "$iterations" \
    --seed "$seed" --threads 1 --out "$file" "${resume[@]}"
done
./curate table "${runs[@]}" --columns zeroshot_top1,probe_10shot,i2t_r1,t2i_r1 --out "$out/table.md"
