#!/usr/bin/env bash
# The compute-scaling and model-size record (issue 14, items 2 and 3), after
#   ./curate sweep experiments/scaling.yaml --jobs 2 --out results/scaling
# Writes, from results/scaling/results.csv alone:
#   results/scaling/model-size.md          final accuracy per size x budget x method (mean ± sd over seeds) and
#                                          JEST's multiplier per size and budget, in iterations and in total FLOPs
#   results/scaling/fit-compute.json       saturating law E(C) = E_inf + A C^-alpha on each method's Pareto frontier
#   results/scaling/compute-multiplier.csv the multiplier along uniform's frontier (plots/scaling/compute-multiplier.png)
#   results/scaling/fit-chinchilla.json    E(N, D) per method on each cell's final row, with the compute-optimal
#                                          ladder size per budget (fit-chinchilla-compute-optimal.csv; each size's
#                                          N and FLOPs per example in fit-chinchilla-ladder.csv)
#   plots/scaling/                         the sweep's figure set, compute-frontier.png, compute-multiplier.png
set -euo pipefail
cd "$(dirname "$0")/.."
sweep="${SWEEP:-results/scaling}"
plots="${PLOTS:-plots/scaling}"
mkdir -p "$plots"

./curate fit --runs "$sweep/results.csv" --x flops_total --by method --pareto --baseline uniform --target final \
  --out "$sweep/fit-compute.json" --plot "$plots/compute"
mv "$plots/compute-multiplier.csv" "$sweep/compute-multiplier.csv"
# Every cell's final row (a Chinchilla point is a run trained to D with its own schedule, not a point
# midway through a longer cosine).
./curate fit --runs "$sweep/results.csv" --final --form chinchilla --x parameters --x2 examples --by method --out "$sweep/fit-chinchilla.json"

# Final accuracy and JEST's multipliers per (size, budget), each from that pair's rows alone (as curate fit
# --where model=S --where iterations=600 would give them); a 150-step cell has two evaluations (100, 150):
# too few points for a law, and its line says so.
./curate fit-table --runs "$sweep/results.csv" --within model:size,iterations:steps --by method --baseline uniform \
  --method learnability --x iteration:iterations,flops_total:FLOPs --target final --out "$sweep/model-size.md" \
  --title "Final zero-shot top-1 per learner size and budget (mean ± sd over seeds, cells in brackets), web pool,
curated-M reference, f = 0.8, and JEST's multiplier at uniform's final accuracy: how many times fewer
iterations / total FLOPs (training plus learner and reference scoring) learnability needs to reach it,
empirical (interpolated on the seed-averaged curve; 'never' if it does not) and fitted (saturating law
per method, 95% bootstrap interval over seeds). \`bash experiments/scaling-report.sh\`."
./curate plot --sweep "$sweep" --out "$plots"
