#!/usr/bin/env bash
# What history tracking (model_version, CHANGED events) costs a feed ingestion, issue 17:
#   1. a 100,000-model re-ingestion that changes nothing, this build beside the build before history
#      (BENCH_BASE, default 5512088: same schema, the merge without versions): target <= 1.10
#   2. a 100,000-model feed where every price changed (a version closed and opened and a CHANGED
#      event per model), beside psql's one-statement upsert of the same file: target <= 2.0
#   bench/history.sh            (needs: java, mvn, python3, psql, git; writes bench/work-history/)
# Each scenario runs BENCH_ROUNDS times (default 3); the median ratio counts. bench/run.sh measures the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=bench/work-history
BASE=${BENCH_BASE:-5512088}
ROUNDS=${BENCH_ROUNDS:-3}
HTTP_PORT=${BENCH_HTTP_PORT:-18090}
rm -rf "$WORK/data" "$WORK/inbox" "$WORK/feeds"; mkdir -p "$WORK/inbox" "$WORK/feeds"
[ -f target/ghost-records.jar ] || mvn -B -q -DskipTests package
if [ ! -f "$WORK/base/target/ghost-records.jar" ]; then
  rm -rf "$WORK/base"; mkdir -p "$WORK/base"
  git archive "$BASE" | tar -x -C "$WORK/base"
  (cd "$WORK/base" && mvn -B -q -o -DskipTests package)
fi

python3 bench/gen_feed.py 100000 "$WORK/feeds/bench_models.json"
python3 bench/gen_feed.py 100000 "$WORK/feeds/warmup_models.json"
# every prompt price changed, two ways: rounds alternate, so each one changes every model
sed 's/"prompt":"0.000001"/"prompt":"0.0000011"/g' "$WORK/feeds/bench_models.json" > "$WORK/feeds/priced_a.json"
sed 's/"prompt":"0.000001"/"prompt":"0.0000012"/g' "$WORK/feeds/bench_models.json" > "$WORK/feeds/priced_b.json"

SERVICE=
start() { # jar name
  GHOST_DATA_DIR=$WORK/data GHOST_MODELS_DIR=$WORK/inbox GHOST_HTTP_PORT=$HTTP_PORT GHOST_MANAGEMENT_PORT=$((HTTP_PORT + 1)) \
  GHOST_MODELS_QUIET_PERIOD=200 GHOST_MODELS_POLL_DELAY=100 \
  GHOST_STALE_CRON="0 0 0 1 1 ? 2099" GHOST_PURGE_CRON="0 0 0 1 1 ? 2099" \
    java -Xmx256m -jar "$1" serve > "$WORK/service-$2.log" 2>&1 &
  SERVICE=$!
  for _ in $(seq 240); do curl -sf "http://127.0.0.1:$HTTP_PORT/api/stats" >/dev/null && break; sleep 0.5; done
  PGPORT=$(sed -n 4p "$WORK/data/postgres/postmaster.pid")
  # the embedded PostgreSQL takes the password it keeps in its data folder
  export PGPASSWORD=$(cat "$WORK/data/postgres-password")
}
stop() { kill "$SERVICE" 2>/dev/null; wait "$SERVICE" 2>/dev/null || true; SERVICE=; }
trap 'stop' EXIT
. bench/lib.sh   # sql, now, settle, wait_ingested
drop_and_wait() { # source-file name-in-folder: seconds from the drop to its OK ingestion row
  settle
  local t0 n; t0=$(now); n=$(sql -c "select count(*) from ingestion where file_name='$2' and status='OK'")
  cp "$1" "$WORK/inbox/.tmp" && touch "$WORK/inbox/.tmp" && mv "$WORK/inbox/.tmp" "$WORK/inbox/$2"
  wait_ingested "$2" $((n + 1))
  python3 -c "print(f'{$(now) - $t0:.2f}')"
}
psql_upsert() { # file provider
  settle
  local t0; t0=$(now)
  sql -v file="$1" -v provider="$2" -f bench/baseline-upsert.sql >/dev/null
  python3 -c "print(f'{$(now) - $t0:.2f}')"
}
median() { python3 -c "import statistics,sys; print(statistics.median(map(float, sys.argv[1:])))" "$@"; }

