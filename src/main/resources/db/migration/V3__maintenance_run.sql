-- One row per maintenance run (scheduled, API or CLI): what it did or, for a dry run, would do,
-- per provider. The operator page reads the held providers of the latest mark-stale run here.
CREATE TABLE maintenance_run (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job         text        NOT NULL CHECK (job IN ('mark-stale', 'purge')),
    started_at  timestamptz NOT NULL,
    finished_at timestamptz NOT NULL,
    dry_run     boolean     NOT NULL,
    result      jsonb       NOT NULL
);
CREATE INDEX maintenance_run_job_id ON maintenance_run (job, id);
