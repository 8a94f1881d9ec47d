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
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
mkdir -p "$plots"

# JEST's multipliers per (size, budget), each from that pair's rows alone (curate fit --where).
./curate table --sweep "$sweep" --by model,iterations --format csv --columns zeroshot_top1 | tail -n +2 | cut -d, -f1,2 | tr , ' ' |
while read -r model budget; do
  for x in iteration flops_total; do
    # A 150-step cell has two evaluations (100, 150): too few points for a law; its row says so.
    ./curate fit --runs "$sweep/results.csv" --where "model=$model" --where "iterations=$budget" --x "$x" --by method \
      --baseline uniform --target final --out "$tmp/fit-$model-$budget-$x.json" >/dev/null 2>"$tmp/fit-$model-$budget-$x.err" || true
  done
done
./curate fit --runs "$sweep/results.csv" --x flops_total --by method --pareto --baseline uniform --target final \
  --out "$sweep/fit-compute.json" --plot "$plots/compute"
mv "$plots/compute-multiplier.csv" "$sweep/compute-multiplier.csv"
# Every cell's final row (a Chinchilla point is a run trained to D with its own schedule, not a point
# midway through a longer cosine).
./curate fit --runs "$sweep/results.csv" --final --form chinchilla --x parameters --x2 examples --by method --out "$sweep/fit-chinchilla.json"

python3 - "$sweep" "$tmp" <<'PY'
import csv, json, statistics, sys
sweep, tmp = sys.argv[1], sys.argv[2]
last = {}
for r in csv.DictReader(open(f"{sweep}/results.csv")):
    if r["cell"] not in last or int(r["iteration"]) >= int(last[r["cell"]]["iteration"]):
        last[r["cell"]] = r
final = list(last.values())
sizes = [s for s in ("S", "M", "L", "XL") if any(r["model"] == s for r in final)]
budgets = sorted({int(r["iterations"]) for r in final})
def acc(model, it, method):
    v = [float(r["zeroshot_top1"]) for r in final if r["model"] == model and int(r["iterations"]) == it and r["method"] == method]
    return (f"{statistics.mean(v):.3f} ± {statistics.stdev(v):.3f} ({len(v)})" if len(v) > 1
            else (f"{v[0]:.3f} (1)" if v else "-"))
def mult(model, it, x):
    try:
        open(f"{tmp}/fit-{model}-{it}-{x}.json")
    except FileNotFoundError:
        return "too few evaluations", "-"
    g = next(f for f in json.load(open(f"{tmp}/fit-{model}-{it}-{x}.json"))["fits"] if f["group"] == "learnability")
    emp, st = g.get("compute_multiplier_empirical"), g.get("compute_multiplier_empirical_status", "")
    fit, ci = g.get("compute_multiplier"), g.get("intervals", {}).get("compute_multiplier")
    e = "never" if emp is None or emp != emp else f"{emp:.2f}x" + (" (at least)" if st == "lower_bound" else "")
    f = "-" if fit is None or fit != fit else f"{fit:.2f}x" + (f" [{ci[0]:.2f}, {ci[1]:.2f}]" if ci else "")
    return e, f
out = ["Final zero-shot top-1 per learner size and budget (mean ± sd over seeds, cells in brackets), web pool,",
       "curated-M reference, f = 0.8, and JEST's multiplier at uniform's final accuracy: how many times fewer",
       "iterations / total FLOPs (training plus learner and reference scoring) learnability needs to reach it,",
       "empirical (interpolated on the seed-averaged curve; 'never' if it does not) and fitted (saturating law",
       "per method, 95% bootstrap interval over seeds). `bash experiments/scaling-report.sh`.", "",
       "| size | parameters | steps | uniform | learnability | iterations (empirical) | iterations (fitted) | FLOPs (empirical) | FLOPs (fitted) |",
       "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
for s in sizes:
    for b in budgets:
        ie, ifit = mult(s, b, "iteration")
        fe, ffit = mult(s, b, "flops_total")
        out.append(f"| {s} | {{{s}}} | {b} | {acc(s, b, 'uniform')} | {acc(s, b, 'learnability')} | {ie} | {ifit} | {fe} | {ffit} |")
text = "\n".join(out) + "\n"
# Parameters as curate fit derives them from the ladder (fit-chinchilla-ladder.csv).
n = {r["model"]: int(r["parameters"]) for r in csv.DictReader(open(f"{sweep}/fit-chinchilla-ladder.csv"))}
for s in sizes:
    text = text.replace(f"{{{s}}}", f"{n[s]:,}")
open(f"{sweep}/model-size.md", "w").write(text)
print(text)
PY
./curate plot --sweep "$sweep" --out "$plots"
