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

# Medians over pairs and the speed-up pair by pair (curate throughput reads runs.csv and sweeps/).
./curate throughput --runs "$out/runs.csv" --sweeps "$out/sweeps" --out "$out/table.md" \
  --title "Sweeps on Spark: one 4-cell sweep (spec.yaml: S CNN, 1 thread per cell) on a standalone cluster of 1 worker vs 2 workers of 1 core each, both clusters up, run in turn (\`bash experiments/spark-throughput.sh\`; \`REPORT_ONLY=1\` redraws this from runs.csv and sweeps/)."
