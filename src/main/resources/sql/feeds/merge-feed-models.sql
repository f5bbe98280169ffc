-- Applies a staged feed to the catalog in one statement: upserts every listed model and writes the
-- audit events. Provenance (source) is never overwritten; last_seen_at never moves backwards.
-- Answers how many distinct models were applied, discovered, reactivated and changed.
WITH incoming AS (
    -- duplicates in one file count once: the last entry wins
    SELECT DISTINCT ON (model_id) model_id, name, context_window, metadata
    FROM feed_stage
    ORDER BY model_id, seq DESC
), compared AS (
    -- each entry beside the row as it was before this feed (all parts of one statement share one snapshot)
    SELECT i.*, m.model_id IS NULL AS is_new, m.is_active AS was_active, m.source,
           (m.name, m.context_window, m.metadata) IS DISTINCT FROM (i.name, i.context_window, i.metadata) AS differs
    FROM incoming i
    LEFT JOIN model m ON m.provider_id = :providerId AND m.model_id = i.model_id
), upserted AS (
    INSERT INTO model AS m (provider_id, model_id, name, context_window, metadata, is_active, source,
                            first_seen_at, last_seen_at, last_indexed_at)
    SELECT :providerId, model_id, name, context_window, metadata, true, 'INDEX', now(), now(), now()
    FROM compared
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
), events AS (
    -- DISCOVERED only for rows this statement inserted (a concurrent writer may have won the race)
    INSERT INTO model_event (provider_id, model_id, kind, source, detail)
    SELECT :providerId, model_id, kind, source, (SELECT jsonb_build_object('file', :fileName::text))
    FROM (SELECT model_id, 'DISCOVERED' AS kind, source FROM upserted WHERE discovered
          UNION ALL
          SELECT model_id, CASE WHEN was_active THEN 'CHANGED' ELSE 'REACTIVATED' END, source
          FROM compared
          WHERE NOT is_new AND (NOT was_active OR differs)) AS changes
    RETURNING kind
)
SELECT (SELECT count(*) FROM upserted) AS ingested,
       (SELECT count(*) FROM events WHERE kind = 'DISCOVERED') AS discovered,
       (SELECT count(*) FROM events WHERE kind = 'REACTIVATED') AS reactivated,
       (SELECT count(*) FROM events WHERE kind = 'CHANGED') AS changed
