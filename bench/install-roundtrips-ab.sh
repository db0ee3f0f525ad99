#!/usr/bin/env bash
# Benchmark: two builds of the four services through bench/install-roundtrips.sh at the same time, each on its own
# ports and database, each driven by its own load generator. Runs one after the other cannot tell a change from this
# machine's drift (its speed moved by a third between two runs of one build); two builds side by side see the same
# machine, so their CPU per round trip compares. PostgreSQL is shared: its figure is the same total in both lines.
# Usage: bench/install-roundtrips-ab.sh <appsDirA> <appsDirB> [accounts, default 1500]; each apps dir holds one
# quarkus-app directory per module, named after it (integrations-service, keys-service, …).
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: $0 <appsDirA> <appsDirB> [accounts]" >&2; exit 2; }
A=$1 B=$2 ACCOUNTS=${3:-1500}
# both would turn autovacuum on for their run and put it back when the first ends: done once here instead
source bench/lib.sh
export BENCH_AUTOVACUUM=as-is
LOGS=$(mktemp -d)
trap 'rm -rf "$LOGS"; bench_cleanup' EXIT
BENCH_APPS_DIR=$A BENCH_PORT_BASE=18180 BENCH_DB=marketplace_bench_a bench/install-roundtrips.sh "$ACCOUNTS" > "$LOGS/a" 2>&1 &
RUN_A=$!
BENCH_APPS_DIR=$B BENCH_PORT_BASE=18280 BENCH_DB=marketplace_bench_b bench/install-roundtrips.sh "$ACCOUNTS" > "$LOGS/b" 2>&1 &
RUN_B=$!
wait "$RUN_A" "$RUN_B"
for run in a b; do
  echo "== ${run^^}: $([ $run = a ] && echo "$A" || echo "$B")"
  grep -E "end to end|CPU per|repeated" "$LOGS/$run" || cat "$LOGS/$run"
done