# 1. re-ingestion without changes: before history, then with it (the same database, the same feed)
start "$WORK/base/target/ghost-records.jar" base
drop_and_wait "$WORK/feeds/warmup_models.json" warmup_models.json >/dev/null
drop_and_wait "$WORK/feeds/bench_models.json" bench_models.json >/dev/null
base=(); for _ in $(seq "$ROUNDS"); do base+=("$(drop_and_wait "$WORK/feeds/bench_models.json" bench_models.json)"); done
stop
start target/ghost-records.jar ours
drop_and_wait "$WORK/feeds/warmup_models.json" warmup_models.json >/dev/null
# the first feed after the upgrade fills the new fields (output limit, pricing...) the build before
# did not extract: a CHANGED event per model, once; the measured rounds come after it
drop_and_wait "$WORK/feeds/bench_models.json" bench_models.json >/dev/null
events=$(sql -c "select count(*) from model_event where provider_id = 'bench' and kind = 'CHANGED'")
ours=(); for _ in $(seq "$ROUNDS"); do ours+=("$(drop_and_wait "$WORK/feeds/bench_models.json" bench_models.json)"); done
after=$(sql -c "select count(*) from model_event where provider_id = 'bench' and kind = 'CHANGED'")
[ "$after" = "$events" ] || { echo "re-ingestion without changes recorded $((after - events)) CHANGED events"; exit 1; }

# 2. every price changed, beside psql upserting the same file (its first run inserts: done before)
psql_upsert "$WORK/feeds/bench_models.json" benchpsql >/dev/null
changed=(); upsert=()
for i in $(seq "$ROUNDS"); do
  feed="$WORK/feeds/priced_$([ $((i % 2)) = 1 ] && echo a || echo b).json"
  before=$(sql -c "select count(*) from model_event where provider_id = 'bench' and kind = 'CHANGED'")
  changed+=("$(drop_and_wait "$feed" "bench_models_priced$i.json")")
  upsert+=("$(psql_upsert "$feed" benchpsql)")
  after=$(sql -c "select count(*) from model_event where provider_id = 'bench' and kind = 'CHANGED'")
  [ $((after - before)) = 100000 ] || { echo "round $i: $((after - before)) CHANGED events, expected 100000"; exit 1; }
done
versions=$(sql -c "select count(*) from model_version where provider_id = 'bench'")
# 3. (report) a first ingestion, every model new (a first version each), beside psql inserting the same
first=(); insert=()
for i in $(seq "$ROUNDS"); do
  first+=("$(drop_and_wait "$WORK/feeds/bench_models.json" "new${i}_models.json")")
  insert+=("$(psql_upsert "$WORK/feeds/bench_models.json" "newpsql$i")")
done
stop

python3 - "$ROUNDS" "$versions" "${base[*]}" "${ours[*]}" "${changed[*]}" "${upsert[*]}" "${first[*]}" "${insert[*]}" <<'PY'
import statistics, sys
rounds, versions = int(sys.argv[1]), int(sys.argv[2])
base, ours, changed, upsert, first, insert = ([float(x) for x in a.split()] for a in sys.argv[3:9])
def row(name, o, b, bname, limit):
    ratio = statistics.median(o) / statistics.median(b)
    print(f"| {name} (rounds: {' '.join(map(str, o))} vs {' '.join(map(str, b))}) | {statistics.median(o):g} s "
          f"| {statistics.median(b):g} s ({bname}) | {ratio:.2f} | <= {limit} | {'PASS' if ratio <= limit else 'FAIL'} |")
print("| scenario | ours | baseline | ratio | target | result |")
print("|---|---|---|---|---|---|")
row("feed 100k, re-ingestion, no changes, with history", ours, base, "before history", 1.10)
row(f"feed 100k, every price changed ({versions} versions kept)", changed, upsert, "psql upsert", 2.0)
row("feed 100k, first ingestion (inserts), with history", first, insert, "psql insert", 1.5)
PY
