-- Purge: delete models inactive for longer than :purgeAfterDays (from deactivated_at), never
-- MANUAL. A PURGED event per model stays in model_event. With :dryRun it changes nothing.
WITH due AS (
    SELECT provider_id, model_id
    FROM model
    WHERE NOT is_active
      AND source <> 'MANUAL'
      AND deactivated_at < now() - make_interval(secs => :purgeAfterDays * 86400)
), doomed AS (
    SELECT m.provider_id, m.model_id
    FROM model m
    JOIN due USING (provider_id, model_id)
    WHERE NOT :dryRun
    ORDER BY m.provider_id, m.model_id
    FOR UPDATE OF m
), purged AS (
    DELETE FROM model m
    USING doomed d
    -- seen again (reactivated) since: it stays
    WHERE m.provider_id = d.provider_id AND m.model_id = d.model_id AND NOT m.is_active
    RETURNING m.provider_id, m.model_id, m.source, m.first_seen_at, m.last_seen_at, m.deactivated_at
), events AS (
    INSERT INTO model_event (provider_id, model_id, kind, source, detail)
    SELECT provider_id, model_id, 'PURGED', source,
           jsonb_build_object('run', :runId::text, 'firstSeenAt', first_seen_at, 'lastSeenAt', last_seen_at,
                              'deactivatedAt', deactivated_at,
                              'reason', 'inactive for more than ' || :purgeAfterDays || ' days')
    FROM purged
)
SELECT d.provider_id, count(*) AS due,
       (SELECT count(*) FROM purged p WHERE p.provider_id = d.provider_id) AS purged
FROM due d
GROUP BY d.provider_id
ORDER BY d.provider_id
