#!/usr/bin/env bash
# Webhook delivery benchmark: 1,000 notifications queued in the outbox, then delivered to a local
# receiver (bench/webhook_receiver.py, answering 204 at once), signed with one secret.
#   bench/webhooks.sh        (needs: java, mvn, python3, curl; writes bench/work-webhooks/)
# The notifications are queued while the service does not deliver (a poll delay of an hour), then
# the service restarts with the poll delay under test; deliveries per second are the receiver's:
# (N - 1) / (last arrival - first arrival). Settings: BENCH_WEBHOOKS (1000), BENCH_POLL_DELAYS
# ("1000 100": the default GHOST_WEBHOOK_POLL_DELAY, and a short one), BENCH_HTTP_PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=bench/work-webhooks
N=${BENCH_WEBHOOKS:-1000}
HTTP_PORT=${BENCH_HTTP_PORT:-18100}
RECEIVER_PORT=$((HTTP_PORT + 5))
rm -rf "$WORK"; mkdir -p "$WORK/inbox"
[ -f target/ghost-records.jar ] || mvn -B -q -DskipTests package
API=http://127.0.0.1:$HTTP_PORT
SERVICE=; RECEIVER=
trap 'kill $SERVICE $RECEIVER 2>/dev/null; wait $SERVICE $RECEIVER 2>/dev/null || true' EXIT

serve() { # poll delay (ms)
  GHOST_DATA_DIR=$WORK/data GHOST_MODELS_DIR=$WORK/inbox GHOST_HTTP_PORT=$HTTP_PORT GHOST_MANAGEMENT_PORT=$((HTTP_PORT + 1)) \
  GHOST_API_TOKEN=bench GHOST_WEBHOOK_URLS="http://127.0.0.1:$RECEIVER_PORT/hook" GHOST_WEBHOOK_KINDS=test \
  GHOST_WEBHOOK_SECRET="whsec_$(head -c 32 /dev/urandom | base64)" GHOST_WEBHOOK_POLL_DELAY="$1" \
  GHOST_STALE_CRON=never GHOST_PURGE_CRON=never GHOST_FETCH_CRON=never \
    java -Xmx256m -jar target/ghost-records.jar serve >> "$WORK/service.log" 2>&1 &
  SERVICE=$!
  for _ in $(seq 240); do curl -sf "$API/api/stats" >/dev/null && return; sleep 0.5; done
  echo "the service did not start: $WORK/service.log"; exit 1
}
stop() { kill "$SERVICE"; wait "$SERVICE" 2>/dev/null || true; SERVICE=; }

echo "| GHOST_WEBHOOK_POLL_DELAY | notifications | first to last delivery | deliveries/s |"
echo "|---|---|---|---|"
for delay in ${BENCH_POLL_DELAYS:-1000 100}; do
  python3 bench/webhook_receiver.py "$RECEIVER_PORT" "$N" "$WORK/received-$delay" &
  RECEIVER=$!
  serve 3600000
  seq "$N" | xargs -P 4 -I{} curl -sf -o /dev/null -X POST -H "Authorization: Bearer bench" "$API/api/notifications/test"
  stop
  serve "$delay"
  for _ in $(seq 1200); do [ -s "$WORK/received-$delay" ] && break; sleep 0.25; done
  [ -s "$WORK/received-$delay" ] || { echo "not all $N delivered: $WORK/service.log"; exit 1; }
  stop
  kill "$RECEIVER"; wait "$RECEIVER" 2>/dev/null || true; RECEIVER=
  read -r count first last < "$WORK/received-$delay"
  python3 -c "d=$last-$first; print(f'| $delay ms | $count | {d:.2f} s | {($count-1)/d:.0f} |')"
done
