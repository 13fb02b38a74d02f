#!/usr/bin/env bash
# Runs the JMH benchmarks in src/test/java/org/unroll/bench (pattern as the first argument).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main "${1:-.}" "${@:2}"
