#!/usr/bin/env bash
# What the CI regression catches (issue 14, item 6), against the committed baselines
# results/baselines/ci (zero-shot top-1) and results/baselines/ci-selection (batch_clean, --no-fit):
#   none       the curated-M reference swapped for the none-level one (a reference trained on the raw pool)
#   hard       the score without its reference term: hard learner in learnability's place
#   reseeded   four fresh seeds (--seed-offset 1000): must pass both
# One seed for the two faults (bands widen to one seed's standard error), four for the fresh seeds.
# Each run's verdicts go to results/ci-demos/<case>.txt; about 25 minutes on 2 cores.
#   bash experiments/ci-demos.sh                   # all three
#   bash experiments/ci-demos.sh none              # one
#   REJUDGE=1 bash experiments/ci-demos.sh         # judge each case's newest run again (after a baseline
#                                                  # changed), without training; RUNS=DIR where the runs are
set -uo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-results/ci-demos}"
mkdir -p "$out"
R=(./curate regress --spec experiments/ci.yaml)
runs="${RUNS:-runs}"
judge() { # $1 case, then the run's own options; judges the run against both baselines
  local name="$1"; shift
  local dir="$runs/ci-demo-$name-$(date +%Y%m%d-%H%M%S)"
  local compare=()
  [[ "$name" == hard ]] && compare=(--compare-as hard-learner=learnability)
  if [[ -n "${REJUDGE:-}" ]]; then
    dir="$(ls -d "$runs"/ci-demo-"$name"-* 2>/dev/null | sort | tail -1)"
    [[ -n "$dir" ]] || { echo "ci-demos: no run of '$name' under $runs to judge again" >&2; exit 2; }
  fi
  { echo "\$ curate regress --spec experiments/ci.yaml --baseline results/baselines/ci $* ${compare[*]}"
    if [[ -n "${REJUDGE:-}" ]]; then
      echo "(judged again from $(basename "$dir"), trained by this script)"
      "${R[@]}" --baseline results/baselines/ci --from "$dir" "$@" "${compare[@]}" 2>&1; status=$?
    else
      "${R[@]}" --baseline results/baselines/ci "$@" "${compare[@]}" --out "$dir" 2>&1 | grep -v '^sweep ci: [0-9]'
      status=${PIPESTATUS[0]}
    fi
    echo "exit $status"; echo
    echo "\$ curate regress --spec experiments/ci.yaml --from RUN --baseline results/baselines/ci-selection ${compare[*]}"
    "${R[@]}" --from "$dir" --baseline results/baselines/ci-selection "${compare[@]}" 2>&1
    echo "exit ${PIPESTATUS[0]}"; } | tee "$out/$name.txt"
}
for c in "${@:-none hard reseeded}"; do
  for case in $c; do
    case "$case" in
      none) judge none --set seed=0 --set reference=results/references/levels/none-M.zip ;;
      hard) judge hard --set seed=0 --set "method=[uniform,hard-learner]" ;;
      reseeded) judge reseeded --seed-offset 1000 ;;
      *) echo "ci-demos: unknown case '$case' (none, hard, reseeded)" >&2; exit 2 ;;
    esac
  done
done
