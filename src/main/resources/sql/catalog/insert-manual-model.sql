-- A model added by a person: MANUAL, never deactivated or purged by the scheduled jobs. One
-- statement: the provider, the model, its first version (history) and its DISCOVERED event, or
-- nothing when the model exists (then no row comes back: 409).
WITH new_provider AS (
    INSERT INTO provider (id) VALUES (:#providerId) ON CONFLICT (id) DO NOTHING
), added AS (
    INSERT INTO model (provider_id, model_id, name, context_window, max_output_tokens, pricing, retires_at, deprecated,
                       metadata, is_active, source, first_seen_at, last_seen_at)
    VALUES (:#providerId, :#modelId, :#modelName, :#contextWindow::bigint, :#maxOutputTokens::bigint, :#pricing::jsonb,
            :#retiresAt::timestamptz, coalesce(:#deprecated::boolean, false), coalesce(:#metadata::jsonb, '{}'), true,
            'MANUAL', now(), now())
    ON CONFLICT (provider_id, model_id) DO NOTHING
    RETURNING *
), closed AS (
    -- a model purged before keeps its history; an open version of it ends now
    UPDATE model_version v SET valid_to = now()
    FROM added a
    WHERE v.provider_id = a.provider_id AND v.model_id = a.model_id AND v.valid_to IS NULL
    RETURNING v.model_id
), version AS (
    INSERT INTO model_version (provider_id, model_id, valid_from, name, context_window, max_output_tokens, pricing,
                               retires_at, deprecated)
    SELECT provider_id, model_id, now(), name, context_window, max_output_tokens, pricing, retires_at, deprecated
    FROM added
    -- runs once, before the first row: the old version is closed before the new one opens
    WHERE (SELECT count(*) FROM closed) >= 0
    ON CONFLICT DO NOTHING
), event AS (
    INSERT INTO model_event (provider_id, model_id, kind, source, detail)
    SELECT provider_id, model_id, 'DISCOVERED', 'MANUAL', '{"by": "api"}' FROM added
)
SELECT provider_id, model_id, name, context_window, max_output_tokens, pricing, retires_at, deprecated, is_active,
       source, first_seen_at, last_seen_at, last_indexed_at, last_inference_at, deactivated_at, metadata
FROM added
