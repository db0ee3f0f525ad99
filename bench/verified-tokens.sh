#!/usr/bin/env bash
# Benchmark: the heap that remembered bearer tokens hold (platform-common's VerifiedTokens, README "Tokens").
# stats-service is started with the memory on and then off (MARKETPLACE_VERIFIED_TOKEN_CACHE_TTL=0s); each time it is
# sent one request for each of <tokens> distinct tokens; the heap in use after a full GC, before and after, is printed
# with the tokens answered from memory and verified. No target: the figure sizes MARKETPLACE_VERIFIED_TOKEN_CACHE_MAX_ENTRIES.
# Needs the local PostgreSQL; uses its own database marketplace_bench. Usage: bench/verified-tokens.sh [tokens, default 2000]
cd "$(dirname "$0")/.."
source bench/lib.sh
TOKENS="${1:-2000}"
PORT=18083
dev_issuer keygen "$WORK/issuer" >/dev/null
java -cp platform-common/target/classes bench/DistinctTokens.java "$WORK/issuer/private.pem" "$TOKENS" "$WORK/tokens.txt"

heap_used_kib() {
  jcmd "$1" GC.run >/dev/null
  # the serial collector's young and old generations, as GC.heap_info prints them
  jcmd "$1" GC.heap_info | grep -E '^ *(DefNew|Tenured|def new generation|tenured generation)' \
    | grep -o 'used [0-9]*K' | tr -dc '0-9\n' | paste -sd+ | bc
}

for ttl in 60s 0s; do
  MARKETPLACE_VERIFIED_TOKEN_CACHE_MAX_ENTRIES="$TOKENS" MARKETPLACE_VERIFIED_TOKEN_CACHE_TTL=$ttl \
    start_service stats-service $PORT
  before=$(heap_used_kib "$PID")
  while read -r token; do
    curl -s -o /dev/null -H "Authorization: Bearer $token" \
      "http://127.0.0.1:$PORT/api/v1/integrations/00000000-0000-0000-0000-000000000001/stats"
  done < "$WORK/tokens.txt"
  after=$(heap_used_kib "$PID")
  counts=$(curl -s "http://127.0.0.1:$PORT/q/metrics" | grep '^marketplace_verified_tokens_total' \
    | sed -E 's/.*outcome="([a-z]+)".* ([0-9.]+)$/\1 \2/' | tr '\n' ' ')
  printf 'memory %-3s (ttl %s): heap %d KiB -> %d KiB after %d tokens, %d bytes a token; %s\n' \
    "$([ "$ttl" = 0s ] && echo off || echo on)" "$ttl" "$before" "$after" "$TOKENS" \
    $(( (after - before) * 1024 / TOKENS )) "${counts:-no tokens counted}"
  stop_service "$PID"
done
