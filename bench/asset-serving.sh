#!/usr/bin/env bash
# Benchmark: serving a versioned asset (/upl/{code}/{version}/widget/script.js) with wrk, 32 connections, 2 threads,
# against a real integrations-service on loopback. Target (issue 4): >= 3,000 requests/s on this 2-core machine.
# Needs wrk (Debian: apt-get install wrk) and the local PostgreSQL; uses its own database marketplace_bench.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
PORT=18081
DB=marketplace_bench
DURATION="${DURATION:-15s}"
WORK=$(mktemp -d)
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -f integrations-service/target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests -pl integrations-service -am
java -cp platform-common/target/classes io.marketplace.platform.security.DevTokenIssuer keygen "$WORK/issuer"
PGOPTIONS=--client-min-messages=warning psql -h localhost -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"

DB_NAME=$DB QUARKUS_HTTP_PORT=$PORT QUARKUS_OIDC_TOKEN_ISSUER=marketplace-dev-issuer \
  QUARKUS_OIDC_PUBLIC_KEY="$(grep -v -- '-----' "$WORK/issuer/public.pem" | tr -d '\n')" \
  MARKETPLACE_DEV_ISSUER_PRIVATE_KEY_LOCATION="$WORK/issuer/private.pem" KEYS_SERVICE_URL=http://127.0.0.1:1 \
  QUARKUS_LOG_CATEGORY__IO_MARKETPLACE_PLATFORM_OUTBOX__LEVEL=ERROR \
  java ${JAVA_OPTS:--Xmx512m} -jar integrations-service/target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
PID=$!
until curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null; do
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/service.log"; exit 1; }
  sleep 0.2
done

TOKEN=$(java -cp platform-common/target/classes io.marketplace.platform.security.DevTokenIssuer token \
  "$WORK/issuer/private.pem" --account 1001 --technical --roles developer)
CODE="bench$(date +%s)"
ID=$(curl -fs -X POST "http://127.0.0.1:$PORT/api/v1/integrations" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' \
  -d "{\"code\": \"$CODE\", \"redirect_uri\": \"https://dev.example.com/cb\", \"scopes\": [\"crm\"], \"languages\": [\"en\"]}" \
  | sed -E 's/.*"id":"([^"]+)".*/\1/')
java bench/WidgetZipWriter.java "$WORK/widget.zip"
curl -fs -X PUT "http://127.0.0.1:$PORT/api/v1/integrations/$ID/versions/1/archive" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/zip' --data-binary "@$WORK/widget.zip" >/dev/null
URL="http://127.0.0.1:$PORT/upl/$CODE/1/widget/script.js?version=1"
curl -fsI "$URL" | grep -iE '^(HTTP|etag|cache-control|content-type)'

wrk -t2 -c32 -d5s "$URL" >/dev/null   # warm-up
echo "--- wrk -t2 -c32 -d$DURATION $URL"
wrk -t2 -c32 -d"$DURATION" --latency "$URL" | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx|Socket errors'
PGOPTIONS=--client-min-messages=warning psql -h localhost -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
