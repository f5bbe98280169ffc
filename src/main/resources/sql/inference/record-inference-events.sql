-- One group commit of inference events, merged per model beforehand, in one round trip: a hit
-- proves the model is alive. Unknown models are discovered as INFERENCE; known ones keep their
-- source and data.
WITH incoming AS (
    SELECT * FROM unnest(:#providerIds::text[], :#modelIds::text[], :#names::text[],
                         :#contextWindows::bigint[], :#metadata::text[])
             AS t(provider_id, model_id, name, context_window, metadata)
), new_providers AS (
    INSERT INTO provider (id)
    SELECT DISTINCT provider_id FROM incoming ORDER BY provider_id
    ON CONFLICT (id) DO NOTHING
), previous AS (
    SELECT m.provider_id, m.model_id, m.is_active
    FROM model m JOIN incoming i USING (provider_id, model_id)
), upserted AS (
    INSERT INTO model AS m (provider_id, model_id, name, context_window, metadata, is_active, source,
                            first_seen_at, last_seen_at, last_inference_at)
    SELECT provider_id, model_id, name, context_window, coalesce(metadata::jsonb, '{}'), true, 'INFERENCE',
           now(), now(), now()
    FROM incoming
    ORDER BY provider_id, model_id
    ON CONFLICT (provider_id, model_id) DO UPDATE SET
        is_active = true,
        deactivated_at = NULL,
        last_seen_at = greatest(m.last_seen_at, excluded.last_seen_at),
        last_inference_at = greatest(m.last_inference_at, excluded.last_inference_at),
        -- what a feed or a person said wins; runtime hits only fill the gaps
        name = coalesce(m.name, excluded.name),
        context_window = coalesce(m.context_window, excluded.context_window)
    RETURNING m.provider_id, m.model_id, m.source, (m.xmax = 0) AS discovered
)
INSERT INTO model_event (provider_id, model_id, kind, source, detail)
SELECT u.provider_id, u.model_id, CASE WHEN u.discovered THEN 'DISCOVERED' ELSE 'REACTIVATED' END, u.source,
       '{"by": "inference"}'
FROM upserted u LEFT JOIN previous p USING (provider_id, model_id)
WHERE u.discovered OR NOT p.is_active
