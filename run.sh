#!/usr/bin/env bash
# Starts the four services against the local PostgreSQL, in the foreground, logs prefixed by service; Ctrl-C stops all.
#   ./run.sh                                   build what is missing, then start everything
#   ./run.sh token --account 1001 --technical --roles developer,admin
#                                              print a bearer token from the development issuer
#   eval "$(./run.sh env)"                     export the development issuer settings (for ./mvnw quarkus:dev)
# Auth uses a development issuer (an RS256 key pair generated on first use in .dev/issuer, kept out of git).
# Set QUARKUS_OIDC_AUTH_SERVER_URL (and OIDC_CLIENT_SECRET_<SERVICE>, each service's client-credentials secret)
# to use a real IdP instead.
set -euo pipefail
cd "$(dirname "$0")"

SERVICES=(integrations-service keys-service stats-service webhook-service)
PORTS=(8081 8082 8083 8084)
ISSUER_DIR=.dev/issuer
COMMON_CLASSES=platform-common/target/classes

dev_issuer() {
  if [ ! -f "$COMMON_CLASSES/io/marketplace/platform/security/DevTokenIssuer.class" ]; then
    ./mvnw -B -q -pl platform-common compile >&2
  fi
  java -cp "$COMMON_CLASSES" io.marketplace.platform.security.DevTokenIssuer "$@"
}

if [ "${1:-}" = "token" ]; then
  shift
  dev_issuer keygen "$ISSUER_DIR"
  dev_issuer token "$ISSUER_DIR/private.pem" "$@"
  exit 0
fi
if [ "${1:-}" = "env" ]; then
  dev_issuer keygen "$ISSUER_DIR"
  echo "export QUARKUS_OIDC_PUBLIC_KEY='$(grep -v -- '-----' "$ISSUER_DIR/public.pem" | tr -d '\n')'"
  echo "export QUARKUS_OIDC_TOKEN_ISSUER=marketplace-dev-issuer"
  echo "export MARKETPLACE_DEV_ISSUER_PRIVATE_KEY_LOCATION='$PWD/$ISSUER_DIR/private.pem'"
  exit 0
fi
if [ $# -gt 0 ]; then
  echo "usage: ./run.sh | ./run.sh env | ./run.sh token --account N [--technical] [--roles a,b] [--subject s] [--ttl seconds]" >&2
  exit 2
fi

missing=false
for service in "${SERVICES[@]}"; do
  [ -f "$service/target/quarkus-app/quarkus-run.jar" ] || missing=true
done
if $missing; then
  echo "Building the services (./mvnw package -DskipTests)..."
  ./mvnw -B -q package -DskipTests
fi

export DB_HOST="${DB_HOST:-localhost}" DB_PORT="${DB_PORT:-5432}" DB_USER="${DB_USER:-postgres}" DB_NAME="${DB_NAME:-marketplace}"
if command -v psql >/dev/null; then
  if ! PGPASSWORD="${DB_PASSWORD:-}" psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
    echo "Creating database $DB_NAME"
    PGPASSWORD="${DB_PASSWORD:-}" psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -qc "CREATE DATABASE \"$DB_NAME\""
  fi
else
  echo "psql not found: make sure database $DB_NAME exists on $DB_HOST:$DB_PORT" >&2
fi

if [ -z "${QUARKUS_OIDC_AUTH_SERVER_URL:-}" ]; then
  dev_issuer keygen "$ISSUER_DIR"
  export QUARKUS_OIDC_PUBLIC_KEY="$(grep -v -- '-----' "$ISSUER_DIR/public.pem" | tr -d '\n')"
  export QUARKUS_OIDC_TOKEN_ISSUER=marketplace-dev-issuer
  export MARKETPLACE_SERVICE_AUTH_MODE=dev-issuer
  export MARKETPLACE_DEV_ISSUER_PRIVATE_KEY_LOCATION="$PWD/$ISSUER_DIR/private.pem"
  echo "Auth: development issuer ($ISSUER_DIR). Get a token with: ./run.sh token --account 1001 --technical --roles developer,admin"
else
  export MARKETPLACE_SERVICE_AUTH_MODE=oidc-client QUARKUS_OIDC_CLIENT_CLIENT_ENABLED=true
  echo "Auth: $QUARKUS_OIDC_AUTH_SERVER_URL"
fi
export KEYS_SERVICE_URL="${KEYS_SERVICE_URL:-http://localhost:8082}"
# keys-service encrypts the secrets it must read back with this AES-256 key, made once like the issuer's key pair
if [ -z "${KEYS_ENCRYPTION_KEY:-}" ]; then
  [ -f .dev/keys-encryption.key ] || { mkdir -p .dev; head -c 32 /dev/urandom | base64 > .dev/keys-encryption.key; chmod 600 .dev/keys-encryption.key; }
  export KEYS_ENCRYPTION_KEY="$(cat .dev/keys-encryption.key)"
fi
# integrations-service signs the authorization page's consent tickets with this key, kept across restarts
if [ -z "${MARKETPLACE_SIGN_IN_SECRET:-}" ]; then
  [ -f .dev/sign-in.secret ] || { mkdir -p .dev; head -c 32 /dev/urandom | base64 > .dev/sign-in.secret; chmod 600 .dev/sign-in.secret; }
  export MARKETPLACE_SIGN_IN_SECRET="$(cat .dev/sign-in.secret)"
fi

source deploy/service-jvm.sh
pids=()
stop_all() {
  trap - INT TERM EXIT
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop_all INT TERM EXIT

started=$(date +%s%N)
for i in "${!SERVICES[@]}"; do
  service=${SERVICES[$i]}
  upper=$(echo "${service%-service}" | tr 'a-z' 'A-Z')
  client_secret_var="OIDC_CLIENT_SECRET_$upper"
  jvm_options=$(service_jvm_options "$service")
  case "$jvm_options" in
    *AOTCacheOutput*|*ArchiveClassesAtExit*)
      echo "$service: first start with this Java and these jars, recording its start-up cache (written when it stops)";;
  esac
  QUARKUS_HTTP_PORT=${PORTS[$i]} QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET="${!client_secret_var:-unset}" \
    "$SERVICE_JAVA" $jvm_options -jar "$service/target/quarkus-app/quarkus-run.jar" \
    > >(sed -u "s/^/[${service%-service}] /") 2>&1 &
  pids+=($!)
done

for port in "${PORTS[@]}"; do
  until curl -fs "http://localhost:$port/q/health/ready" >/dev/null 2>&1; do
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "A service exited during start-up; see its log above." >&2; exit 1; }
    done
    sleep 0.2
  done
done
elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
echo "All four services are UP after ${elapsed_ms} ms:"
for i in "${!SERVICES[@]}"; do
  echo "  ${SERVICES[$i]}  http://localhost:${PORTS[$i]}  (OpenAPI: /q/openapi, health: /q/health)"
done
wait -n "${pids[@]}" || true
echo "A service stopped; stopping the others." >&2
