#!/usr/bin/env bash
# Benchmark: keys-service's token endpoint with 16 concurrent clients (refresh-token and authorization-code grants,
# introspection) on loopback. Target (issue 5): >= 1,500 refresh grants/s with p99 < 50 ms on this 2-core machine.
# Needs the local PostgreSQL; uses its own database marketplace_bench. Usage: bench/token-grants.sh [clients] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS="${1:-16}"
SECONDS_EACH="${2:-15}"
PORT=18082
DB=marketplace_bench
WORK=$(mktemp -d)
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -f keys-service/target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests -pl keys-service -am
java -cp platform-common/target/classes io.marketplace.platform.security.DevTokenIssuer keygen "$WORK/issuer"
PGOPTIONS=--client-min-messages=warning psql -h localhost -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"

# the per-client limit (20/s by default) is raised: this measures the server, not the limiter
DB_NAME=$DB QUARKUS_HTTP_PORT=$PORT QUARKUS_OIDC_TOKEN_ISSUER=marketplace-dev-issuer \
  QUARKUS_OIDC_PUBLIC_KEY="$(grep -v -- '-----' "$WORK/issuer/public.pem" | tr -d '\n')" \
  MARKETPLACE_DEV_ISSUER_PRIVATE_KEY_LOCATION="$WORK/issuer/private.pem" \
  KEYS_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)" KEYS_ISSUER="http://127.0.0.1:$PORT" \
  MARKETPLACE_KEYS_TOKEN_RATE_PER_SECOND=100000 MARKETPLACE_KEYS_TOKEN_RATE_BURST=100000 \
  java ${JAVA_OPTS:--Xmx512m} -jar keys-service/target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
PID=$!
until curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null; do
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/service.log"; exit 1; }
  sleep 0.2
done
token() {
  java -cp platform-common/target/classes io.marketplace.platform.security.DevTokenIssuer token "$WORK/issuer/private.pem" "$@"
}
SERVICE_TOKEN=$(token --account 1 --roles service)
ADMIN_TOKEN=$(token --account 1001 --technical --roles admin)

echo "keys-service on loopback, $CLIENTS concurrent clients, ${SECONDS_EACH}s per measurement (after a warm-up run)"
java bench/TokenGrantsBench.java "http://127.0.0.1:$PORT" "$SERVICE_TOKEN" "$ADMIN_TOKEN" 1001 "$CLIENTS" 5 >/dev/null
java bench/TokenGrantsBench.java "http://127.0.0.1:$PORT" "$SERVICE_TOKEN" "$ADMIN_TOKEN" 1001 "$CLIENTS" "$SECONDS_EACH"
PGOPTIONS=--client-min-messages=warning psql -h localhost -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
