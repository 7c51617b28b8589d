#!/usr/bin/env bash
# Escalation clock: re-arming pending timers at start-up, and lateness of a burst of due timers.
# Usage: bench/timers.sh [pending=10000] [burst=1000] [window-seconds=60] [writers=8]   (about three windows long)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  -DPHASEBOT_LOG_LEVEL=WARN dev.phasebot.bench.TimerBenchmark "$@"
