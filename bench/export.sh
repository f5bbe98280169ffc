#!/usr/bin/env bash
# The exports of a catalog of N models (default 1,000,000) from the service at -Xmx256m, beside
# GET /v1/models: each streamed from a cursor, so the heap holds one model at a time (docs/PERFORMANCE.md).
#   bench/export.sh [N]     (needs: java, mvn, python3, curl; writes bench/work-export/)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
WORK=bench/work-export
HTTP_PORT=${BENCH_HTTP_PORT:-18090}
rm -rf "$WORK"; mkdir -p "$WORK/inbox"
[ -f target/ghost-records.jar ] || mvn -B -q -DskipTests package
python3 bench/gen_feed.py "$N" "$WORK/feed.json"

GHOST_DATA_DIR=$WORK/data GHOST_MODELS_DIR=$WORK/inbox GHOST_HTTP_PORT=$HTTP_PORT GHOST_MANAGEMENT_PORT=$((HTTP_PORT + 1)) \
GHOST_STALE_CRON=never GHOST_PURGE_CRON=never GHOST_FETCH_CRON=never \
  java -Xmx256m -jar target/ghost-records.jar serve > "$WORK/service.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null; wait $SERVICE 2>/dev/null || true' EXIT
API=http://127.0.0.1:$HTTP_PORT
for _ in $(seq 120); do curl -sf "$API/api/stats" >/dev/null && break; sleep 0.5; done
total() { curl -sf "$API/api/stats" | python3 -c "import json, sys; print(json.load(sys.stdin)['total'])"; }
base=$(total)
cp "$WORK/feed.json" "$WORK/inbox/.tmp" && mv "$WORK/inbox/.tmp" "$WORK/inbox/bench_models_1.json"
until [ "$(total)" -ge $((base + N)) ]; do sleep 2; done
models=$(total)
echo "catalog: $models models (service at -Xmx256m, pid $SERVICE)"
printf '%-55s %6s %10s %9s %10s\n' "request" "status" "MB" "seconds" "models"
# path, and the text each model's entry holds once
for request in "/v1/models|\"object\":\"model\"" \
               "/export/litellm/model_prices_and_context_window.json|\"litellm_provider\"" \
               "/export/models.dev/api.json|\"release_date\""; do
  path=${request%%|*}; marker=${request#*|}
  read -r code bytes seconds <<< "$(curl -s -o "$WORK/answer.json" -w '%{http_code} %{size_download} %{time_total}' "$API$path")"
  count=$(grep -o "$marker" "$WORK/answer.json" | wc -l)
  printf '%-55s %6s %10s %9s %10s\n' "$path" "$code" "$((bytes / 1000000))" "$seconds" "$count"
  [ "$code" = 200 ] || { echo "FAIL: $path answered $code"; exit 1; }
done
echo "service peak RSS: $(awk '/VmHWM/ {print int($2 / 1024) " MB"}' /proc/$SERVICE/status); heap limit 256 MB"
if grep -q "OutOfMemoryError" "$WORK/service.log"; then echo "FAIL: OutOfMemoryError"; exit 1; fi
echo "no OutOfMemoryError in the service's log"
