#!/usr/bin/env bash
# Closing a standup of many agents (summary built from every update) vs reading its rows, and
# how long Slack's pacing makes a DM round to that many agents.
# Usage: bench/standup-close.sh [agents=500] [runs=5]     (takes about half a minute)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  -DPHASEBOT_LOG_LEVEL=WARN dev.phasebot.bench.StandupCloseBenchmark "$@"
