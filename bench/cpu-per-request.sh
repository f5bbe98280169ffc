#!/usr/bin/env bash
# Where one request's CPU goes: JVM, PostgreSQL, wrk, and commits per request, from /proc and
# pg_stat_database around one wrk run against a running service (bench/run.sh's, or your own).
#   bench/cpu-per-request.sh MODE PATH [SECONDS]    e.g.  hot /api/inference-events 6
#   (bench/noop.camel.yaml, loaded as bench/run.sh does, serves /bench/noop; PGPORT: the service's PostgreSQL, API: its URL)
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=$1 PATH_=$2 SECONDS_=${3:-6}
API=${API:-http://127.0.0.1:18080}
PGPORT=${PGPORT:-$(sed -n 4p bench/work/data/postgres/postmaster.pid)}
export PGPASSWORD=${PGPASSWORD:-$(cat bench/work/data/postgres-password)}
commits() { psql -h localhost -p "$PGPORT" -U postgres -qtAX -c "select xact_commit from pg_stat_database where datname = 'postgres'"; }
pg_ticks() { for p in $(pgrep postgres); do awk '{print $14 + $15 + $16 + $17}' "/proc/$p/stat"; done | paste -sd+ | bc; }
jvm=$(pgrep -f 'jar serve' | head -1)
jvm_ticks() { awk '{print $14 + $15}' "/proc/$jvm/stat"; }
c0=$(commits); j0=$(jvm_ticks); p0=$(pg_ticks); s0=$(awk '/^ctxt/ {print $2}' /proc/stat)
out=$(MODE=$MODE RUN=cpu$$ /usr/bin/time -f "%U %S" wrk -t2 -c32 -d"${SECONDS_}s" -s bench/events.lua "$API$PATH_" 2>&1)
c1=$(commits); j1=$(jvm_ticks); p1=$(pg_ticks); s1=$(awk '/^ctxt/ {print $2}' /proc/stat)
n=$(echo "$out" | awk '/requests in/ {print $1}')
wrk_ticks=$(echo "$out" | tail -1 | awk '{printf "%d", ($1 + $2) * 100}')
us() { echo $(( $1 * 10000 / n )); } # clock ticks of 10 ms -> µs per request
echo "$MODE $PATH_: $(echo "$out" | awk '/Requests\/sec/ {print $2}') req/s, $(( n / (c1 - c0 + 1) )) requests per commit;" \
     "CPU per request: JVM $(us $((j1 - j0))) µs, PostgreSQL $(us $((p1 - p0))) µs, wrk $(us "$wrk_ticks") µs;" \
     "$(echo "scale=2; ($s1 - $s0) / $n" | bc) context switches per request"
