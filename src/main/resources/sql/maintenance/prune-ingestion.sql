-- Ingestion rows past the retention, but each provider's newest three stay (the operator page's last
-- file, feed.failing's last outcomes). Ids only: the caller deletes them in batches or counts them.
SELECT id
FROM (SELECT id, started_at, row_number() OVER (PARTITION BY provider_id ORDER BY id DESC) AS rn FROM ingestion) i
WHERE rn > 3 AND started_at < :cutoff
