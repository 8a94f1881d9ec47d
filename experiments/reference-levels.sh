#!/usr/bin/env bash
# One reference per curation level (issue 14, item 1): the M CNN trained on each level's reference
# set, seed 0, one thread (so reruns are bit-identical). Each level adds to the one below it (less
# noise, more images, rich captions beside the standard ones), and the levels' zero-shot accuracies
# should rise in that order. experiments/curation-level.yaml trains learners against these files.
# Results: $OUT/<level>-M.zip{,.json,.run/}, table: $OUT/table.md.
#   bash experiments/reference-levels.sh                        # 1 600 steps for every level (results/references/levels)
#   PASSES=80 OUT=results/references/levels-passes bash experiments/reference-levels.sh
#                                                               # 80 passes over each level's images (625 to 3 125 steps)
#   LEVELS="curated-plus-plus" ...                              # only these levels (two shells can split the work)
# About 50 minutes on a quiet machine at 1 600 steps.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-results/references/levels}"
iterations="${ITERATIONS:-1600}"
passes="${PASSES:-}"
seed="${SEED:-0}"
all_levels=(none half-noise curated curated-plus curated-plus-plus)
read -r -a levels <<< "${LEVELS:-${all_levels[*]}}"
# With PASSES, each level's budget is in proportion to its images (curate reference --passes), with
# an evaluation row every 400 steps to show where each one stops improving.
if [[ -n "$passes" ]]; then budget=(--passes "$passes" --eval-every 400); else budget=(--iterations "$iterations" --eval-every "$iterations"); fi
for level in "${levels[@]}"; do
  file="$out/$level-M.zip"
  [[ -f "$file" ]] && continue
  resume=()
  [[ -f "$file.run/state.json" ]] && resume=(--resume)
  ./curate reference --curation-level "$level" --model M "${budget[@]}" --seed "$seed" --threads 1 --out "$file" "${resume[@]}"
done
runs=()
for level in "${all_levels[@]}"; do
  [[ -f "$out/$level-M.zip" ]] && runs+=(--run "$level=$out/$level-M.zip.run")
done
./curate table "${runs[@]}" --columns zeroshot_top1,probe_10shot,i2t_r1,t2i_r1 --out "$out/table.md"
