-- Applies a staged feed to the catalog in one statement: upserts every listed model and writes the
-- audit events. Provenance (source) is never overwritten; last_seen_at never moves backwards.
-- Answers how many distinct models were applied, discovered, reactivated and changed.
WITH incoming AS (
    -- duplicates in one file count once: the last entry wins
    SELECT DISTINCT ON (model_id) model_id, name, context_window, metadata
    FROM feed_stage
    ORDER BY model_id, seq DESC
), previous AS (
    -- the rows as they were before this feed (all parts of one statement share one snapshot)
    SELECT m.model_id, m.is_active, m.name, m.context_window, m.metadata
    FROM model m JOIN incoming i ON m.provider_id = :#providerId AND m.model_id = i.model_id
), upserted AS (
    INSERT INTO model AS m (provider_id, model_id, name, context_window, metadata, is_active, source,
                            first_seen_at, last_seen_at, last_indexed_at)
    SELECT :#providerId, model_id, name, context_window, metadata, true, 'INDEX', now(), now(), now()
    FROM incoming
    ORDER BY model_id
    ON CONFLICT (provider_id, model_id) DO UPDATE SET
        name = excluded.name,
        context_window = excluded.context_window,
        metadata = excluded.metadata,
        is_active = true,
        deactivated_at = NULL,
        last_seen_at = greatest(m.last_seen_at, excluded.last_seen_at),
        last_indexed_at = excluded.last_indexed_at
    RETURNING m.model_id, m.source, (m.xmax = 0) AS discovered
), changes AS (
    SELECT u.model_id, u.source,
           CASE WHEN u.discovered THEN 'DISCOVERED'
                WHEN NOT p.is_active THEN 'REACTIVATED'
                ELSE 'CHANGED' END AS kind
    FROM upserted u
    LEFT JOIN previous p USING (model_id)
    JOIN incoming i USING (model_id)
    WHERE u.discovered
       OR NOT p.is_active
       OR (p.name, p.context_window, p.metadata) IS DISTINCT FROM (i.name, i.context_window, i.metadata)
), events AS (
    INSERT INTO model_event (provider_id, model_id, kind, source, detail)
    SELECT :#providerId, model_id, kind, source, jsonb_build_object('file', :#fileName::text)
    FROM changes
    RETURNING kind
)
SELECT (SELECT count(*) FROM upserted) AS ingested,
       (SELECT count(*) FROM events WHERE kind = 'DISCOVERED') AS discovered,
       (SELECT count(*) FROM events WHERE kind = 'REACTIVATED') AS reactivated,
       (SELECT count(*) FROM events WHERE kind = 'CHANGED') AS changed
