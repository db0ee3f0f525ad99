#!/usr/bin/env bash
# Benchmark: 200 listing-image uploads (icons and gallery images) against a real integrations-service on loopback.
# Prints images/s, latency, and the server's heap after a full GC before and after the uploads.
# Usage: bench/media-upload.sh [count]   (needs the local PostgreSQL; uses its own database marketplace_bench)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-200}"
PORT=18081
DB=marketplace_bench
WORK=$(mktemp -d)
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT

[ -f integrations-service/target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests -pl integrations-service -am
java -cp platform-common/target/classes io.marketplace.platform.security.DevTokenIssuer keygen "$WORK/issuer"
PGOPTIONS=--client-min-messages=warning psql -h localhost -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"

DB_NAME=$DB QUARKUS_HTTP_PORT=$PORT QUARKUS_OIDC_TOKEN_ISSUER=marketplace-dev-issuer \
  QUARKUS_OIDC_PUBLIC_KEY="$(grep -v -- '-----' "$WORK/issuer/public.pem" | tr -d '\n')" \
  MARKETPLACE_DEV_ISSUER_PRIVATE_KEY_LOCATION="$WORK/issuer/private.pem" KEYS_SERVICE_URL=http://127.0.0.1:1 \
  java ${JAVA_OPTS:--Xmx512m} -jar integrations-service/target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
PID=$!
until curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null; do
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/service.log"; exit 1; }
  sleep 0.2
done

heap_used_kib() {
  jcmd "$PID" GC.run >/dev/null
  jcmd "$PID" GC.heap_info | grep -o 'used [0-9]*K' | head -n 1 | tr -dc '0-9'
}
TOKEN=$(java -cp platform-common/target/classes io.marketplace.platform.security.DevTokenIssuer token \
  "$WORK/issuer/private.pem" --account 1001 --technical --roles developer)

# a short warm-up so the JIT has seen the path, then the measured run
java bench/MediaUploadBench.java "http://127.0.0.1:$PORT" "$TOKEN" 40 >/dev/null
before=$(heap_used_kib)
java bench/MediaUploadBench.java "http://127.0.0.1:$PORT" "$TOKEN" "$COUNT"
after=$(heap_used_kib)
echo "server heap after full GC: before ${before} KiB, after ${after} KiB, growth $(( after - before )) KiB"
echo "server peak RSS: $(awk '/VmHWM/{print $2}' /proc/$PID/status) KiB"
psql -h localhost -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
