-- Mark stale: deactivate active, non-MANUAL models not seen for :staleAfterHours, where an INDEX
-- model only counts when its provider delivered a fresh feed after it was last seen (a silent or
-- empty feed keeps the catalog), and an INFERENCE model goes on time alone. A provider whose INDEX
-- candidates exceed :maxFraction of its active models is held (unless forced): its INDEX models
-- stay active, counted as held. Answers per provider; with :dryRun it changes nothing.
WITH candidates AS (
    SELECT m.provider_id, m.model_id, m.source
    FROM model m
    JOIN provider p ON p.id = m.provider_id
    WHERE m.is_active
      AND m.source <> 'MANUAL'
      AND m.last_seen_at < now() - make_interval(secs => :staleAfterHours * 3600)
      AND (m.source = 'INFERENCE' OR p.last_index_at > m.last_seen_at)
      AND (:providerId::text IS NULL OR m.provider_id = :providerId::text)
), providers AS (
    SELECT c.provider_id,
           count(*) FILTER (WHERE c.source = 'INDEX')     AS index_candidates,
           count(*) FILTER (WHERE c.source = 'INFERENCE') AS inference_candidates,
           (SELECT count(*) FROM model a WHERE a.provider_id = c.provider_id AND a.is_active) AS active_models
    FROM candidates c
    GROUP BY c.provider_id
), decided AS (
    SELECT *, (NOT :force AND index_candidates > :maxFraction * active_models) AS held
    FROM providers
), doomed AS (
    -- locked in key order, like every other writer of model: no deadlocks
    SELECT m.provider_id, m.model_id
    FROM model m
    JOIN candidates c USING (provider_id, model_id)
    JOIN decided d USING (provider_id)
    WHERE NOT :dryRun AND (c.source = 'INFERENCE' OR NOT d.held)
    ORDER BY m.provider_id, m.model_id
    FOR UPDATE OF m
), deactivated AS (
    UPDATE model m SET is_active = false, deactivated_at = now()
    FROM doomed d
    WHERE m.provider_id = d.provider_id AND m.model_id = d.model_id
      -- seen again since the candidates were chosen: not stale any more
      AND m.is_active AND m.last_seen_at < now() - make_interval(secs => :staleAfterHours * 3600)
    RETURNING m.provider_id, m.model_id, m.source, m.last_seen_at
), events AS (
    INSERT INTO model_event (provider_id, model_id, kind, source, detail)
    SELECT x.provider_id, x.model_id, 'DEACTIVATED', x.source,
           jsonb_build_object('run', :runId::text, 'lastSeenAt', x.last_seen_at,
                              'reason', CASE x.source
                                  WHEN 'INFERENCE' THEN 'no inference hit for ' || :staleAfterHours || ' hours'
                                  ELSE 'not listed by the provider''s fresh feed and not seen for '
                                       || :staleAfterHours || ' hours' END)
    FROM deactivated x
)
SELECT d.provider_id, d.active_models, d.index_candidates, d.inference_candidates, d.held,
       (SELECT count(*) FROM deactivated x WHERE x.provider_id = d.provider_id) AS deactivated
FROM decided d
ORDER BY d.provider_id
