-- Settled notifications (DELIVERED or DEAD) past the retention. A feed.failing one that still holds
-- its dedupe key marks an ongoing episode (deleting it would raise it again): it stays.
-- At most the batch parameter's rows a statement (null: all, for a dry run's count), so no delete holds its locks long.
DELETE FROM notification
WHERE id IN (
    SELECT id
    FROM notification
    WHERE status IN ('DELIVERED', 'DEAD') AND created_at < :cutoff
      AND NOT (kind = 'feed.failing' AND dedupe_key IS NOT NULL)
    LIMIT :batch)
