#!/usr/bin/env bash
# Benchmark (issue 20): start-up. Each service alone, on a database already migrated (a restart), from the process's
# start to /q/health/ready answering 200, with its RSS at that moment and 5 s later (the JIT is still compiling when
# the service is ready, and what it frees then is handed back to the system once trimmed: deploy/service-jvm.sh), and
# Quarkus's own "started in"; then the four started at once, as ./run.sh starts them, until all four are ready.
# Target: < 2 s each alone, < 6 s for the four, RSS < 200 MB each. The services start as ./run.sh starts them (deploy/service-jvm.sh), from their start-up caches;
# SERVICE_START_CACHE=off measures without them. Usage: bench/startup.sh [runs]   (default 3; JAVA_HOME chooses the
# Java, as for ./run.sh)
cd "$(dirname "$0")/.."
source bench/lib.sh
RUNS="${1:-3}"
SERVICES=(integrations-service keys-service stats-service webhook-service)
PORTS=(18181 18182 18183 18184)
KEYS_KEY="$(head -c 32 /dev/urandom | base64)"
create_database "$BENCH_DB"

# launch <index>: starts service i in the background, as bench/lib.sh starts services, with its neighbours' addresses
launch() {
  launch_service "${SERVICES[$1]}" "${PORTS[$1]}" KEYS_ENCRYPTION_KEY="$KEYS_KEY" \
    KEYS_SERVICE_URL=http://127.0.0.1:${PORTS[1]} STATS_SERVICE_URL=http://127.0.0.1:${PORTS[2]} \
    WEBHOOK_SERVICE_URL=http://127.0.0.1:${PORTS[3]} INTEGRATIONS_SERVICE_URL=http://127.0.0.1:${PORTS[0]}
  LAUNCHED=$PID
}

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# the first start migrates each schema and records each start-up cache (deploy/service-jvm.sh); it is not measured,
# nor is the one-off check of each new cache that the next start would make
for i in "${!SERVICES[@]}"; do
  launch "$i"; await_service "${PORTS[$i]}" "$LAUNCHED"; stop_service "$LAUNCHED"
  service_jvm_options "${SERVICES[$i]}" > /dev/null
done

echo "start-up on Java $SERVICE_JAVA_VERSION, $SERVICE_JAVA_OPTS, start-up cache ${SERVICE_START_CACHE:-on}, $RUNS runs"
for i in "${!SERVICES[@]}"; do
  times=()
  for run in $(seq "$RUNS"); do
    started=$(now_ms)
    launch "$i"
    await_service "${PORTS[$i]}" "$LAUNCHED"
    times+=($(( $(now_ms) - started )))
    rss=$(rss_mb "$LAUNCHED")
    sleep 5
    settled=$(rss_mb "$LAUNCHED")
    quarkus=$(grep -o 'started in [0-9.]*s' "$WORK/service-${PORTS[$i]}.log" | head -n 1)
    stop_service "$LAUNCHED"
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  printf '%-22s alone: ready in %5d ms (median of %d; runs %s), RSS %d MB (5 s later %d MB), Quarkus %s\n' \
    "${SERVICES[$i]}" "${sorted[$(( RUNS / 2 ))]}" "$RUNS" "$(IFS=,; echo "${times[*]}")" "$rss" "$settled" "$quarkus"
done

times=()
for run in $(seq "$RUNS"); do
  started=$(now_ms)
  launched=()
  for i in "${!SERVICES[@]}"; do launch "$i"; launched+=("$LAUNCHED"); done
  for i in "${!SERVICES[@]}"; do await_service "${PORTS[$i]}" "${launched[$i]}"; done
  times+=($(( $(now_ms) - started )))
  rss=$(for pid in "${launched[@]}"; do echo -n "$(rss_mb "$pid") "; done)
  sleep 5
  settled=$(for pid in "${launched[@]}"; do echo -n "$(rss_mb "$pid") "; done)
  for pid in "${launched[@]}"; do stop_service "$pid"; done
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
printf 'the four together: all ready in %5d ms (median of %d; runs %s), RSS MB %s(5 s later %s)\n' \
  "${sorted[$(( RUNS / 2 ))]}" "$RUNS" "$(IFS=,; echo "${times[*]}")" "$rss" "${settled% }"
