#!/usr/bin/env bash
# The DBP-as-the-paper-runs-it record (issue 15), after
#   ./curate sweep experiments/pruning-pipeline.yaml --jobs 2 --out results/pruning-pipeline
# Writes, under results/pruning-pipeline/:
#   table.md        final metrics per pipeline (mean ± sd over seeds)
#   composition.md  what each pipeline's stages kept, by provenance kind (from the cells' provenance.json)
#   paired.md       paired-by-seed differences with 95% t intervals (curate compare): DBP against SSP and
#                   random after the same dedup and filter, and every pruned pool against the full pool, at
#                   equal compute
#   stages.csv, clusters.csv   one pipeline (semdedup+score:0.7+dbp:0.3) re-pruned by `curate prune`
# and plots/pruning-pipeline/ (the figure set, with accuracy against the fraction kept, and DBP's quota
# against cluster complexity).
set -euo pipefail
cd "$(dirname "$0")/.."
sweep="${SWEEP:-results/pruning-pipeline}"
plots="${PLOTS:-plots/pruning-pipeline}"
mkdir -p "$plots"

./curate table --sweep "$sweep" --by pool-pruning --columns zeroshot_top1,probe_10shot,batch_clean,batch_misaligned,batch_duplicate \
  --out "$sweep/table.md"

# What each stage kept, by provenance kind (from the cells' provenance.json), mean over seeds.
./curate table --sweep "$sweep" --by pool-pruning --name pipeline --stages --out "$sweep/composition.md" \
  --title "What each stage kept, by provenance kind (pairs, mean over seeds; the web pool of 20 000 has 10 000 clean,
4 000 misaligned, 2 000 generic, 2 000 corrupted, 2 000 duplicates). \`bash experiments/pruning-pipeline-report.sh\`."

# Paired by seed: the same seed fixes initialisation and data order for every pipeline. DBP against SSP
# and random after the same dedup and filter, every pruned pool against the full pool, and two more.
pre="semdedup+score:0.7"
./curate compare --sweep "$sweep" --by pool-pruning --name pipeline --metric zeroshot_top1 --sides none --out "$sweep/paired.md" \
  --a "$pre+dbp:0.3" --b "$pre+ssp:0.3" --a "$pre+dbp:0.3" --b "$pre+random:0.3" --a "$pre+ssp:0.3" --b "$pre+random:0.3" \
  --a "$pre+dbp:0.5" --b "$pre+ssp:0.5" --a "$pre+dbp:0.5" --b "$pre+random:0.5" --a "$pre+ssp:0.5" --b "$pre+random:0.5" \
  --a '*' --b none --a "$pre+dbp:0.3" --b dbp:0.3 --a "$pre+dbp:0.5" --b semdedup+score:0.5 \
  --title "Final zero-shot top-1, paired by seed (a difference per seed, then its mean and 95% t interval over
seeds); every cell trains the M CNN uniformly for 600 steps of 256 (equal training compute).
\`bash experiments/pruning-pipeline-report.sh\`."

./curate prune --reference results/references/curated-M.zip --noise web --method semdedup+score:0.7+dbp:0.3 \
  --out "$sweep/kept-semdedup-score-dbp-0.3.txt" --stages-csv "$sweep/stages.csv" --cluster-csv "$sweep/clusters.csv" \
  --cluster-plot "$plots/quota-vs-complexity" > "$sweep/prune.log"
rm -f "$sweep/kept-semdedup-score-dbp-0.3.txt"
./curate plot --sweep "$sweep" --out "$plots"
