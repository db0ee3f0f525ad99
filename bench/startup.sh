#!/usr/bin/env bash
# Benchmark (issue 20): start-up. Each service alone, on a database already migrated (a restart), from the process's
# start to /q/health/ready answering 200, with its RSS at that moment and Quarkus's own "started in"; then the four
# started at once, as ./run.sh starts them, until all four are ready. Target: < 2 s each alone, < 6 s for the four,
# RSS < 200 MB each. The services start as ./run.sh starts them (deploy/service-jvm.sh), from their start-up caches;
# SERVICE_START_CACHE=off measures without them. Usage: bench/startup.sh [runs]   (default 3; JAVA_HOME chooses the
# Java, as for ./run.sh)
cd "$(dirname "$0")/.."
source bench/lib.sh
RUNS="${1:-3}"
SERVICES=(integrations-service keys-service stats-service webhook-service)
PORTS=(18181 18182 18183 18184)
PIDS=()
lib_cleanup=$(trap -p EXIT | sed "s/^trap -- '//; s/' EXIT$//")
trap 'for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true
      '"$lib_cleanup" EXIT

for module in "${SERVICES[@]}"; do
  [ -f "$module/target/quarkus-app/quarkus-run.jar" ] || ./mvnw -B -q package -DskipTests -pl "$module" -am
done
dev_issuer keygen "$WORK/issuer"
PGOPTIONS=--client-min-messages=warning psql -h localhost -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $BENCH_DB" \
  -c "CREATE DATABASE $BENCH_DB"
KEYS_KEY="$(head -c 32 /dev/urandom | base64)"

# launch <index>: starts service i in the background (its log in $WORK), sets LAUNCHED
launch() {
  local i=$1
  env DB_NAME=$BENCH_DB QUARKUS_HTTP_PORT="${PORTS[$i]}" QUARKUS_OIDC_TOKEN_ISSUER=marketplace-dev-issuer \
    QUARKUS_OIDC_PUBLIC_KEY="$(grep -v -- '-----' "$WORK/issuer/public.pem" | tr -d '\n')" \
    MARKETPLACE_DEV_ISSUER_PRIVATE_KEY_LOCATION="$WORK/issuer/private.pem" KEYS_ENCRYPTION_KEY="$KEYS_KEY" \
    KEYS_SERVICE_URL=http://127.0.0.1:${PORTS[1]} STATS_SERVICE_URL=http://127.0.0.1:${PORTS[2]} \
    WEBHOOK_SERVICE_URL=http://127.0.0.1:${PORTS[3]} INTEGRATIONS_SERVICE_URL=http://127.0.0.1:${PORTS[0]} \
    PUBLISH_TOKENS_ENABLED=false \
    "$SERVICE_JAVA" $(service_jvm_options "${SERVICES[$i]}") \
    -jar "${SERVICES[$i]}/target/quarkus-app/quarkus-run.jar" > "$WORK/${SERVICES[$i]}.log" 2>&1 &
  LAUNCHED=$!
  PIDS+=("$LAUNCHED")
}

await_ready() {
  local i=$1 pid=$2
  until curl -fs -o /dev/null "http://127.0.0.1:${PORTS[$i]}/q/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$WORK/${SERVICES[$i]}.log"; exit 1; }
    sleep 0.02
  done
}

stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# the first start migrates each schema and records each start-up cache (deploy/service-jvm.sh); it is not measured,
# nor is the one-off check of each new cache that the next start would make
for i in "${!SERVICES[@]}"; do
  launch "$i"; await_ready "$i" "$LAUNCHED"; stop "$LAUNCHED"
  service_jvm_options "${SERVICES[$i]}" > /dev/null
done

echo "start-up on Java $SERVICE_JAVA_VERSION, $SERVICE_JAVA_OPTS, start-up cache ${SERVICE_START_CACHE:-on}, $RUNS runs"
for i in "${!SERVICES[@]}"; do
  times=()
  for run in $(seq "$RUNS"); do
    started=$(now_ms)
    launch "$i"
    await_ready "$i" "$LAUNCHED"
    times+=($(( $(now_ms) - started )))
    rss=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$LAUNCHED/status")
    quarkus=$(grep -o 'started in [0-9.]*s' "$WORK/${SERVICES[$i]}.log" | head -n 1)
    stop "$LAUNCHED"
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  printf '%-22s alone: ready in %5d ms (median of %d; runs %s), RSS %d MB, Quarkus %s\n' "${SERVICES[$i]}" \
    "${sorted[$(( RUNS / 2 ))]}" "$RUNS" "$(IFS=,; echo "${times[*]}")" "$rss" "$quarkus"
done

times=()
for run in $(seq "$RUNS"); do
  started=$(now_ms)
  launched=()
  for i in "${!SERVICES[@]}"; do launch "$i"; launched+=("$LAUNCHED"); done
  for i in "${!SERVICES[@]}"; do await_ready "$i" "${launched[$i]}"; done
  times+=($(( $(now_ms) - started )))
  rss=$(for pid in "${launched[@]}"; do awk '/VmRSS/ {printf "%.0f ", $2 / 1024}' "/proc/$pid/status"; done)
  for pid in "${launched[@]}"; do stop "$pid"; done
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
printf 'the four together: all ready in %5d ms (median of %d; runs %s), RSS MB %s\n' "${sorted[$(( RUNS / 2 ))]}" "$RUNS" \
  "$(IFS=,; echo "${times[*]}")" "$rss"
