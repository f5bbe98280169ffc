#!/usr/bin/env bash
# A feed applied as one set-based statement (what the service does) against one round trip per
# model, by PostgreSQL alone (no JVM, no watcher), on the catalog's real schema (the migrations)
# in a throwaway PostgreSQL started from the machine's binaries:
#   - set-based: the service's own statements: create-feed-stage.sql, COPY of the staged rows,
#     analyze-feed-stage.sql, set-merge-work-mem.sql, lock-provider-feed.sql, merge-feed-models.sql
#   - per model: the same merge with its `incoming` read from parameters instead of the staging
#     table (so each model gets the same row, version and event), PREPAREd once and EXECUTEd once per
#     model by psql, which waits for each answer: one INSERT ... ON CONFLICT round trip per model
# Both in one transaction, both from the same rows (bench/gen_feed.py's entries as FeedFields
# extracts them), each on a provider of its own; the feed's parse (FeedReader) is in neither.
# Two passes per size: a first ingestion (every model new: row + DISCOVERED event), then a feed
# where every price changed (row updated + the ended version + CHANGED event per model).
#   bench/per-model-upsert.sh [N ...]    default 10000 100000
#   (needs: python3, psql, PostgreSQL's server binaries (Debian: apt-get install -y postgresql);
#    writes bench/work-upsert/; BENCH_ROUNDS, default 1: each round on new providers)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$PWD/bench/work-upsert
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(10000 100000); fi
ROUNDS=${BENCH_ROUNDS:-1}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$BIN/initdb" ] || { echo "PostgreSQL's server binaries are missing: apt-get install -y postgresql"; exit 2; }
PGPORT=${BENCH_PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
SQL_DIR=src/main/resources/sql

# initdb refuses root: run the server as postgres then
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
rm -rf "$WORK"; mkdir -p "$WORK/pg" "$WORK/feeds"
[ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
as_pg "$BIN/initdb -D $WORK/pg/data -A trust -U postgres >/dev/null"
as_pg "$BIN/pg_ctl -D $WORK/pg/data -o '-p $PGPORT -k $WORK/pg -c listen_addresses=127.0.0.1' -l $WORK/pg/log -w start >/dev/null"
trap 'as_pg "$BIN/pg_ctl -D $WORK/pg/data -m fast -w stop >/dev/null" || true' EXIT
sql() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -qtAX -v ON_ERROR_STOP=1 "$@"; }
for m in $(ls src/main/resources/db/migration/V*.sql | sort -V); do sql -f "$m" >/dev/null; done
settle() { sql -c "vacuum analyze" -c "checkpoint"; } # no autovacuum or checkpoint of the last step in the next
now() { date +%s.%N; }
timed() { # script -> seconds
  settle
  local t0; t0=$(now)
  sql -f "$1" >/dev/null
  python3 -c "print(f'{$(now) - $t0:.2f}')"
}

# $WORK/scripts.py FEED PROVIDER-SET PROVIDER-ROW PREFIX: writes PREFIX.set.sql (COPY + merge) and
# PREFIX.row.sql (PREPARE + an EXECUTE per model), both from the service's SQL files
cat > "$WORK/scripts.py" <<'PY'
import json, re, sys
feed, p_set, p_row, prefix = sys.argv[1:5]
sql_dir = "src/main/resources/sql"
def load(name): return open(f"{sql_dir}/{name}").read()
def bind(text, provider):
    return text.replace(":providerId", f"'{provider}'").replace(":fileName", f"'{feed.rsplit('/', 1)[-1]}'")
def lit(v):
    return "NULL" if v is None else "'" + str(v).replace("'", "''") + "'"
def tsv(v):
    return "\\N" if v is None else str(v).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
rows = []
for e in json.load(open(feed))["data"]:
    # FeedFields on gen_feed.py's entries: no display name, context_length, OpenRouter-style pricing
    pricing = json.dumps({k: float(v) for k, v in e["pricing"].items()})
    rows.append((e["id"], None, e["context_length"], None, pricing, None, "f", json.dumps(e, separators=(",", ":"))))
merge = load("feeds/merge-feed-models.sql")
head = "BEGIN;\n{};\n{};\n".format(bind(load("catalog/insert-provider.sql"), "{p}"), bind(load("feeds/lock-provider-feed.sql"), "{p}"))
with open(prefix + ".set.sql", "w") as out, open(prefix + ".stage.tsv", "w") as stage:
    for seq, r in enumerate(rows, 1):
        stage.write("\t".join([str(seq)] + [tsv(v) for v in r]) + "\n")
    cols = re.search(r"\((.*)\) FROM STDIN", load("feeds/copy-feed-stage.sql")).group(1)
    out.write(f"BEGIN;\n{load('feeds/create-feed-stage.sql')};\n\\copy feed_stage ({cols}) FROM '{prefix}.stage.tsv'\n")
    out.write(f"{load('feeds/analyze-feed-stage.sql')};\n{load('feeds/set-merge-work-mem.sql')};\n")
    out.write(head.replace("BEGIN;\n", "").replace("{p}", p_set) + bind(merge, p_set) + ";\nCOMMIT;\n")
# the merge for one model: incoming is the parameters, not the staging table
one = re.sub(r"WITH incoming AS \(.*?\n\), compared AS \(",
             "WITH incoming AS (SELECT $1::text AS model_id, $2::text AS name, $3::bigint AS context_window, "
             "$4::bigint AS max_output_tokens, $5::jsonb AS pricing, $6::timestamptz AS retires_at, "
             "$7::boolean AS deprecated, $8::jsonb AS metadata\n), compared AS (", merge, count=1, flags=re.S)
assert one != merge and "feed_stage" not in one
with open(prefix + ".row.sql", "w") as out:
    out.write(head.replace("{p}", p_row))
    out.write("PREPARE upsert_model(text, text, bigint, bigint, jsonb, timestamptz, boolean, jsonb) AS\n" + bind(one, p_row) + ";\n")
    for r in rows:
        out.write("EXECUTE upsert_model(" + ", ".join(lit(v) for v in r) + ");\n")
    out.write("COMMIT;\n")
PY

check() { # provider n kind -> "ok" when the catalog holds what the feed should have written
  sql -c "select case when (select count(*) from model where provider_id = '$1') = $2
                       and (select count(*) from model_event where provider_id = '$1' and kind = '$3') = $2
                       and ('$3' = 'DISCOVERED' or (select count(*) from model_past_version where provider_id = '$1') = $2)
                  then 'ok' else 'WRONG' end"
}
RESULTS=()
for n in "${SIZES[@]}"; do
  python3 bench/gen_feed.py "$n" "$WORK/feeds/f${n}_models.json"
  # every prompt price changed: the second pass ends a version and writes a CHANGED event per model
  sed 's/"prompt":"0.000001"/"prompt":"0.0000011"/g' "$WORK/feeds/f${n}_models.json" > "$WORK/feeds/p${n}_models.json"
  for r in $(seq "$ROUNDS"); do
    python3 "$WORK/scripts.py" "$WORK/feeds/f${n}_models.json" "set$n-$r" "row$n-$r" "$WORK/first$n"
    python3 "$WORK/scripts.py" "$WORK/feeds/p${n}_models.json" "set$n-$r" "row$n-$r" "$WORK/priced$n"
    for pass in first priced; do
      kind=$([ $pass = first ] && echo DISCOVERED || echo CHANGED)
      s=$(timed "$WORK/$pass$n.set.sql"); p=$(timed "$WORK/$pass$n.row.sql")
      ok="$(check "set$n-$r" "$n" $kind)/$(check "row$n-$r" "$n" $kind)"
      label=$([ $pass = first ] && echo "first ingestion (row + DISCOVERED event)" || echo "every price changed (row + ended version + CHANGED event)")
      echo "N=$n round $r $pass: set-based $s s, per model $p s ($ok)"
      RESULTS+=("$n|$label|$s s|$p s|$(python3 -c "print(f'{$p / $s:.1f}x')")|$ok")
    done
  done
done
echo
echo "| models | feed | one set-based statement | one round trip per model | per model / set-based | rows checked (set/per model) |"
echo "|---|---|---|---|---|---|"
for r in "${RESULTS[@]}"; do echo "| ${r//|/ | } |"; done
echo
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), PostgreSQL $("$BIN/postgres" --version | awk '{print $3}')"
