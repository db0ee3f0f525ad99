#!/usr/bin/env bash
# Benchmark: install + disable round trips across the four services, end to end. Target (issue 20, was 200 in issue
# 8): >= 250 round trips/s on this 2-core machine with every effect delivered: the code and the access-revoked GET at
# the developer's backend (the bench's own loopback server) and one install and one uninstall counted by stats-service,
# per account.
# Each account disables only once its code has arrived: a disable before that cancels the code (issue 14).
# The measured accounts come after WARM_UP accounts (default 4000): until then the JIT is still compiling the four
# services, and the CPU per round trip is about half as high again. Needs the local PostgreSQL; uses its own database
# marketplace_bench. BENCH_PROFILE_DIR=dir records each service with JFR into dir/<service>.jfr, BENCH_LOGS_DIR=dir
# keeps the services' logs (service-<port>.log), BENCH_APPS_DIR=dir runs the builds in dir/<module> instead of
# <module>/target/quarkus-app (an earlier build's copies), BENCH_PORT_BASE (default 18180) and BENCH_DB move it
# aside so that two can run at once.
# Usage: bench/install-roundtrips.sh [accounts, default 2000]
cd "$(dirname "$0")/.."
# a JVM that writes its start-up cache when it stops writes no flight recording then: profile without the cache
[ -z "${BENCH_PROFILE_DIR:-}" ] || export SERVICE_START_CACHE=off
source bench/lib.sh
ACCOUNTS="${1:-2000}"
SERVICES=(integrations-service keys-service stats-service webhook-service)
PORT_BASE=${BENCH_PORT_BASE:-18180}
PORTS=($((PORT_BASE + 1)) $((PORT_BASE + 2)) $((PORT_BASE + 3)) $((PORT_BASE + 4)))
BACKEND=$((PORT_BASE + 10))
PIDS=()
# the services stop first, so their logs are whole when kept
trap 'for pid in "${PIDS[@]}"; do stop_service "$pid"; done
      [ -z "${BENCH_LOGS_DIR:-}" ] || cp "$WORK"/*.log "$BENCH_LOGS_DIR"; bench_cleanup' EXIT
create_database "$BENCH_DB"
for i in "${!SERVICES[@]}"; do
  SERVICE_APP_DIR=${BENCH_APPS_DIR:+$BENCH_APPS_DIR/${SERVICES[$i]}} \
  SERVICE_EXTRA_JVM_OPTIONS=${BENCH_PROFILE_DIR:+-XX:StartFlightRecording=filename=$BENCH_PROFILE_DIR/${SERVICES[$i]}.jfr,settings=profile,jdk.ExecutionSample#period=2ms} \
    launch_service "${SERVICES[$i]}" "${PORTS[$i]}" \
    KEYS_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)" KEYS_ISSUER="http://127.0.0.1:${PORTS[1]}" \
    INTEGRATIONS_SERVICE_URL="http://127.0.0.1:${PORTS[0]}" KEYS_SERVICE_URL="http://127.0.0.1:${PORTS[1]}" \
    STATS_SERVICE_URL="http://127.0.0.1:${PORTS[2]}" WEBHOOK_SERVICE_URL="http://127.0.0.1:${PORTS[3]}" \
    MARKETPLACE_OUTBOX_POLL_INTERVAL=200ms MARKETPLACE_OUTBOX_INITIAL_BACKOFF=200ms
  PIDS+=("$PID")
done
for i in "${!SERVICES[@]}"; do
  await_service "${PORTS[$i]}" "${PIDS[$i]}"
done
java bench/WidgetZipWriter.java "$WORK/widget.zip"
java -DwarmUp="${WARM_UP:-4000}" -Ddatabase="$BENCH_DB" -cp "platform-common/target/classes:webhook-service/target/quarkus-app/lib/main/*" \
  bench/InstallRoundTripBench.java "$WORK/issuer/private.pem" "$WORK/widget.zip" \
  "${PORTS[0]}" "${PORTS[2]}" "$BACKEND" "$ACCOUNTS" \
  "$(for i in "${!SERVICES[@]}"; do printf '%s=%s,' "${SERVICES[$i]%-service}" "${PIDS[$i]}"; done)"
