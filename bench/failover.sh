#!/usr/bin/env bash
# Take-over time of a standby: two jar replicas on one embedded PostgreSQL, the leader killed (SIGKILL) or frozen (SIGSTOP).
# Usage: bench/failover.sh [rounds=5]   (kill and stop alternate round by round; about two minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  -DPHASEBOT_LOG_LEVEL=WARN dev.phasebot.bench.FailoverBenchmark "$@"
