#!/usr/bin/env bash
# Benchmark: webhook-service deliveries to receivers on loopback. Targets (issue 7): >= 500 deliveries/s to a fast
# receiver; with a receiver that hangs 10 s, the others keep >= 90% of that rate; the first attempt starts within
# 200 ms (p99) of a job being accepted. The bench's own process plays keys-service (signing secrets) and the receivers.
# Needs the local PostgreSQL; uses its own database marketplace_bench. Usage: bench/webhooks.sh [jobs]
cd "$(dirname "$0")/.."
source bench/lib.sh
JOBS="${1:-5000}"
PORT=18084
RECEIVERS=18090   # keys-service stand-in and fast receiver; the hanging receiver listens on the next port
java bench/WebhookBench.java serve "$RECEIVERS" "$WORK/ready" "$WORK/go" "$WORK/results" &
BENCH=$!
until [ -f "$WORK/ready" ]; do kill -0 $BENCH 2>/dev/null || exit 1; sleep 0.2; done
start_service webhook-service $PORT KEYS_SERVICE_URL="http://127.0.0.1:$RECEIVERS"
token --account 1 --roles service > "$WORK/go.tmp" && echo "http://127.0.0.1:$PORT $JOBS" >> "$WORK/go.tmp" && mv "$WORK/go.tmp" "$WORK/go"
wait $BENCH
cat "$WORK/results"
