INSERT INTO maintenance_run (job, started_at, finished_at, dry_run, result)
VALUES (:job, :startedAt, clock_timestamp(), :dryRun, :result::jsonb)
