#!/usr/bin/env bash
# Benchmark (issue 20): refresh-token grants with rotation, keys-service beside Keycloak 26.4.7 (the distribution the
# end-to-end module unpacks), both on the same Java 21+ and the same PostgreSQL, driven by the same load generator in
# alternating rounds. Prints per round grants/s, p50, p99 and each server process's CPU milliseconds per grant, then
# the ratios. Target: keys-service >= 3x Keycloak's grants/s, p99 < 40 ms, <= 1/3 of its CPU per grant.
# Usage: bench/token-grants-vs-keycloak.sh [workers] [seconds per round] [rounds] [warm-up seconds]   (default 16 10 3 30)
# JAVA_HOME picks the Java of both servers (default: the newest 21+ under /usr/lib/jvm; Keycloak 26 needs 21+);
# KEYS_JAVA_HOME runs keys-service on another one, for example Java 17, the build's.
# JAVA_OPTS, as for ./run.sh, applies to keys-service only: Keycloak keeps its distribution's options.
cd "$(dirname "$0")/.."
WORKERS="${1:-16}"
SECONDS_EACH="${2:-10}"
ROUNDS="${3:-3}"
WARM_UP="${4:-30}"
KEYS_PORT=18082
KEYCLOAK_PORT=18180
KEYCLOAK_DB=keycloak_bench

if [ -z "${JAVA_HOME:-}" ] || [ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release")" -lt 21 ]; then
  JAVA_HOME=$(for home in /usr/lib/jvm/*; do
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null)
    [ "${version:-0}" -ge 21 ] && echo "$version $home"
  done | sort -n | tail -n 1 | cut -d' ' -f2)
fi
[ -n "$JAVA_HOME" ] || { echo "Keycloak 26 needs Java 21+: none under /usr/lib/jvm"; exit 1; }
KEYCLOAK_JAVA_HOME=$JAVA_HOME
JAVA_HOME=${KEYS_JAVA_HOME:-$JAVA_HOME}
source bench/lib.sh # its SERVICE_JAVA, keys-service's, follows JAVA_HOME
export JAVA_HOME=$KEYCLOAK_JAVA_HOME

KEYCLOAK_VERSION=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' e2e-tests/pom.xml)
DIST="e2e-tests/target/keycloak/keycloak-$KEYCLOAK_VERSION"
[ -x "$DIST/bin/kc.sh" ] || ./mvnw -B -q -pl e2e-tests dependency:unpack@unpack-keycloak
KEYCLOAK_PID=
lib_cleanup=$(trap -p EXIT | sed "s/^trap -- '//; s/' EXIT$//")
trap 'if [ -n "$KEYCLOAK_PID" ]; then kill "$KEYCLOAK_PID" 2>/dev/null || true; wait "$KEYCLOAK_PID" 2>/dev/null || true; fi
      PGOPTIONS=--client-min-messages=warning psql -h localhost -U postgres -d postgres -qc "DROP DATABASE IF EXISTS '"$KEYCLOAK_DB"'" >/dev/null 2>&1 || true
      '"$lib_cleanup" EXIT

# keys-service as bench/token-grants.sh runs it: the per-client limit raised, so the server is measured, not the limiter
start_service keys-service $KEYS_PORT KEYS_ENCRYPTION_KEY="$(head -c 32 /dev/urandom | base64)" \
  KEYS_ISSUER="http://127.0.0.1:$KEYS_PORT" MARKETPLACE_KEYS_TOKEN_RATE_PER_SECOND=100000 MARKETPLACE_KEYS_TOKEN_RATE_BURST=100000
KEYS_PID=$PID
SERVICE_TOKEN=$(token --account 1 --roles service)
ADMIN_TOKEN=$(token --account 1001 --technical --roles admin)

# Keycloak in production mode (start, local cache: no cluster traffic) on its own copy of the distribution, with a
# realm whose refresh tokens rotate (revokeRefreshToken, no reuse), on a database of the same PostgreSQL
cp -r "$DIST" "$WORK/keycloak"
rm -rf "$WORK/keycloak/data" && mkdir -p "$WORK/keycloak/data/import"
cat > "$WORK/keycloak/data/import/bench-realm.json" <<'REALM'
{
  "realm": "bench", "enabled": true, "sslRequired": "none",
  "revokeRefreshToken": true, "refreshTokenMaxReuse": 0,
  "accessTokenLifespan": 300, "ssoSessionIdleTimeout": 36000, "ssoSessionMaxLifespan": 36000,
  "clients": [{"clientId": "bench", "secret": "bench-secret", "publicClient": false, "standardFlowEnabled": false,
               "directAccessGrantsEnabled": true}],
  "users": [{"username": "bench", "enabled": true, "email": "bench@example.com", "emailVerified": true,
             "firstName": "Bench", "lastName": "User",
             "credentials": [{"type": "password", "value": "bench", "temporary": false}]}]
}
REALM
PGOPTIONS=--client-min-messages=warning psql -h localhost -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $KEYCLOAK_DB" \
  -c "CREATE DATABASE $KEYCLOAK_DB"
# kc.sh replaces its own JVM options with JAVA_OPTS when set: options meant for keys-service must not reach Keycloak
env -u JAVA_OPTS "$WORK/keycloak/bin/kc.sh" start --import-realm --http-enabled=true --http-host=127.0.0.1 --http-port=$KEYCLOAK_PORT \
  --hostname-strict=false --cache=local --health-enabled=true --http-management-port=19180 \
  --db=postgres --db-url="jdbc:postgresql://127.0.0.1:5432/$KEYCLOAK_DB" --db-username=postgres --db-password=unused \
  > "$WORK/keycloak.log" 2>&1 &
KEYCLOAK_PID=$!
until curl -fs "http://127.0.0.1:$KEYCLOAK_PORT/realms/bench/.well-known/openid-configuration" >/dev/null; do
  kill -0 "$KEYCLOAK_PID" 2>/dev/null || { tail -n 40 "$WORK/keycloak.log"; exit 1; }
  sleep 0.5
done

echo "keys-service on $("$SERVICE_JAVA" -version 2>&1 | head -n 1), Keycloak $KEYCLOAK_VERSION on $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1), one PostgreSQL;"
echo "$WORKERS workers, ${SECONDS_EACH}s per round, $ROUNDS rounds each, alternating, after ${WARM_UP}s of warm-up each"
bench_java "$JAVA_HOME/bin/java" TokenGrantsVsKeycloak "http://127.0.0.1:$KEYS_PORT" "$KEYS_PID" "$SERVICE_TOKEN" \
  "$ADMIN_TOKEN" "http://127.0.0.1:$KEYCLOAK_PORT" "$KEYCLOAK_PID" "$WORKERS" "$SECONDS_EACH" "$ROUNDS" "$WARM_UP"
