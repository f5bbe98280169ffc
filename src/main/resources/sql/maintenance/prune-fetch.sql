-- Fetch rows past the retention, but each provider's newest three stay (as for ingestion).
-- At most the batch parameter's rows a statement (null: all, for a dry run's count), so no delete holds its locks long.
DELETE FROM "fetch"
WHERE id IN (
    SELECT id
    FROM (SELECT id, started_at, row_number() OVER (PARTITION BY provider_id ORDER BY id DESC) AS rn FROM "fetch") f
    WHERE rn > 3 AND started_at < :cutoff
    LIMIT :batch)
