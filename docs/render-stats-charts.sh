#!/usr/bin/env bash
# Renders stats-service's chart.svg in headless Chromium for the four cases the chart must get right (30 days,
# 1 day, 5 years by month, all zeros) and writes docs/stats-chart-<case>.png. Sample data: a steady install
# stream with weekly and yearly swings and about one uninstall for every four installs, in English.
# Usage: docs/render-stats-charts.sh   (needs the local PostgreSQL and chromium; uses the bench database)
cd "$(dirname "$0")/.."
source bench/lib.sh
command -v chromium >/dev/null || { echo "chromium is not installed (apt-get install chromium)"; exit 1; }
PORT=18093
start_service stats-service $PORT
SERVICE_TOKEN=$(token --account 1 --roles service)
ADMIN_TOKEN=$(token --account 1001 --technical --roles admin)
BASE="http://127.0.0.1:$PORT"
INTEGRATION=$(cat /proc/sys/kernel/random/uuid)
TODAY=$(date -u +%F)

# five years of events, written as inbox batches of at most 1,000 events
awk -v integration="$INTEGRATION" -v days=1826 -v run="$(date +%s)" -v dir="$WORK" 'BEGIN {
  srand(42); n = 0; batch = 0; inBatch = 0
  now = systime()
  for (d = days - 1; d >= 0; d--) {
    t = now - d * 86400 - 3600
    base = 6 + 3 * sin(2 * 3.14159 * d / 365) + (days - d) / 400 + (int(d % 7) >= 5 ? -3 : 0)
    for (k = 0; k < 2; k++) {
      count = int(base * (k == 0 ? 1 : 0.25) + rand() * 3)
      for (i = 0; i < count; i++) {
        if (inBatch == 0) { file = sprintf("%s/batch-%05d.json", dir, batch); printf "{\"events\": [" > file }
        printf "%s{\"event_id\": \"%08x-0000-4000-8000-%012x\", \"type\": \"%s\", \"occurred_at\": \"%s\", \"data\": {\"integration_id\": \"%s\", \"widget_code\": \"crm_sync\", \"owner_account_id\": 1001, \"account_id\": %d, \"language\": \"en\"}}", \
          (inBatch ? "," : ""), run, n++, (k == 0 ? "install" : "uninstall"), strftime("%Y-%m-%dT%H:%M:%SZ", t, 1), integration, int(rand() * 100000) > file
        if (++inBatch == 1000) { printf "]}" > file; close(file); batch++; inBatch = 0 }
      }
    }
  }
  if (inBatch) { printf "]}" > file; close(file) }
}'
for batch in "$WORK"/batch-*.json; do
  curl -fsS -o /dev/null -H "Authorization: Bearer $SERVICE_TOKEN" -H 'Content-Type: application/json' \
    --data-binary "@$batch" "$BASE/internal/v1/events"
done

render() { # <case> <query>
  curl -fsS -H "Authorization: Bearer $ADMIN_TOKEN" -o "$WORK/$1.svg" \
    "$BASE/api/v1/integrations/$INTEGRATION/stats/chart.svg?$2"
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=900,420 \
    --screenshot="docs/stats-chart-$1.png" "file://$WORK/$1.svg" 2>/dev/null
  echo "docs/stats-chart-$1.png ($2)"
}
render 30-days "lang=en&from=$(date -u -d "$TODAY -29 days" +%F)&to=$TODAY"
render 1-day "lang=en&from=$TODAY&to=$TODAY"
render 5-years "lang=en&interval=month&from=$(date -u -d "$TODAY -5 years +1 day" +%F)&to=$TODAY"
render all-zero "lang=es&from=$(date -u -d "$TODAY -29 days" +%F)&to=$TODAY"
