#!/usr/bin/env bash
# Sweeps on Spark (issue 16): throughput of one 4-cell sweep on a standalone cluster of 1 worker
# against 2 workers (one core each, one thread per cell), both clusters up at once so that what is
# timed is the sweep alone, run in turn A B A B ... and the ratio taken pair by pair (drift in the
# machine's speed cancels within a pair). Run it on a quiet machine: nothing else may train.
#
#   bash experiments/spark-throughput.sh            # 3 pairs, S CNN, 200 steps per cell
#   PAIRS=5 ITERATIONS=400 bash experiments/spark-throughput.sh
#   REPORT_ONLY=1 bash experiments/spark-throughput.sh   # the table again from the committed records
#
# Writes results/spark-throughput/{spec.yaml,runs.csv,table.md} and each sweep's results.csv under
# sweeps/ (its cells' own training seconds, wall_s, split a sweep's time into training and the rest:
# Spark's start, executors, each cell's JVM).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
pairs="${PAIRS:-3}"; iterations="${ITERATIONS:-200}"
out="${OUT:-results/spark-throughput}"
work="runs/spark-throughput"
mkdir -p "$out/sweeps" "$work"
if [[ -z "${REPORT_ONLY:-}" ]]; then
rm -rf "$work"/sweep-* "$out"/sweeps/*

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
  cells=$(./curate table --sweep "$dir" --format csv --columns wall_s | tail -n +2 | wc -l)  # a line per finished cell
  [[ "$cells" == 4 ]] || { echo "spark-throughput: $dir has $cells cells, expected 4" >&2; exit 1; }
  cp "$dir/results.csv" "$out/sweeps/w$1-p$3.csv"
  echo "$t1 - $t0" | bc -l
}

echo "pair,workers,wall_s" >"$out/runs.csv"
for p in $(seq 1 "$pairs"); do
  a=$(run 1 7177 "$p"); b=$(run 2 7178 "$p")
  printf '%d,1,%.1f\n%d,2,%.1f\n' "$p" "$a" "$p" "$b" | tee -a "$out/runs.csv"
done
stop
fi

python3 - "$out" <<'PY'
import csv, statistics, sys
out = sys.argv[1]
med = statistics.median
wall, train = {}, {}
for r in csv.DictReader(open(f"{out}/runs.csv")):
    p, w = r["pair"], r["workers"]
    wall.setdefault(p, {})[w] = float(r["wall_s"])
    last = {}
    for row in csv.DictReader(open(f"{out}/sweeps/w{w}-p{p}.csv")):
        last[row["cell"]] = float(row["wall_s"])  # a cell's last row: its whole training time
    train.setdefault(p, {})[w] = list(last.values())
pairs = sorted(wall, key=int)
ratio = [wall[p]["1"] / wall[p]["2"] for p in pairs]
# Cells train one at a time on 1 worker and two at a time on 2: the sweep's training span is the
# sum of its cells' seconds on 1 worker and half of it on 2; the rest of the wall time is overhead.
span = {w: [sum(train[p][w]) / int(w) for p in pairs] for w in ("1", "2")}
over = {w: [wall[p][w] - s for p, s in zip(pairs, span[w])] for w in ("1", "2")}
cell = {w: med(x for p in pairs for x in train[p][w]) for w in ("1", "2")}
with open(f"{out}/table.md", "w") as f:
    f.write("Sweeps on Spark: one 4-cell sweep (spec.yaml: S CNN, 1 thread per cell) on a standalone cluster of "
            "1 worker vs 2 workers of 1 core each, both clusters up, run in turn "
            "(`bash experiments/spark-throughput.sh`; `REPORT_ONLY=1` redraws this from runs.csv and sweeps/).\n\n")
    f.write("| | 1 worker | 2 workers | speed-up (1 / 2, pair by pair) |\n| --- | --- | --- | --- |\n")
    for p, r in zip(pairs, ratio):
        f.write(f"| pair {p} | {wall[p]['1']:.1f} s | {wall[p]['2']:.1f} s | {r:.2f}x |\n")
    f.write(f"| **median** | **{med(wall[p]['1'] for p in pairs):.1f} s** | **{med(wall[p]['2'] for p in pairs):.1f} s** "
            f"| **{med(ratio):.2f}x** (min {min(ratio):.2f}, max {max(ratio):.2f}) |\n\n")
    f.write("Where the time goes (medians over pairs):\n\n| | 1 worker | 2 workers |\n| --- | --- | --- |\n")
    f.write(f"| one cell's training (its wall_s) | {cell['1']:.1f} s | {cell['2']:.1f} s |\n")
    f.write(f"| training span (cells' seconds / workers) | {med(span['1']):.1f} s | {med(span['2']):.1f} s |\n")
    f.write(f"| the rest: Spark, executors, cells' JVMs | {med(over['1']):.1f} s | {med(over['2']):.1f} s |\n")
    f.write(f"\nSpeed-up of the training span alone: {med(span['1']) / med(span['2']):.2f}x "
            f"(a cell trains {cell['2'] / cell['1']:.2f}x slower beside another on this 2-core machine).\n")
print(open(f"{out}/table.md").read())
PY
