#!/usr/bin/env bash
# Standup updates a second on PostgreSQL through one and two replicas vs a bare JDBC insert on the same database.
# Usage: bench/replica-writes.sh [threads=32] [updates=5000] [rounds=7] [plain connections=4] [servers=durable,test]
# (scenarios interleaved each round, one pass per server; medians; about two and a half minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  -DPHASEBOT_LOG_LEVEL=WARN dev.phasebot.bench.ReplicaWriteThroughputBenchmark "$@"
