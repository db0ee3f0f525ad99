#!/usr/bin/env bash
# Benchmark: stats-service. (1) Ingestion through the batch endpoint (target >= 20,000 events/s). (2) 10 million
# events over 3 years across 5 languages and 1,000 integrations, generated in SQL and rolled up as ingestion would;
# then a year of daily series (target p95 < 20 ms) and its chart (target p95 < 50 ms).
# Usage: bench/stats.sh [events-in-millions]   (needs the local PostgreSQL; uses its own database marketplace_bench)
cd "$(dirname "$0")/.."
source bench/lib.sh
MILLIONS="${1:-10}"
PORT=18083
start_service stats-service $PORT
SERVICE_TOKEN=$(token --account 1 --roles service)
ADMIN_TOKEN=$(token --account 1001 --technical --roles admin)
BASE="http://127.0.0.1:$PORT"

java bench/StatsBench.java ingest "$BASE" "$SERVICE_TOKEN" 20 4 >/dev/null   # warm-up
java bench/StatsBench.java ingest "$BASE" "$SERVICE_TOKEN" 200 4

echo "seeding $MILLIONS million events over 3 years (1,000 integrations, 5 languages)..."
started=$(date +%s)
psql -h localhost -U postgres -d "$BENCH_DB" -q <<SQL
SET search_path = stats;
CREATE TEMP TABLE seeded_integration AS
  SELECT n, gen_random_uuid() AS id FROM generate_series(0, 999) AS n;
INSERT INTO integration_owner (integration_id, owner_account_id, widget_code)
  SELECT id, 1001, 'bench_' || n FROM seeded_integration;
INSERT INTO install_event (event_id, type, integration_id, widget_code, owner_account_id, account_id, language, occurred_at)
  SELECT gen_random_uuid(), CASE WHEN random() < 0.25 THEN 'uninstall' ELSE 'install' END, s.id, 'bench_' || s.n, 1001,
         (random() * 1000000)::bigint, (ARRAY['en','es','pt','tr','id'])[1 + (g % 5)],
         now() - random() * interval '1095 days'
  FROM generate_series(1, $MILLIONS * 1000000) AS g JOIN seeded_integration s ON s.n = g % 1000;
INSERT INTO daily_installs (integration_id, language, day, installs, uninstalls)
  SELECT integration_id, language, (occurred_at AT TIME ZONE 'UTC')::date,
         count(*) FILTER (WHERE type = 'install'), count(*) FILTER (WHERE type = 'uninstall')
  FROM install_event GROUP BY 1, 2, 3
  ON CONFLICT (integration_id, language, day) DO UPDATE
    SET installs = excluded.installs, uninstalls = excluded.uninstalls;
INSERT INTO daily_accounts (integration_id, language, day, account_id)
  SELECT DISTINCT integration_id, language, (occurred_at AT TIME ZONE 'UTC')::date, account_id
  FROM install_event WHERE type = 'install'
  ON CONFLICT DO NOTHING;
VACUUM ANALYZE;  -- what autovacuum does in a running system: statistics and the visibility map
\copy (SELECT integration_id FROM integration_owner WHERE widget_code LIKE 'bench\_%') TO '$WORK/ids.txt'
SQL
echo "seeded in $(( $(date +%s) - started )) s: $(psql -h localhost -U postgres -d "$BENCH_DB" -tAc 'SELECT count(*) FROM stats.install_event') raw events, $(psql -h localhost -U postgres -d "$BENCH_DB" -tAc 'SELECT count(*) FROM stats.daily_installs') rollup rows"
java bench/StatsBench.java query "$BASE" "$ADMIN_TOKEN" "$WORK/ids.txt" 300
