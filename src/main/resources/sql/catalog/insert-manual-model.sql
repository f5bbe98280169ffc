-- A model added by a person: MANUAL, never deactivated or purged by the scheduled jobs. One
-- statement: the provider, the model (its row is its first version, V9) and its DISCOVERED event, or
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
), event AS (
    INSERT INTO model_event (provider_id, model_id, kind, source, detail)
    SELECT provider_id, model_id, 'DISCOVERED', 'MANUAL', '{"by": "api"}' FROM added
)
SELECT provider_id, model_id, name, context_window, max_output_tokens, pricing, retires_at, deprecated, is_active,
       source, first_seen_at, last_seen_at, last_indexed_at, last_inference_at, deactivated_at, metadata
FROM added
