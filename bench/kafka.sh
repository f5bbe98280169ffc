#!/usr/bin/env bash
# Inference events over Kafka: a backlog of single-event records drained by the service, beside
# PostgreSQL applying the same events as one-statement upserts of 10,000 (psql), and beside the HTTP
# single-event rate of the same service in the same run.
#   bench/kafka.sh     (needs: java, mvn, python3, psql; wrk for the HTTP row; writes bench/work-kafka/)
# A KRaft broker from Kafka's own jars runs beside it (the test class path: KafkaBench broker).
# Prints a table: scenario, ours, baseline, ratio, target, pass/fail. See docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=bench/work-kafka
N=${BENCH_KAFKA_RECORDS:-1000000}
MODELS=${BENCH_KAFKA_MODELS:-100000}
PARTITIONS=4
TOPIC=ghost.bench-events
GROUP=ghost-bench
# free ports unless told (a fixed one may be another bench's)
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
HTTP_PORT=${BENCH_HTTP_PORT:-$(free_port)}
MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-$(free_port)}
rm -rf "$WORK"; mkdir -p "$WORK/inbox" "$WORK/chunks"
[ -f target/ghost-records.jar ] || mvn -B -q -DskipTests package
mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="target/test-classes:$(cat "$WORK/cp.txt")"
bench() { java -Xmx512m -cp "$CP" dev.ghostrecords.inference.KafkaBench "$@"; }
now() { date +%s.%N; }

# java itself in the background (not the bench function's subshell), so the trap's kill reaches it
java -Xmx512m -cp "$CP" dev.ghostrecords.inference.KafkaBench broker > "$WORK/broker.log" 2>&1 &
BROKER=$!
SERVICE=
trap 'kill $SERVICE $BROKER 2>/dev/null; wait 2>/dev/null || true' EXIT
for _ in $(seq 240); do grep -qs '^BOOTSTRAP=' "$WORK/broker.log" && break; sleep 0.5; done
BOOTSTRAP=$(sed -n 's/^BOOTSTRAP=//p' "$WORK/broker.log")
[ -n "$BOOTSTRAP" ] || { echo "the broker did not start: $WORK/broker.log"; exit 1; }
echo "broker at $BOOTSTRAP; producing $N records ($MODELS models, $PARTITIONS partitions)"
bench produce "$BOOTSTRAP" "$TOPIC" "$PARTITIONS" "$N" "$MODELS" kbench

# the service, as bench/run.sh runs it; it starts consuming the backlog as soon as it is up
GHOST_DATA_DIR=$WORK/data GHOST_MODELS_DIR=$WORK/inbox GHOST_HTTP_PORT=$HTTP_PORT GHOST_MANAGEMENT_PORT=$MANAGEMENT_PORT \
GHOST_STALE_CRON="0 0 0 1 1 ? 2099" GHOST_PURGE_CRON="0 0 0 1 1 ? 2099" \
GHOST_KAFKA_BOOTSTRAP=$BOOTSTRAP GHOST_KAFKA_TOPIC=$TOPIC GHOST_KAFKA_GROUP=$GROUP \
  java -Xmx256m -jar target/ghost-records.jar serve > "$WORK/service.log" 2>&1 &
