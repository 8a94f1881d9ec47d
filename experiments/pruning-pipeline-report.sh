#!/usr/bin/env bash
# The DBP-as-the-paper-runs-it record (issue 15), after
#   ./curate sweep experiments/pruning-pipeline.yaml --jobs 2 --out results/pruning-pipeline
# Writes, under results/pruning-pipeline/:
#   table.md        final metrics per pipeline (mean ± sd over seeds)
#   composition.md  what each pipeline's stages kept, by provenance kind (from the cells' provenance.json)
#   paired.md       paired-by-seed differences with 95% t intervals: DBP against SSP and random after the
#                   same dedup and filter, and every pruned pool against the full pool, at equal compute
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

python3 - "$sweep" <<'PY'
import csv, glob, json, math, statistics, sys
sweep = sys.argv[1]
rows = list(csv.DictReader(open(f"{sweep}/results.csv")))
last = {}
for r in rows:
    if r["cell"] not in last or int(r["iteration"]) >= int(last[r["cell"]]["iteration"]):
        last[r["cell"]] = r
acc = {}  # pipeline -> seed -> final zero-shot
for r in last.values():
    acc.setdefault(r["pool-pruning"], {})[r["seed"]] = float(r["zeroshot_top1"])
order = list(dict.fromkeys(r["pool-pruning"] for r in rows))

# Composition: each stage's kept pairs by kind, averaged over the seeds (the pool is fixed; k-means, SSP
# and random pruning are seeded by the run's seed, so the kept sets differ a little between seeds).
kinds = ["clean", "misaligned", "generic", "corrupted", "duplicate"]
comp = ["What each stage kept, by provenance kind (pairs, mean over seeds; the web pool of 20 000 has 10 000 clean,",
        "4 000 misaligned, 2 000 generic, 2 000 corrupted, 2 000 duplicates). `bash experiments/pruning-pipeline-report.sh`.", "",
        "| pipeline | stage | kept | of pool | " + " | ".join(kinds) + " |", "| --- | --- | --- | --- | " + " | ".join("---" for _ in kinds) + " |"]
for p in order:
    runs = []
    for f in sorted(glob.glob(f"{sweep}/cells/*/provenance.json")):
        s = json.load(open(f))["settings"]
        # provenance written before the settings schema spelled these with '_'
        if (s.get("pool-pruning", s.get("pool_pruning")) or "none") == p:
            runs.append(s.get("pruning-stages", s.get("pruning_stages")) or [])
    if not runs or not runs[0]:
        comp.append(f"| {p} | (full pool) | 20000 | 1.00 | 10000 | 4000 | 2000 | 2000 | 2000 |")
        continue
    for i, st in enumerate(runs[0]):
        same = [r[i] for r in runs if len(r) > i]
        mean = lambda f: statistics.mean(f(x) for x in same)
        comp.append(f"| {p} | {st['stage']} | {mean(lambda x: x['kept']):.0f} | {st['kept_of_pool']:.2f} | "
                    + " | ".join(f"{mean(lambda x: x['kept_by_kind'].get(k, 0)):.0f}" for k in kinds) + " |")
open(f"{sweep}/composition.md", "w").write("\n".join(comp) + "\n")

# Paired by seed: the same seed fixes initialisation and data order for every pipeline.
T975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571}
def paired(a, b):
    seeds = sorted(set(acc.get(a, {})) & set(acc.get(b, {})))
    d = [acc[a][s] - acc[b][s] for s in seeds]
    if len(d) < 2:
        return None
    m, sd = statistics.mean(d), statistics.stdev(d)
    h = T975[len(d) - 1] * sd / math.sqrt(len(d))
    verdict = "higher" if m - h > 0 else ("lower" if m + h < 0 else "no difference shown")
    return f"| {a} | {b} | {len(d)} | {m:+.4f} | [{m - h:+.4f}, {m + h:+.4f}] | {verdict} |"
pre = "semdedup+score:0.7"
pairs = []
for q in ("0.3", "0.5"):
    pairs += [(f"{pre}+dbp:{q}", f"{pre}+ssp:{q}"), (f"{pre}+dbp:{q}", f"{pre}+random:{q}"), (f"{pre}+ssp:{q}", f"{pre}+random:{q}")]
pairs += [(p, "none") for p in order if p != "none"]
pairs += [(f"{pre}+dbp:0.3", "dbp:0.3"), (f"{pre}+dbp:0.5", "semdedup+score:0.5")]
out = ["Final zero-shot top-1, paired by seed (a difference per seed, then its mean and 95% t interval over",
       "seeds); every cell trains the M CNN uniformly for 600 steps of 256 (equal training compute).",
       "`bash experiments/pruning-pipeline-report.sh`.", "",
       "| pipeline A | pipeline B | seeds | mean A − B | 95% interval | A is |", "| --- | --- | --- | --- | --- | --- |"]
out += [line for line in (paired(a, b) for a, b in pairs) if line]
open(f"{sweep}/paired.md", "w").write("\n".join(out) + "\n")
print("\n".join(comp)); print(); print("\n".join(out))
PY

./curate prune --reference results/references/curated-M.zip --noise web --method semdedup+score:0.7+dbp:0.3 \
  --out "$sweep/kept-semdedup-score-dbp-0.3.txt" --stages-csv "$sweep/stages.csv" --cluster-csv "$sweep/clusters.csv" \
  --cluster-plot "$plots/quota-vs-complexity" > "$sweep/prune.log"
rm -f "$sweep/kept-semdedup-score-dbp-0.3.txt"
./curate plot --sweep "$sweep" --out "$plots"
