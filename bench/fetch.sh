#!/usr/bin/env bash
# Provider sync benchmark: a 30,000-model Anthropic-style feed in 30 pages from a local stub,
# fetched and ingested end to end (POST /api/fetch answers once the file is ingested), beside the
# same 30,000 models dropped into the watched folder as one file (drop -> ingestion row OK).
#   bench/fetch.sh          (needs: java, mvn, python3, curl; writes bench/work-fetch/)
# Each round uses new provider ids, so both sides insert 30,000 new models. Target: at most 1.5x.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=bench/work-fetch
MODELS=${BENCH_FETCH_MODELS:-30000}
ROUNDS=${BENCH_ROUNDS:-3}
HTTP_PORT=${BENCH_HTTP_PORT:-18090}
STUB_PORT=${BENCH_STUB_PORT:-18095}
rm -rf "$WORK"; mkdir -p "$WORK/inbox" "$WORK/feeds"
[ -f target/ghost-records.jar ] || mvn -B -q -DskipTests package

python3 bench/anthropic_stub.py "$STUB_PORT" "$MODELS" "$WORK/feeds/all_models.json" &
STUB=$!
# the stub writes the one-file feed, then listens: wait for both
for _ in $(seq 240); do curl -s -o /dev/null "http://127.0.0.1:$STUB_PORT/v1/models" && break; sleep 0.5; done
[ -s "$WORK/feeds/all_models.json" ] || { echo "the stub did not start"; exit 1; }
{
  echo "providers:"
  for i in $(seq 0 "$ROUNDS"); do
    echo "  - {id: fetched$i, kind: anthropic, baseUrl: 'http://127.0.0.1:$STUB_PORT/v1', keyEnv: BENCH_ANTHROPIC_KEY}"
  done
} > "$WORK/providers.yaml"

BENCH_ANTHROPIC_KEY=bench-key GHOST_PROVIDERS_FILE=$WORK/providers.yaml GHOST_FETCH_CRON=never \
GHOST_DATA_DIR=$WORK/data GHOST_MODELS_DIR=$WORK/inbox GHOST_HTTP_PORT=$HTTP_PORT GHOST_MANAGEMENT_PORT=$((HTTP_PORT + 1)) \
GHOST_MODELS_QUIET_PERIOD=200 GHOST_MODELS_POLL_DELAY=100 \
GHOST_STALE_CRON="0 0 0 1 1 ? 2099" GHOST_PURGE_CRON="0 0 0 1 1 ? 2099" \
  java -Xmx256m -jar target/ghost-records.jar serve > "$WORK/service.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE $STUB 2>/dev/null; wait $SERVICE $STUB 2>/dev/null || true' EXIT
API=http://127.0.0.1:$HTTP_PORT
for _ in $(seq 120); do curl -sf "$API/api/stats" >/dev/null && break; sleep 0.5; done
now() { date +%s.%N; }

drop_and_wait() { # provider: the 30,000 models as one file named after it
  local name="$1_models.json" t0
  t0=$(now)
  cp "$WORK/feeds/all_models.json" "$WORK/inbox/.tmp"
  mv "$WORK/inbox/.tmp" "$WORK/inbox/$name"
  until curl -sf "$API/api/ingestions?provider=$1&limit=1" | grep -q '"status":"OK"'; do sleep 0.02; done
  python3 -c "print(f'{$(now) - $t0:.2f}')"
}
fetch_now() { # provider: fetch 30 pages, write, ingest; the answer comes after the ingestion
  local answer t0
  t0=$(now)
  answer=$(curl -sf -X POST "$API/api/fetch?provider=$1")
  echo "$answer" | grep -q "\"status\":\"OK\",\"httpStatus\":200,\"attempts\":30,\"pages\":30,\"models\":$MODELS," \
    || { echo "fetch $1 did not succeed: $answer" >&2; exit 1; }
  python3 -c "print(f'{$(now) - $t0:.2f}')"
}

# a warmed service, as in production: one of each first, not counted
drop_and_wait dropped0 >/dev/null
fetch_now fetched0 >/dev/null
pairs=()
for i in $(seq "$ROUNDS"); do
  ours=$(fetch_now "fetched$i"); base=$(drop_and_wait "dropped$i")
  pairs+=("$ours/$base")
  echo "round $i: fetch + ingest ${ours} s, dropped file ${base} s"
done
python3 - "$MODELS" "${pairs[@]}" <<'PY'
import sys, statistics
models, pairs = int(sys.argv[1]), [tuple(map(float, p.split("/"))) for p in sys.argv[2:]]
ratios = sorted(a / b for a, b in pairs)
median = statistics.median(ratios)
fetch = statistics.median(a for a, _ in pairs)
drop = statistics.median(b for _, b in pairs)
print(f"| scenario | ours (s) | baseline (s) | ratio | target | |")
print(f"|---|---|---|---|---|---|")
print(f"| fetch {models:,} models in 30 pages + ingest vs the same dropped as one file | {fetch:.2f} | {drop:.2f} "
      f"| {median:.2f}x | <= 1.5x | {'pass' if median <= 1.5 else 'FAIL'} |")
PY
