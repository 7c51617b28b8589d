#!/usr/bin/env bash
# Slash-command ack latency and throughput, phasebot vs a bare Bolt app, one process, loopback.
# Usage: bench/ack-latency.sh [clients=32] [requests=20000] [rounds=3] [open-loop req/s=0: none] [open-loop seconds=5] [warm-up rounds=2]
# (scenarios interleaved each round; medians. With a rate, an open-loop pass follows at that fixed rate.)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  -DPHASEBOT_LOG_LEVEL=WARN dev.phasebot.bench.AckLatencyBenchmark "$@"
