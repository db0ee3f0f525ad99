#!/usr/bin/env bash
# Benchmark: the widget-archive validator on a valid 10 MiB / 500-entry archive and on a 1 GiB zip bomb.
# Targets (issue 4): < 300 ms for the archive; the bomb rejected in < 1 s with < 32 MiB extra heap.
set -euo pipefail
cd "$(dirname "$0")/.."
APP=integrations-service/target/quarkus-app
[ -f "$APP/quarkus-run.jar" ] || ./mvnw -B -q package -DskipTests -pl integrations-service -am
# a 64 MiB heap: the bomb check must fit in it with room to spare
java -Xmx64m -cp "$APP/app/*:$APP/lib/main/*" bench/ArchiveValidationBench.java
