#!/usr/bin/env bash
# Sweeps on Spark (issue 16): throughput of one 4-cell sweep on a standalone cluster of 1 worker
# against 2 workers (one core each, one thread per cell), both clusters up at once so that what is
# timed is the sweep alone, run in turn A B A B ... and the ratio taken pair by pair (drift in the
# machine's speed cancels within a pair). Run it on a quiet machine: nothing else may train.
#
#   bash experiments/spark-throughput.sh            # 3 pairs, S CNN, 200 steps per cell
#   PAIRS=5 ITERATIONS=400 bash experiments/spark-throughput.sh
#
# Writes results/spark-throughput/{runs.csv,table.md,spec.yaml}.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
pairs="${PAIRS:-3}"; iterations="${ITERATIONS:-200}"
out="${OUT:-results/spark-throughput}"
work="runs/spark-throughput"
mkdir -p "$out" "$work"
rm -rf "$work"/sweep-*

cat >"$out/spec.yaml" <<YAML
# Four independent S CNN cells (2 seeds x 2 pools), one evaluation at the end: the cells the
# throughput measurement hands to Spark. Written by experiments/spark-throughput.sh.
name: spark-throughput
fixed:
  model: S
  iterations: $iterations
  eval-every: $iterations
  eval-size: 1000
axes:
  seed: [0, 1]
  noise: [none, web]
YAML

[[ -f modules/curation-spark/target/curate-spark.jar ]] || \
  mvn -B -q -DskipTests -Dmaven.test.skip.exec=true package -pl modules/curation-spark -am

one="$work/cluster-1"; two="$work/cluster-2"
stop() { scripts/spark-cluster stop --dir "$one" >/dev/null 2>&1 || true; scripts/spark-cluster stop --dir "$two" >/dev/null 2>&1 || true; }
trap stop EXIT
scripts/spark-cluster start --workers 1 --cores 1 --port 7177 --dir "$one"
scripts/spark-cluster start --workers 2 --cores 1 --port 7178 --dir "$two"

export SPARK_LOCAL_IP=127.0.0.1 CURATE_THREADS=1
run() { # $1 = workers, $2 = port, $3 = pair; prints wall seconds
  local dir="$work/sweep-w$1-p$3" t0 t1
  t0=$(date +%s.%N)
  ./curate sweep "$out/spec.yaml" --engine spark --master "spark://127.0.0.1:$2" --jobs 2 --out "$dir" \
    >"$dir.log" 2>&1 || { echo "spark-throughput: the sweep on $1 worker(s) failed; see $dir.log" >&2; exit 1; }
  t1=$(date +%s.%N)
  cells=$(python3 -c 'import csv,sys; print(len({r["cell"] for r in csv.DictReader(open(sys.argv[1]))}))' "$dir/results.csv")
  [[ "$cells" == 4 ]] || { echo "spark-throughput: $dir has $cells cells, expected 4" >&2; exit 1; }
  echo "$t1 - $t0" | bc -l
}

echo "pair,workers,wall_s" >"$out/runs.csv"
for p in $(seq 1 "$pairs"); do
  a=$(run 1 7177 "$p"); b=$(run 2 7178 "$p")
  printf '%d,1,%.1f\n%d,2,%.1f\n' "$p" "$a" "$p" "$b" | tee -a "$out/runs.csv"
done

python3 - "$out" <<'PY'
import csv, statistics, sys
out = sys.argv[1]
rows = list(csv.DictReader(open(f"{out}/runs.csv")))
by = {}
for r in rows:
    by.setdefault(r["pair"], {})[r["workers"]] = float(r["wall_s"])
ratios = [p["1"] / p["2"] for p in by.values()]
one = statistics.median(p["1"] for p in by.values()); two = statistics.median(p["2"] for p in by.values())
with open(f"{out}/table.md", "w") as f:
    f.write("Sweeps on Spark: one 4-cell sweep (spec.yaml) on a standalone cluster of 1 worker vs 2 workers, "
            "1 core each, 1 thread per cell (`bash experiments/spark-throughput.sh`).\n\n")
    f.write("| | 1 worker | 2 workers | speed-up (1 / 2, pair by pair) |\n| --- | --- | --- | --- |\n")
    for k in sorted(by, key=int):
        f.write(f"| pair {k} | {by[k]['1']:.1f} s | {by[k]['2']:.1f} s | {by[k]['1'] / by[k]['2']:.2f}x |\n")
    f.write(f"| **median** | **{one:.1f} s** | **{two:.1f} s** | **{statistics.median(ratios):.2f}x** "
            f"(min {min(ratios):.2f}, max {max(ratios):.2f}) |\n")
print(open(f"{out}/table.md").read())
PY
