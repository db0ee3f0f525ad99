#!/usr/bin/env bash
# Benchmark: keys-service's token endpoint with 16 concurrent clients (refresh-token and authorization-code grants,
# introspection) on loopback. Target (issue 5): >= 1,500 refresh grants/s with p99 < 50 ms on this 2-core machine.
# Needs the local PostgreSQL; uses its own database marketplace_bench. Usage: bench/token-grants.sh [clients] [seconds]
cd "$(dirname "$0")/.."
source bench/lib.sh
CLIENTS="${1:-16}"
SECONDS_EACH="${2:-15}"
PORT=18082
# the per-client limit (20/s by default) is raised: this measures the server, not the limiter
start_service keys-service $PORT KEYS_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)" KEYS_ISSUER="http://127.0.0.1:$PORT" \
  MARKETPLACE_KEYS_TOKEN_RATE_PER_SECOND=100000 MARKETPLACE_KEYS_TOKEN_RATE_BURST=100000
SERVICE_TOKEN=$(token --account 1 --roles service)
ADMIN_TOKEN=$(token --account 1001 --technical --roles admin)

echo "keys-service on loopback, $CLIENTS concurrent clients, ${SECONDS_EACH}s per measurement (after a warm-up run)"
bench_java java TokenGrantsBench "http://127.0.0.1:$PORT" "$SERVICE_TOKEN" "$ADMIN_TOKEN" 1001 "$CLIENTS" 5 >/dev/null
bench_java java TokenGrantsBench "http://127.0.0.1:$PORT" "$SERVICE_TOKEN" "$ADMIN_TOKEN" 1001 "$CLIENTS" "$SECONDS_EACH"
