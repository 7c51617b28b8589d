#!/usr/bin/env bash
# Re-arming measured as a real start-up: the packaged jar started as a new process, with and without thousands of pending timers.
# Usage: bench/startup.sh [pending=10000] [runs=5]   (runs interleaved; one more warms up first)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  -DPHASEBOT_LOG_LEVEL=WARN dev.phasebot.bench.StartupBenchmark "$@"
