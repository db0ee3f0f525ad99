#!/usr/bin/env bash
# Benchmark helper (issue 20): two builds of keys-service side by side on one PostgreSQL, refresh-token grants with
# rotation in alternating rounds (bench/TokenGrantsVsKeycloak.java with -DcompareBuilds=true, its output with A and B
# for the servers). This machine's speed drifts by up to 2x within an hour, so a change is measured against the build
# before it in the same run, not against an earlier run's figures.
# Usage: bench/token-grants-ab.sh <quarkus-app dir A> <quarkus-app dir B> [workers] [seconds] [rounds] [warm-up]
#   (default 16 10 4 30), for example:
#   cp -r keys-service/target/quarkus-app /tmp/before    # then change, ./mvnw -q package -DskipTests -pl keys-service
#   bench/token-grants-ab.sh /tmp/before keys-service/target/quarkus-app
# Both start as ./run.sh starts a service (deploy/service-jvm.sh: JAVA_HOME, JAVA_OPTS), without start-up caches.
cd "$(dirname "$0")/.."
export SERVICE_START_CACHE=off # the caches belong to keys-service/target, not to the builds compared
source bench/lib.sh
[ $# -ge 2 ] && [ -f "$1/quarkus-run.jar" ] && [ -f "$2/quarkus-run.jar" ] \
  || { echo "usage: $0 <quarkus-app dir A> <quarkus-app dir B> [workers] [seconds] [rounds] [warm-up]" >&2; exit 2; }
BUILDS=("$1" "$2")
WORKERS="${3:-16}"
SECONDS_EACH="${4:-10}"
ROUNDS="${5:-4}"
WARM_UP="${6:-30}"
PORTS=(18092 18093)
PIDS=()
for i in 0 1; do
  # each on its own database; the per-client limit raised, as in bench/token-grants.sh: the server is measured
  SERVICE_APP_DIR="${BUILDS[$i]}" start_service keys-service "${PORTS[$i]}" DB_NAME="marketplace_bench_$i" \
    KEYS_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)" KEYS_ISSUER="http://127.0.0.1:${PORTS[$i]}" \
    MARKETPLACE_KEYS_TOKEN_RATE_PER_SECOND=100000 MARKETPLACE_KEYS_TOKEN_RATE_BURST=100000
  PIDS+=("$PID")
done

echo "A: ${BUILDS[0]}, B: ${BUILDS[1]}, on $("$SERVICE_JAVA" -version 2>&1 | head -n 1), $SERVICE_JAVA_OPTS"
echo "$WORKERS workers, ${SECONDS_EACH}s per round, $ROUNDS rounds each, alternating, after ${WARM_UP}s of warm-up each"
bench_java "$SERVICE_JAVA" -DcompareBuilds=true TokenGrantsVsKeycloak "http://127.0.0.1:${PORTS[0]}" "${PIDS[0]}" \
  "$(token --account 1 --roles service)" "$(token --account 1001 --technical --roles admin)" \
  "http://127.0.0.1:${PORTS[1]}" "${PIDS[1]}" "$WORKERS" "$SECONDS_EACH" "$ROUNDS" "$WARM_UP"
