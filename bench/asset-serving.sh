#!/usr/bin/env bash
# Benchmark: serving a versioned asset (/upl/{code}/{version}/widget/script.js) with wrk, 32 connections, 2 threads,
# against a real integrations-service on loopback. Target (issue 4): >= 3,000 requests/s on this 2-core machine.
# Needs wrk (Debian: apt-get install wrk) and the local PostgreSQL; uses its own database marketplace_bench.
cd "$(dirname "$0")/.."
source bench/lib.sh
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
PORT=18081
DURATION="${DURATION:-15s}"
start_service integrations-service $PORT QUARKUS_LOG_CATEGORY__IO_MARKETPLACE_PLATFORM_OUTBOX__LEVEL=ERROR
TOKEN=$(token --account 1001 --technical --roles developer)
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
