#!/usr/bin/env bash
# Durable writes a second in process: the standup update path from many threads vs SQLite alone (WAL, FULL).
# Usage: bench/writes.sh [threads=32] [writes=5000] [rounds=3]   (takes under a minute)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  -DPHASEBOT_LOG_LEVEL=WARN dev.phasebot.bench.WriteThroughputBenchmark "$@"
