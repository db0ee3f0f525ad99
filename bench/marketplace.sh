#!/usr/bin/env bash
# Benchmark: the marketplace catalog with wrk (2 threads, 32 connections) against a real integrations-service on
# loopback, over 1,000 published integrations with listings and icons in 5 languages (seeded with SQL).
# Target (issue 8): >= 3,000 requests/s with p99 < 20 ms on this 2-core machine. Anonymous pages are cached for a
# second per replica; CACHE_TTL=0s measures every request going to the database.
# Needs wrk (apt-get install wrk) and the local PostgreSQL; uses its own database marketplace_bench.
cd "$(dirname "$0")/.."
source bench/lib.sh
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
PORT=18081
DURATION="${DURATION:-15s}"
start_service integrations-service $PORT QUARKUS_LOG_CATEGORY__IO_MARKETPLACE_PLATFORM_OUTBOX__LEVEL=ERROR \
  MARKETPLACE_CATALOG_CACHE_TTL="${CACHE_TTL:-1s}"
psql -h localhost -U postgres -d "$BENCH_DB" -q <<'SQL'
SET search_path = integrations;
INSERT INTO integration (id, owner_account_id, code, redirect_uri, scopes, languages, created_at, updated_at)
  SELECT gen_random_uuid(), 1001, 'bench_' || n, 'https://dev.example.com/cb', ARRAY['crm'],
         ARRAY['en','es','pt','tr','id'], now(), now()
  FROM generate_series(1, 1000) AS n;
INSERT INTO integration_version (id, integration_id, number, status, created_at, updated_at, category)
  SELECT gen_random_uuid(), id, 1, 'published', now(), now(),
         (ARRAY['analytics','chats','sales','telephony', NULL])[1 + (hashtext(code) & 3)]
  FROM integration WHERE code LIKE 'bench\_%';
INSERT INTO listing (id, version_id, language, name, short_description, description, installed_description,
                     privacy_policy_url, support_url, support_email, updated_at)
  SELECT gen_random_uuid(), v.id, l, initcap(l) || ' ' || i.code || ' connector',
         'Syncs leads and ' || (ARRAY['calls','chats','invoices','tasks'])[1 + (hashtext(i.code) & 3)] || ' in ' || l,
         'A longer description.', 'Welcome #ACCOUNT_SUBDOMAIN#', 'https://dev.example.com/p', 'https://dev.example.com/s',
         'support@dev.example.com', now()
  FROM integration i JOIN integration_version v ON v.integration_id = i.id, unnest(i.languages) AS l
  WHERE i.code LIKE 'bench\_%';
INSERT INTO media_blob (sha256, content_type, width, height, size_bytes, bytes)
  VALUES ('bench-icon', 'image/png', 400, 272, 4, '\x89504e47');
INSERT INTO listing_medium (id, version_id, language, kind, sha256, updated_at)
  SELECT gen_random_uuid(), l.version_id, l.language, 'icon', 'bench-icon', now() FROM listing l;
-- the catalog read model, built the way a publication builds it
SELECT refresh_catalog(NULL, ARRAY['en', 'es', 'pt', 'tr', 'id']);
VACUUM ANALYZE;
SQL
BASE="http://127.0.0.1:$PORT/api/v1/marketplace/integrations"
for URL in "$BASE?lang=es" "$BASE?lang=pt&category=sales" "$BASE?lang=en&q=calls"; do
  [ "$(curl -fs "$URL" | grep -o '"id"' | wc -l)" -ge 1 ] || { echo "$URL answered no integration"; exit 1; }
  wrk -t2 -c32 -d5s "$URL" >/dev/null   # warm-up
  echo "--- wrk -t2 -c32 -d$DURATION $URL (50 per page)"
  wrk -t2 -c32 -d"$DURATION" --latency "$URL" | grep -E 'Requests/sec|50%|99%|Non-2xx|Socket errors'
done
