#!/usr/bin/env bash
# The JEST reference model: the M CNN trained on the clean, class-balanced curated level (2 000
# pairs). Results: results/references/curated-M.zip.json (final metrics, provenance) and
# results/references/curated-M.zip.run/eval.csv (its curve). The checkpoint itself is not
# committed (re-create it with this script).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-results/references}"
level="${LEVEL:-curated}"
model="${MODEL:-M}"
resume=()
[[ -f "$out/$level-$model.zip.run/state.json" ]] && resume=(--resume)
[[ -f "$out/$level-$model.zip" && ${#resume[@]} -eq 0 ]] && { echo "$out/$level-$model.zip exists"; exit 0; }
./curate reference --curation-level "$level" --model "$model" --iterations "${ITERATIONS:-800}" --eval-every 200 \
  --seed "${SEED:-0}" --out "$out/$level-$model.zip" "${resume[@]}"
