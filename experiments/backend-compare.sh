#!/usr/bin/env bash
# The CNN M training step with libnd4j's oneDNN+AVX2 build (the default) against the plain
# linux-x86_64 build, in one run on this machine (TrainStepBenchmark, batch 256, 6 steps, 2 threads).
# Output: results/bench/backend-compare.txt
set -euo pipefail
cd "$(dirname "$0")/.."
# One reactor invocation, so that the models module sees the data module's current POM (and backend).
mvn -B -q -o -DskipTests package dependency:build-classpath -pl modules/curation-models -am \
  -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/curate-models-cp.txt
mvn -B -q dependency:get -Dartifact=org.nd4j:nd4j-native:1.0.0-M2.1:jar:linux-x86_64 -Dtransitive=false
cp="$(cat /tmp/curate-models-cp.txt):modules/curation-models/target/test-classes:modules/curation-models/target/classes"
mkdir -p results/bench
{
  for build in linux-x86_64-onednn-avx2 linux-x86_64; do
    echo "== $build"
    OMP_NUM_THREADS=2 java -cp "${cp//nd4j-native-1.0.0-M2.1-linux-x86_64-onednn-avx2.jar/nd4j-native-1.0.0-M2.1-$build.jar}" \
      org.curationlab.models.TrainStepBenchmark CNN M 256 6 2>/dev/null | grep "CNN M"
  done
} | tee results/bench/backend-compare.txt
