# Shared by the bench scripts: one service on a loopback port, its own database, the development issuer.
# Source it after `cd` to the repository root; it sets WORK (a temporary directory) and PID, and cleans up on exit
# (BENCH_KEEP_DB=1 keeps the database afterwards, to look at query plans).
set -euo pipefail
source deploy/service-jvm.sh
BENCH_DB=marketplace_bench
WORK=$(mktemp -d)
PID=
trap 'if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi; rm -rf "$WORK"
      [ -n "${BENCH_KEEP_DB:-}" ] || PGOPTIONS=--client-min-messages=warning psql -h localhost -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $BENCH_DB" >/dev/null 2>&1 || true' EXIT

dev_issuer() {
  java -cp platform-common/target/classes io.marketplace.platform.security.DevTokenIssuer "$@"
}

# start_service <module> <port> [VAR=value ...]: builds it if needed, starts it and waits until it is ready
start_service() {
  local module=$1 port=$2
  shift 2
  [ -f "$module/target/quarkus-app/quarkus-run.jar" ] || ./mvnw -B -q package -DskipTests -pl "$module" -am
  dev_issuer keygen "$WORK/issuer"
  PGOPTIONS=--client-min-messages=warning psql -h localhost -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $BENCH_DB" \
    -c "CREATE DATABASE $BENCH_DB"
  env DB_NAME=$BENCH_DB QUARKUS_HTTP_PORT="$port" QUARKUS_OIDC_TOKEN_ISSUER=marketplace-dev-issuer \
    QUARKUS_OIDC_PUBLIC_KEY="$(grep -v -- '-----' "$WORK/issuer/public.pem" | tr -d '\n')" \
    MARKETPLACE_DEV_ISSUER_PRIVATE_KEY_LOCATION="$WORK/issuer/private.pem" KEYS_SERVICE_URL=http://127.0.0.1:1 \
    PUBLISH_TOKENS_ENABLED=false "$@" \
    "$SERVICE_JAVA" $(service_jvm_options "$module") -jar "$module/target/quarkus-app/quarkus-run.jar" \
    > "$WORK/service.log" 2>&1 &
  PID=$!
  until curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null; do
    kill -0 "$PID" 2>/dev/null || { cat "$WORK/service.log"; exit 1; }
    sleep 0.2
  done
}

# token <DevTokenIssuer token options>: a bearer token the benchmarked service trusts
token() {
  dev_issuer token "$WORK/issuer/private.pem" "$@"
}
