-- Applies a staged feed to the catalog in one statement: upserts every listed model, keeps the
-- history of its normalised fields (model_version) and writes the audit events. Provenance (source)
-- is never overwritten; last_seen_at never moves backwards. A model whose normalised fields (name,
-- context window, max output tokens, pricing, retirement, deprecated) changed has its current
-- version (the model row, V9) end at now() (the ingestion's transaction time): the old values go
-- to model_past_version, the new ones start on the row, and one CHANGED event lists the changes; a
-- change of the raw entry alone updates metadata and records nothing.
-- Answers how many distinct models were applied, discovered, reactivated and changed.
WITH incoming AS (
    -- duplicates in one file count once: the last entry wins
    SELECT DISTINCT ON (model_id) model_id, name, context_window, max_output_tokens, pricing, retires_at,
                                  deprecated, metadata
    FROM feed_stage
    ORDER BY model_id, seq DESC
), compared AS (
    -- each entry beside the row as it was before this feed (all parts of one statement share one
    -- snapshot); changes is built only for the rows that differ, so a feed that repeats itself pays
    -- one row comparison per model
    SELECT i.*, m.model_id IS NULL AS is_new, m.is_active AS was_active, m.source,
           -- the version that ends when the fields changed
           coalesce(m.version_from, m.first_seen_at) AS old_from, m.name AS old_name,
           m.context_window AS old_context_window, m.max_output_tokens AS old_max_output_tokens,
           m.pricing AS old_pricing, m.retires_at AS old_retires_at, m.deprecated AS old_deprecated,
           CASE WHEN m.model_id IS NOT NULL
                 AND (m.name, m.context_window, m.max_output_tokens, m.pricing, m.retires_at, m.deprecated)
                     IS DISTINCT FROM (i.name, i.context_window, i.max_output_tokens, i.pricing, i.retires_at, i.deprecated)
           THEN CASE WHEN m.name IS DISTINCT FROM i.name
                     THEN jsonb_build_object('name', jsonb_build_object('from', m.name, 'to', i.name)) ELSE '{}' END
             || CASE WHEN m.context_window IS DISTINCT FROM i.context_window
                     THEN jsonb_build_object('contextWindow', jsonb_build_object('from', m.context_window, 'to', i.context_window)) ELSE '{}' END
             || CASE WHEN m.max_output_tokens IS DISTINCT FROM i.max_output_tokens
                     THEN jsonb_build_object('maxOutputTokens', jsonb_build_object('from', m.max_output_tokens, 'to', i.max_output_tokens)) ELSE '{}' END
             || CASE WHEN m.pricing IS DISTINCT FROM i.pricing
                     THEN jsonb_build_object('pricing', jsonb_build_object('from', m.pricing, 'to', i.pricing)) ELSE '{}' END
             || CASE WHEN m.retires_at IS DISTINCT FROM i.retires_at
                     THEN jsonb_build_object('retiresAt', jsonb_build_object(
                              'from', to_char(m.retires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                              'to', to_char(i.retires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))) ELSE '{}' END
             || CASE WHEN m.deprecated IS DISTINCT FROM i.deprecated
                     THEN jsonb_build_object('deprecated', jsonb_build_object('from', m.deprecated, 'to', i.deprecated)) ELSE '{}' END
           END AS changes
    FROM incoming i
    LEFT JOIN model m ON m.provider_id = :providerId AND m.model_id = i.model_id
), upserted AS (
    INSERT INTO model AS m (provider_id, model_id, name, context_window, max_output_tokens, pricing, retires_at,
                            deprecated, metadata, is_active, source, first_seen_at, last_seen_at, last_indexed_at,
                            version_from)
    SELECT :providerId, model_id, name, context_window, max_output_tokens, pricing, retires_at, deprecated, metadata,
           true, 'INDEX', now(), now(), now(),
           -- a new model's version starts when it is first seen (null); a changed one's now
           CASE WHEN changes IS NOT NULL THEN now() END
    FROM compared
    ORDER BY model_id
    ON CONFLICT (provider_id, model_id) DO UPDATE SET
        name = excluded.name,
        context_window = excluded.context_window,
        max_output_tokens = excluded.max_output_tokens,
        pricing = excluded.pricing,
        retires_at = excluded.retires_at,
        deprecated = excluded.deprecated,
        metadata = excluded.metadata,
        is_active = true,
        deactivated_at = NULL,
        last_seen_at = greatest(m.last_seen_at, excluded.last_seen_at),
        last_indexed_at = excluded.last_indexed_at,
        version_from = coalesce(excluded.version_from, m.version_from)
    RETURNING m.model_id, m.source, (m.xmax = 0) AS discovered
), ended AS (
    -- the versions that ended, in key order: each leaf page of the primary key is written once.
    -- Feeds of one provider merge one at a time (lock-provider-feed.sql): the row this statement
    -- read is the version that ends. A model purged since that read and inserted again here had
    -- its version kept by the purge (V9's delete trigger)
    INSERT INTO model_past_version (provider_id, model_id, valid_from, valid_to, name, context_window,
                                    max_output_tokens, pricing, retires_at, deprecated)
    SELECT :providerId, c.model_id, c.old_from, now(), c.old_name, c.old_context_window, c.old_max_output_tokens,
           c.old_pricing, c.old_retires_at, c.old_deprecated
    FROM compared c
    WHERE c.changes IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM upserted u WHERE u.model_id = c.model_id AND u.discovered)
    ORDER BY c.model_id
), events AS (
    -- DISCOVERED only for rows this statement inserted (a concurrent writer may have won the race)
    INSERT INTO model_event (provider_id, model_id, kind, source, detail)
    SELECT :providerId, model_id, kind, source,
           CASE WHEN changes IS NULL THEN (SELECT jsonb_build_object('file', :fileName::text))
                ELSE jsonb_build_object('file', :fileName::text, 'changes', changes) END
    FROM (SELECT model_id, 'DISCOVERED' AS kind, source, NULL::jsonb AS changes FROM upserted WHERE discovered
          UNION ALL
          SELECT model_id, 'REACTIVATED', source, NULL FROM compared WHERE NOT is_new AND NOT was_active
          UNION ALL
          SELECT model_id, 'CHANGED', source, changes FROM compared WHERE changes IS NOT NULL) AS e
    RETURNING kind
)
SELECT (SELECT count(*) FROM upserted) AS ingested,
       (SELECT count(*) FROM events WHERE kind = 'DISCOVERED') AS discovered,
       (SELECT count(*) FROM events WHERE kind = 'REACTIVATED') AS reactivated,
       (SELECT count(*) FROM events WHERE kind = 'CHANGED') AS changed
