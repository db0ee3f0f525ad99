#!/usr/bin/env bash
# Benchmark: 200 listing-image uploads (icons and gallery images) against a real integrations-service on loopback.
# Prints images/s, latency, and the server's heap after a full GC before and after the uploads.
# Usage: bench/media-upload.sh [count]   (needs the local PostgreSQL; uses its own database marketplace_bench)
cd "$(dirname "$0")/.."
source bench/lib.sh
COUNT="${1:-200}"
PORT=18081
start_service integrations-service $PORT QUARKUS_LOG_CATEGORY__IO_MARKETPLACE_PLATFORM_OUTBOX__LEVEL=ERROR

heap_used_kib() {
  jcmd "$PID" GC.run >/dev/null
  jcmd "$PID" GC.heap_info | grep -o 'used [0-9]*K' | head -n 1 | tr -dc '0-9'
}
TOKEN=$(token --account 1001 --technical --roles developer)

# a short warm-up so the JIT has seen the path, then the measured run
java bench/MediaUploadBench.java "http://127.0.0.1:$PORT" "$TOKEN" 40 >/dev/null
before=$(heap_used_kib)
java bench/MediaUploadBench.java "http://127.0.0.1:$PORT" "$TOKEN" "$COUNT"
after=$(heap_used_kib)
echo "server heap after full GC: before ${before} KiB, after ${after} KiB, growth $(( after - before )) KiB"
echo "server peak RSS: $(awk '/VmHWM/{print $2}' /proc/$PID/status) KiB"
