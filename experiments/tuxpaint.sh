#!/usr/bin/env bash
# A real demo on real pairs (issue 25, item 7): Debian's tuxpaint-stamps-default
# (`bash scripts/setup --demo-data`; 785 usable PNG stamps with an English first line in a sidecar
# .txt, in category folders). Plain curate commands:
#   1. split the stamps into a curated quarter and the rest (curate data split, seed 0);
#   2. a reference on the curated part (S CNN, RGB 32x32, 600 steps of 32);
#   3. uniform against learnability (experiments/tuxpaint.yaml) and a score+DBP pipeline
#      (experiments/tuxpaint-dbp.yaml) on the rest, 30% of its training captions moved to other pairs
#      (--shuffle-captions 0.3: misaligned at a known rate), 3 seeds, one cell at a time, 1 thread;
#   4. tables, paired comparisons, figures and the multipliers.
# Results: results/tuxpaint/ (the data and the reference checkpoint stay in runs/tuxpaint-data/,
# which git ignores; the split's recipe, key lists and the reference's record are copied to
# results/tuxpaint/). About 8 minutes on one thread of a shared 2-core machine
# (results/tuxpaint/script-time.txt). Re-running resumes
# the sweeps (finished cells are skipped) and rewrites the reports.
set -euo pipefail
cd "$(dirname "$0")/.."
export CURATE_THREADS=1
stamps="${STAMPS:-/usr/share/tuxpaint/stamps}"
data=runs/tuxpaint-data
out=results/tuxpaint
start=$SECONDS
mkdir -p "$out"

# 1. The split: 785 usable pairs (184 items skipped: SVG-only stamps and captions without images).
if [[ ! -f "$data/split.json" ]]; then
  ./curate data split --pairs "$stamps" --caption-first-line --label-from folder --max-bad 0.25 \
    --fraction 0.25 --seed 0 --out "$data"
fi
cp "$data/split.json" "$out/split.json"
cut -f1 "$data/curated.tsv" > "$out/curated-files.txt"
cut -f1 "$data/pool.tsv" > "$out/pool-files.txt"

# 2. The reference, on the curated quarter (it holds out its own 10% for its rows).
pairs=(--label-column label --channels 3 --image-size 32)
model=(--model S --tower cnn --batch 32 --threads 1)
if [[ ! -f "$data/reference.zip" ]]; then
  ./curate reference --reference-pairs "$data/curated.tsv" "${pairs[@]}" "${model[@]}" --iterations 600 --eval-every 100 \
    --out "$data/reference.zip"
fi
cp "$data/reference.zip.json" "$out/reference.json"
mkdir -p "$out/reference"
cp "$data/reference.zip.run/eval.csv" "$data/reference.zip.run/provenance.json" "$out/reference/"

# 3. The sweeps, one cell at a time.
for spec in tuxpaint:methods tuxpaint-dbp:dbp; do
  dir="$out/${spec#*:}"
  resume=()
  [[ -f "$dir/sweep.json" ]] && resume=(--resume)
  ./curate sweep "experiments/${spec%%:*}.yaml" --jobs 1 --out "$dir" "${resume[@]}"
done
stamp="$(date -u +%Y-%m-%dT%H:%MZ)"
trained=$((SECONDS - start))

# 4. Reports: one table over the three conditions, paired differences by seed, figures, multipliers.
runs=()
for c in "$out"/methods/cells/method=uniform,*; do runs+=(--run "uniform=$c"); done
for c in "$out"/methods/cells/method=learnability,*; do runs+=(--run "learnability=$c"); done
for c in "$out"/dbp/cells/pool-pruning=*; do runs+=(--run "score+dbp=$c"); done
./curate table "${runs[@]}" --name condition \
  --columns i2t_r1,i2t_r5,t2i_r1,t2i_r5,zeroshot_top1,batch_clean,batch_misaligned,batch_learnability,flops_total \
  --title "Final row, mean ± sd over 3 seeds; recall on the 59 held-out stamps, zero-shot over their folder labels;
batch_* the share of clean and misaligned (caption moved) pairs in the batches trained on over the last 100 steps.
\`bash experiments/tuxpaint.sh\`." --out "$out/table.md"
./curate table --sweep "$out/dbp" --by pool-pruning --name pipeline --stages --out "$out/composition.md" \
  --title "What each stage kept, by kind (pairs, mean over seeds): of the 530 training pairs, 159 have a moved caption.
\`bash experiments/tuxpaint.sh\`."
for metric in i2t_r1 t2i_r1; do
  ./curate compare "${runs[@]}" --metric "$metric" --a learnability --b uniform --a score+dbp --b uniform --sides none \
    --title "Final $metric on the 59 held-out stamps, paired by seed (a difference per seed, then its mean and 95% t interval
over the 3 seeds). \`bash experiments/tuxpaint.sh\`." --out "$out/paired-$metric.md"
done
mkdir -p "$out/figures"
# The sweep's figure set on image-to-text recall@1 (zero-shot top-1 is 0 for every run here).
./curate plot --sweep "$out/methods" --by method --metric i2t_r1 --out "$out/figures/methods"
for y in i2t_r1 t2i_r1 batch_misaligned; do
  ./curate plot "${runs[@]}" --x iteration --y "$y" --title "Tux Paint stamps, 30% captions moved: $y (mean of 3 seeds)" \
    --out "$out/figures/$y"
done
./curate multipliers experiments/tuxpaint-multipliers.yaml --out "$out/multipliers"
# One line per run of this script (a re-run resumes: finished cells are skipped, so its line is short).
echo "$stamp  split, reference and sweeps: $trained s; with the reports: $((SECONDS - start)) s" >> "$out/script-time.txt"
