#!/usr/bin/env bash
# The merge statement alone, no JVM, no watcher: less noise than bench/history.sh on a busy machine.
# Runs on the database bench/history.sh left in bench/work-history/ (run that first), each statement
# in a transaction that is rolled back, on the same staged feed, rounds interleaved:
#   - no changes: the merge before history (BENCH_BASE's merge-feed-models.sql) vs this one
#   - every price changed: this merge vs the one before it vs psql's upsert (bench/baseline-upsert.sql)
#   bench/history-merge.sh      (needs: java, psql, git)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=bench/work-history
BASE=${BENCH_BASE:-5512088}
ROUNDS=${BENCH_ROUNDS:-3}
HTTP_PORT=${BENCH_HTTP_PORT:-18090}
[ -d "$WORK/data/postgres" ] || { echo "run bench/history.sh first"; exit 2; }
GHOST_DATA_DIR=$WORK/data GHOST_MODELS_DIR=$WORK/inbox-merge GHOST_HTTP_PORT=$HTTP_PORT GHOST_MANAGEMENT_PORT=$((HTTP_PORT + 1)) \
GHOST_STALE_CRON="0 0 0 1 1 ? 2099" GHOST_PURGE_CRON="0 0 0 1 1 ? 2099" \
  java -Xmx256m -jar target/ghost-records.jar serve > "$WORK/service-merge.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null; wait $SERVICE 2>/dev/null || true' EXIT
for _ in $(seq 240); do curl -sf "http://127.0.0.1:$HTTP_PORT/api/stats" >/dev/null && break; sleep 0.5; done
PGPORT=$(sed -n 4p "$WORK/data/postgres/postmaster.pid")
# the embedded PostgreSQL takes the password it keeps in its data folder
export PGPASSWORD=$(cat "$WORK/data/postgres-password")
current=$(psql -h localhost -p "$PGPORT" -U postgres -d postgres -qtAX \
  -c "select pricing->>'prompt' from model where provider_id = 'bench' limit 1")
# the feed that repeats the catalog's prices, and the one that changes every one of them
case "$current" in 0.0000011) same=priced_a; other=priced_b ;; 0.0000012) same=priced_b; other=priced_a ;;
  *) echo "unexpected prompt price '$current' for provider bench"; exit 2 ;; esac

bind() { sed -e "s/:providerId/'bench'/g; s/:fileName::text/'bench.json'::text/g"; }
git show "$BASE:src/main/resources/sql/feeds/merge-feed-models.sql" | bind > "$WORK/merge-before.sql"
bind < src/main/resources/sql/feeds/merge-feed-models.sql > "$WORK/merge-now.sql"
script() { # merge-sql feed: stage the feed as FeedIngester does (same normalised values), time the merge, roll back
  cat <<SQL
\\set content \`cat $WORK/feeds/$2.json\`
BEGIN;
$(cat src/main/resources/sql/feeds/create-feed-stage.sql);
INSERT INTO feed_stage SELECT n, e->>'id', NULL, (e->>'context_length')::bigint, NULL,
       jsonb_build_object('prompt', (e->'pricing'->>'prompt')::numeric, 'completion', (e->'pricing'->>'completion')::numeric),
       NULL, false, e
FROM jsonb_array_elements((:'content')::jsonb -> 'data') WITH ORDINALITY AS t(e, n);
ANALYZE feed_stage (model_id);
SET LOCAL work_mem = '64MB';
CHECKPOINT;
\\timing on
$(cat "$1");
\\timing off
ROLLBACK;
SQL
}
upsert() { printf 'BEGIN;\nCHECKPOINT;\n\\timing on\n\\i bench/baseline-upsert.sql\n\\timing off\nROLLBACK;\n'; }
ms() { psql -h localhost -p "$PGPORT" -U postgres -d postgres -X -q -v ON_ERROR_STOP=1 -v file="$WORK/feeds/${2:-none}.json" -v provider=bench \
         -f "$1" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1; }
script "$WORK/merge-before.sql" "$same" > "$WORK/same-before.psql"; script "$WORK/merge-now.sql" "$same" > "$WORK/same-now.psql"
script "$WORK/merge-before.sql" "$other" > "$WORK/other-before.psql"; script "$WORK/merge-now.sql" "$other" > "$WORK/other-now.psql"
upsert > "$WORK/upsert.psql"
sb=(); sn=(); ob=(); on=(); up=()
for _ in $(seq "$ROUNDS"); do
  sb+=("$(ms "$WORK/same-before.psql")"); sn+=("$(ms "$WORK/same-now.psql")")
  ob+=("$(ms "$WORK/other-before.psql")"); on+=("$(ms "$WORK/other-now.psql")"); up+=("$(ms "$WORK/upsert.psql" "$other")")
done
python3 - "${sb[*]}" "${sn[*]}" "${ob[*]}" "${on[*]}" "${up[*]}" <<'PY'
import statistics, sys
sb, sn, ob, on, up = ([float(x) / 1000 for x in a.split()] for a in sys.argv[1:6])
m = statistics.median
def row(name, o, b, bname, limit):
    r = m(o) / m(b)
    print(f"| {name} (rounds: {' '.join(f'{x:.2f}' for x in o)} vs {' '.join(f'{x:.2f}' for x in b)}) | {m(o):.2f} s | {m(b):.2f} s ({bname}) "
          f"| {r:.2f} | {'<= ' + str(limit) if limit else 'report'} | {('PASS' if r <= limit else 'FAIL') if limit else '-'} |")
print("| merge statement alone, 100k models | ours | baseline | ratio | target | result |")
print("|---|---|---|---|---|---|")
row("no changes, with history", sn, sb, "merge before history", 1.10)
row("every price changed, with history", on, up, "psql upsert, parse included", 2.0)
row("every price changed, with history", on, ob, "merge before history", None)
PY
