# Shared by the bench scripts: services on loopback ports, each on its own database, the development issuer.
# Source it after `cd` to the repository root; it sets WORK (a temporary directory) and PID (the service started last),
# and on exit stops the services and drops their databases (BENCH_KEEP_DB=1 keeps them, to look at query plans).
# PostgreSQL's autovacuum is on while a bench runs (below).
set -euo pipefail
source deploy/service-jvm.sh
BENCH_DB=${BENCH_DB:-marketplace_bench}
WORK=$(mktemp -d)
PID=
SERVICE_PIDS=()
BENCH_DATABASES=("$BENCH_DB")
BENCH_AUTOVACUUM_RESTORE=
bench_cleanup() {
  local pid db
  for pid in "${SERVICE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
  [ -n "${BENCH_KEEP_DB:-}" ] || for db in "${BENCH_DATABASES[@]}"; do
    PGOPTIONS=--client-min-messages=warning psql -h localhost -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  done
  [ -z "$BENCH_AUTOVACUUM_RESTORE" ] || psql -h localhost -U postgres -d postgres -qc "$BENCH_AUTOVACUUM_RESTORE" \
    -c "SELECT pg_reload_conf()" >/dev/null 2>&1 || true
}
trap bench_cleanup EXIT

# PostgreSQL as deployments run it, with autovacuum. This machine's test configuration turns it off, and then a table
# a bench fills from empty is never analyzed: a statement's cached plan stays the one made for the empty table (the
# outbox relay's update by ids ran as a sequential scan for a whole install-roundtrips run, 9 s of PostgreSQL's time),
# and the queues' partial indexes keep their dead entries. So a bench turns it on for its run and puts the setting back
# on exit. BENCH_AUTOVACUUM=as-is leaves the server as it is.
if [ "${BENCH_AUTOVACUUM:-on}" = on ] && [ "$(psql -h localhost -U postgres -d postgres -Atc 'SHOW autovacuum')" = off ]; then
  case $(psql -h localhost -U postgres -d postgres -Atc "SELECT sourcefile FROM pg_settings WHERE name = 'autovacuum'") in
    *postgresql.auto.conf) BENCH_AUTOVACUUM_RESTORE="ALTER SYSTEM SET autovacuum = off" ;;
    *) BENCH_AUTOVACUUM_RESTORE="ALTER SYSTEM RESET autovacuum" ;;
  esac
  psql -h localhost -U postgres -d postgres -qc "ALTER SYSTEM SET autovacuum = on" -c "SELECT pg_reload_conf()" >/dev/null
  echo "(PostgreSQL's autovacuum is off in its configuration: on for this run, off again after it)" >&2
fi

dev_issuer() {
  java -cp platform-common/target/classes io.marketplace.platform.security.DevTokenIssuer "$@"
}

# start_service <module> <port> [VAR=value ...]: starts the module on a new database (BENCH_DB, or the DB_NAME=...
# given) and waits until it is ready; PID is its process. The services a script starts trust one development issuer.
start_service() {
  local module=$1 port=$2 db=$BENCH_DB setting
  for setting in "${@:3}"; do
    case $setting in DB_NAME=*) db=${setting#DB_NAME=} ;; esac
  done
  create_database "$db"
  launch_service "$@"
  await_service "$port" "$PID"
}

# create_database <name>: a new, empty database, dropped on exit
create_database() {
  [[ " ${BENCH_DATABASES[*]} " == *" $1 "* ]] || BENCH_DATABASES+=("$1")
  PGOPTIONS=--client-min-messages=warning psql -h localhost -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $1" \
    -c "CREATE DATABASE $1"
}

# launch_service <module> <port> [VAR=value ...]: starts the module in the background on BENCH_DB (or DB_NAME=...)
# without waiting (its log $WORK/service-<port>.log); PID is its process. SERVICE_APP_DIR=<a quarkus-app directory>
# starts another build of the module; SERVICE_EXTRA_JVM_OPTIONS are added to its JVM's options.
launch_service() {
  local module=$1 port=$2 app=${SERVICE_APP_DIR:-$1/target/quarkus-app}
  shift 2
  [ -f "$app/quarkus-run.jar" ] || ./mvnw -B -q package -DskipTests -pl "$module" -am
  [ -f "$WORK/issuer/private.pem" ] || dev_issuer keygen "$WORK/issuer"
  env DB_NAME="$BENCH_DB" QUARKUS_HTTP_PORT="$port" QUARKUS_OIDC_TOKEN_ISSUER=marketplace-dev-issuer \
    QUARKUS_OIDC_PUBLIC_KEY="$(grep -v -- '-----' "$WORK/issuer/public.pem" | tr -d '\n')" \
    MARKETPLACE_DEV_ISSUER_PRIVATE_KEY_LOCATION="$WORK/issuer/private.pem" KEYS_SERVICE_URL=http://127.0.0.1:1 \
    PUBLISH_TOKENS_ENABLED=false "$@" \
    "$SERVICE_JAVA" $(service_jvm_options "$module") ${SERVICE_EXTRA_JVM_OPTIONS:-} -jar "$app/quarkus-run.jar" \
    > "$WORK/service-$port.log" 2>&1 &
  PID=$!
  SERVICE_PIDS+=("$PID")
}

# await_service <port> <pid>: until the service answers ready; its log and exit if the process ends first
await_service() {
  until curl -fs -o /dev/null "http://127.0.0.1:$1/q/health/ready"; do
    kill -0 "$2" 2>/dev/null || { tail -n 40 "$WORK/service-$1.log"; exit 1; }
    sleep 0.02
  done
}

# stop_service <pid>: stops a service this script started, and forgets it
stop_service() {
  local pid
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  for pid in "${!SERVICE_PIDS[@]}"; do [ "${SERVICE_PIDS[$pid]}" != "$1" ] || unset "SERVICE_PIDS[$pid]"; done
}

# bench_java <java> [JVM options] <program> [arguments]: runs bench/<program>.java with bench/KeepAliveConnection.java,
# both compiled by that Java's javac (Java 17's source launcher runs a single file only)
bench_java() {
  local java=$1 options=() program classes
  shift
  while [[ $1 == -* ]]; do options+=("$1"); shift; done
  program=$1
  shift
  classes="$WORK/classes/$program"
  [ -d "$classes" ] || "${java%java}javac" -nowarn -d "$classes" "bench/$program.java" bench/KeepAliveConnection.java
  "$java" "${options[@]}" -cp "$classes" "$program" "$@"
}

# token <DevTokenIssuer token options>: a bearer token the benchmarked service trusts
token() {
  dev_issuer token "$WORK/issuer/private.pem" "$@"
}