SERVICE=$!
bench drained "$BOOTSTRAP" "$GROUP" "$TOPIC" > "$WORK/drained.out"
python3 - "$WORK/service.log" "$WORK/drained.out" "$N" > "$WORK/kafka.rate" <<'PY'
import re, sys, datetime
log, drained, n = open(sys.argv[1]).read(), open(sys.argv[2]).read(), int(sys.argv[3])
# the consumer's first position: the line just before its first fetch, i.e. the first poll
first = re.search(r"^(\S+ \S+) .*(Resetting offset for partition|Setting offset for partition)", log, re.M)
t0 = datetime.datetime.strptime(first.group(1), "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=datetime.timezone.utc).timestamp()
t1 = int(re.search(r"DRAINED=(\d+)", drained).group(1)) / 1000
print(f"{n / (t1 - t0):.0f} {t1 - t0:.2f}")
PY
read -r kafka_rate kafka_secs < "$WORK/kafka.rate"
PGPORT=$(sed -n 4p "$WORK/data/postgres/postmaster.pid")
# the embedded PostgreSQL takes the password it keeps in its data folder
export PGPASSWORD=$(cat "$WORK/data/postgres-password")
sql() { psql -h localhost -p "$PGPORT" -U postgres -d postgres -qtAX -v ON_ERROR_STOP=1 "$@"; }
[ "$(sql -c "select count(*) from model where provider_id = 'kbench'")" = "$MODELS" ] || { echo "kafka: models missing"; exit 1; }
recorded=$( (curl -s "http://127.0.0.1:$MANAGEMENT_PORT/observe/metrics" || true) | sed -n 's/^ghost_kafka_records_total{.*result="recorded".*} \([0-9.E]*\)$/\1/p')
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "kafka: $N records in $kafka_secs s, $kafka_rate events/s (ghost_kafka_records_total recorded: $recorded)"

# the baseline: the same events, 10,000 per statement, from a fresh provider (inserts, then updates)
python3 - "$WORK/chunks" "$N" "$MODELS" <<'PY'
import json, sys
out, n, models = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for c in range(0, n, 10000):
    with open(f"{out}/{c // 10000:05d}.json", "w") as f:
        json.dump([{"providerId": "kbase", "modelId": f"k-{i % models}"} for i in range(c, min(c + 10000, n))], f)
PY
for f in "$WORK"/chunks/*.json; do printf '\\set file %s\n\\i bench/baseline-events.sql\n' "$f"; done > "$WORK/baseline.psql"
sql -c "vacuum analyze" -c "checkpoint"
t0=$(now); sql -v provider=kbase -f "$WORK/baseline.psql" >/dev/null; t1=$(now)
psql_rate=$(python3 -c "print(f'{$N / ($t1 - $t0):.0f}')")
echo "psql: $psql_rate events/s"

# HTTP, single events on a cold set of 100,000 known models (bench/run.sh's cold mode)
http_rate=-
if command -v wrk >/dev/null; then
  python3 - "http://127.0.0.1:$HTTP_PORT" <<'PY'
import json, sys, urllib.request
for b in range(100):
    events = [{"providerId": "cold", "modelId": f"k-{b * 1000 + i}"} for i in range(1000)]
    urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/api/inference-events",
        data=json.dumps(events).encode(), headers={"Content-Type": "application/json"})).read()
PY
  sql -c "vacuum analyze" -c "checkpoint"
  MODE=cold RUN=warm wrk -t2 -c32 -d5s -s bench/events.lua "http://127.0.0.1:$HTTP_PORT/api/inference-events" >/dev/null 2>&1 || true
  MODE=cold RUN=timed wrk -t2 -c32 -d10s -s bench/events.lua "http://127.0.0.1:$HTTP_PORT/api/inference-events" > "$WORK/wrk.out" 2>&1 || true
  http_rate=$(sed -n 's/^Requests\/sec: *\([0-9.]*\)/\1/p' "$WORK/wrk.out" | cut -d. -f1)
fi

python3 - "$kafka_rate" "$psql_rate" "$http_rate" "$N" <<'PY'
import sys
k, p, h, n = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], int(sys.argv[4])
rows = [("scenario", "ours", "baseline", "ratio", "target", "result")]
r = k / p
rows.append((f"Kafka backlog, {n:,} single-event records, 4 partitions (vs psql upserts of 10,000)",
             f"{k:.0f} events/s", f"{p:.0f} events/s", f"{r:.2f}", ">= 0.5", "PASS" if r >= 0.5 else "FAIL"))
if h != "-":
    r = k / float(h)
    rows.append(("Kafka backlog vs HTTP single events, cold set, 32 connections", f"{k:.0f} events/s",
                 f"{float(h):.0f} events/s", f"{r:.2f}", ">= 5", "PASS" if r >= 5 else "FAIL"))
else:
    rows.append(("Kafka backlog vs HTTP single events", f"{k:.0f} events/s", "no wrk", "-", ">= 5", "-"))
for row in rows:
    print("| " + " | ".join(row) + " |")
PY
