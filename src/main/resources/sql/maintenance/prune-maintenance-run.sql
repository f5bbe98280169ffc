-- Maintenance runs past the retention.
-- At most the batch parameter's rows a statement (null: all, for a dry run's count), so no delete holds its locks long.
DELETE FROM maintenance_run
WHERE id IN (
    SELECT id
    FROM maintenance_run
    WHERE started_at < :cutoff
    LIMIT :batch)
