-- Maintenance runs past the retention.
SELECT id
FROM maintenance_run
WHERE started_at < :cutoff
