-- Every provider in the catalog and its last fresh feed, for the per-provider series on
-- /observe/metrics (ghost_provider_last_fresh_feed_seconds); a handful of rows, read every few seconds.
SELECT id AS provider_id, last_index_at FROM provider ORDER BY id
