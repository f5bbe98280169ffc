# Helpers the benchmarks share (sourced): psql against the service's PostgreSQL ($PGPORT, $PGPASSWORD).
sql() { psql -h localhost -p "$PGPORT" -U postgres -d postgres -qtAX -v ON_ERROR_STOP=1 "$@"; }
now() { date +%s.%N; }
# no autovacuum or checkpoint of the last step in the next
settle() { sql -c "vacuum analyze" -c "checkpoint"; }
# waits for the nth OK ingestion row of a file over one connection, a query every 20 ms: a psql per poll
# (a process and a SCRAM login each) would take half a core from the ingestion it times
wait_ingested() { # file-name nth
  sql -c "DO \$\$ BEGIN
            WHILE (SELECT count(*) FROM ingestion WHERE file_name = '$1' AND status = 'OK') < $2 LOOP
              PERFORM pg_sleep(0.02);
            END LOOP;
          END \$\$"
}
