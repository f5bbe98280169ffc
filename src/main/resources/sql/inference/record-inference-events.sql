-- One group commit of inference events, merged per model beforehand, in one statement: a hit
-- proves the model is alive. Known active models are only touched; unknown models are
-- discovered as INFERENCE, inactive ones reactivated; known ones keep their source and data.
-- Run for a batch that touch-active-models.sql could not record whole, or that names a model or
-- its context window (a gap to fill); it touches known active models itself, so a model a feed
-- adds between the two statements gets its hit too.
WITH incoming AS (
    SELECT * FROM unnest(:providerIds::text[], :modelIds::text[], :names::text[],
                         :contextWindows::bigint[], :metadata::text[])
             AS t(provider_id, model_id, name, context_window, metadata)
    -- rows are locked in key order, like every other writer of model: no deadlocks
    ORDER BY provider_id, model_id
), seen_again AS (
    UPDATE model m SET
        last_seen_at = greatest(m.last_seen_at, now()),
        last_inference_at = greatest(m.last_inference_at, now()),
        -- what a feed or a person said wins; runtime hits only fill the gaps
        name = coalesce(m.name, i.name),
        context_window = coalesce(m.context_window, i.context_window)
    FROM incoming i
    WHERE m.provider_id = i.provider_id AND m.model_id = i.model_id AND m.is_active
    RETURNING m.provider_id, m.model_id
), others AS (
    SELECT * FROM incoming i
    WHERE NOT EXISTS (SELECT 1 FROM seen_again s WHERE s.provider_id = i.provider_id AND s.model_id = i.model_id)
), new_providers AS (
    INSERT INTO provider (id)
    SELECT DISTINCT provider_id FROM others ORDER BY provider_id
    ON CONFLICT (id) DO NOTHING
), discovered_or_reactivated AS (
    INSERT INTO model AS m (provider_id, model_id, name, context_window, metadata, is_active, source,
                            first_seen_at, last_seen_at, last_inference_at)
    SELECT provider_id, model_id, name, context_window, coalesce(metadata::jsonb, '{}'), true, 'INFERENCE',
           now(), now(), now()
    FROM others
    ORDER BY provider_id, model_id
    ON CONFLICT (provider_id, model_id) DO UPDATE SET
        is_active = true,
        deactivated_at = NULL,
        last_seen_at = greatest(m.last_seen_at, excluded.last_seen_at),
        last_inference_at = greatest(m.last_inference_at, excluded.last_inference_at),
        name = coalesce(m.name, excluded.name),
        context_window = coalesce(m.context_window, excluded.context_window)
    -- active by now: another writer has just inserted or reactivated it, nothing to add
    WHERE NOT m.is_active
    RETURNING m.provider_id, m.model_id, m.source, (m.xmax = 0) AS discovered
)
INSERT INTO model_event (provider_id, model_id, kind, source, detail)
SELECT provider_id, model_id, CASE WHEN discovered THEN 'DISCOVERED' ELSE 'REACTIVATED' END, source,
       '{"by": "inference"}'
FROM discovered_or_reactivated
