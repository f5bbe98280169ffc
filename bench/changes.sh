#!/usr/bin/env bash
# The change feed under load: a reader following GET /api/changes (limit 1000) while a feed of
# 100,000 models is ingested and new-model inference events run (each a DISCOVERED change), beside
# the same load without the reader, in each round (odd rounds without first, even rounds with first).
#   bench/changes.sh        (needs: java, mvn, python3, psql, wrk; writes bench/work-changes/)
# Prints per round the events' rate; with the reader, its lag at the end (from the load's end
# until it has every committed change) and the changes it took. See docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=bench/work-changes
DURATION=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-2}
HTTP_PORT=${BENCH_HTTP_PORT:-18180}
rm -rf "$WORK"; mkdir -p "$WORK/inbox" "$WORK/feeds"
[ -f target/ghost-records.jar ] || mvn -B -q -DskipTests package
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 2; }
python3 bench/gen_feed.py 100000 "$WORK/feeds/bench_models.json"

GHOST_DATA_DIR=$WORK/data GHOST_MODELS_DIR=$WORK/inbox GHOST_HTTP_PORT=$HTTP_PORT GHOST_MANAGEMENT_PORT=$((HTTP_PORT + 1)) \
GHOST_MODELS_QUIET_PERIOD=200 GHOST_MODELS_POLL_DELAY=100 \
GHOST_STALE_CRON="0 0 0 1 1 ? 2099" GHOST_PURGE_CRON="0 0 0 1 1 ? 2099" \
  java -Xmx256m -jar target/ghost-records.jar serve > "$WORK/service.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null; wait $SERVICE 2>/dev/null || true' EXIT
API=http://127.0.0.1:$HTTP_PORT
for _ in $(seq 120); do curl -sf "$API/api/stats" >/dev/null && break; sleep 0.5; done
PGPORT=$(sed -n 4p "$WORK/data/postgres/postmaster.pid")
export PGPASSWORD=$(cat "$WORK/data/postgres-password")
sql() { psql -h localhost -p "$PGPORT" -U postgres -d postgres -qtAX -v ON_ERROR_STOP=1 "$@"; }

# the reader: follows next from where the feed stands, 1000 a page, until told to stop and caught up;
# its state file holds "changes-taken last-page-time"
cat > "$WORK/reader.py" <<'PY'
import json, os, sys, time, urllib.request
api, state, stop = sys.argv[1], sys.argv[2], sys.argv[3]
def page(after):
    url = api + "/api/changes?limit=1000" + ("&after=" + after if after else "")
    with urllib.request.urlopen(url) as r:
        return json.load(r)
after, taken = None, 0
while True:                                   # start at the end: only this round's changes count
    p = page(after); after = p["next"]
    if not p["changes"]: break
open(state, "w").write("0 0\n")
while True:
    p = page(after)
    taken += len(p["changes"]); after = p["next"]
    open(state + ".tmp", "w").write(f"{taken} {time.time()}\n"); os.replace(state + ".tmp", state)
    if not p["changes"]:
        if os.path.exists(stop): break
        time.sleep(0.2)
PY

round_load() { # round reader(yes|no) -> "events/s [lag-s changes-taken changes-committed]"
  local r=$1 reader=$2 rpid=""
  sql -c "vacuum analyze" -c "checkpoint"
  local before; before=$(sql -c "select coalesce(max(id), 0) from model_event")
  if [ "$reader" = yes ]; then
    rm -f "$WORK/stop"; python3 "$WORK/reader.py" "$API" "$WORK/state" "$WORK/stop" & rpid=$!
    until [ -f "$WORK/state" ]; do sleep 0.05; done
  fi
  cp "$WORK/feeds/bench_models.json" "$WORK/inbox/.tmp" && mv "$WORK/inbox/.tmp" "$WORK/inbox/feed${r}${reader}_models.json"
  MODE=new RUN="r$r$reader" wrk -t2 -c32 -d"${DURATION}s" -s bench/events.lua "$API/api/inference-events" > "$WORK/wrk.out" 2>&1
  until [ "$(sql -c "select count(*) from ingestion where file_name='feed${r}${reader}_models.json'")" = 1 ]; do sleep 0.05; done
  local t_end; t_end=$(date +%s.%N)
  local rps; rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.out")
  local committed; committed=$(sql -c "select count(*) from model_event where id > $before")
  if [ "$reader" = yes ]; then
    until [ "$(cut -d' ' -f1 "$WORK/state")" -ge "$committed" ]; do sleep 0.02; done
    local lag; lag=$(python3 -c "import time; print(f'{time.time() - $t_end:.2f}')")
    touch "$WORK/stop"; wait "$rpid"
    echo "$rps $lag $(cut -d' ' -f1 "$WORK/state") $committed"; rm -f "$WORK/state"
  else
    echo "$rps"
  fi
}
# warm-up: a feed and events, so both kinds of round run compiled code
round_load 0 no >/dev/null
without=(); with=()
without_round() { local w; w=$(round_load "$1" no); without+=("$w"); echo "round $1 without reader: $w events/s"; }
with_round() {
  local rps lag taken committed
  read -r rps lag taken committed <<< "$(round_load "$1" yes)"; with+=("$rps")
  echo "round $1 with reader:    $rps events/s; reader caught up ${lag} s after the load ended ($taken of $committed changes this round)"
}
# odd rounds without the reader first, even rounds with it first: a rate that drifts over the run
# (compilation, the growing catalog) weighs on both sides alike
for r in $(seq "$ROUNDS"); do
  if [ $((r % 2)) = 1 ]; then without_round "$r"; with_round "$r"; else with_round "$r"; without_round "$r"; fi
done
python3 - "${without[*]}" "${with[*]}" <<'PY'
import statistics, sys
a = [float(x) for x in sys.argv[1].split()]; b = [float(x) for x in sys.argv[2].split()]
ratios = [y / x for x, y in zip(a, b)]
print(f"events/s median: without reader {statistics.median(a):.0f}, with reader {statistics.median(b):.0f}; "
      f"with/without per round {', '.join(f'{r:.2f}' for r in ratios)}, median {statistics.median(ratios):.2f} (target >= 0.90)")
PY
echo "page of 1000 inside the 100,000-change transaction of the last feed:"
sql -c "explain (analyze, costs off, timing off, summary on) select * from model_event
        where (tx, id) > ((select min(tx) from model_event where provider_id like 'feed%' and tx > '0'), 50000::bigint)
          and tx < pg_snapshot_xmin(pg_current_snapshot()) order by tx, id limit 1000" | grep -E "Index|Execution"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
