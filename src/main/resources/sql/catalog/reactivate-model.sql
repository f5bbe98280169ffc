-- An operator brings a model back: active again, and counted as seen now so the next stale run
-- does not take it away at once; a REACTIVATED event when it was inactive. No row: unknown (404).
WITH before AS (
    SELECT provider_id, model_id, is_active AS was_active
    FROM model
    WHERE provider_id = :#providerId AND model_id = :#modelId
    FOR UPDATE
), reactivated AS (
    UPDATE model m SET is_active = true, deactivated_at = NULL, last_seen_at = greatest(m.last_seen_at, now())
    FROM before b
    WHERE m.provider_id = b.provider_id AND m.model_id = b.model_id
    RETURNING m.*, b.was_active
), event AS (
    INSERT INTO model_event (provider_id, model_id, kind, source, detail)
    SELECT provider_id, model_id, 'REACTIVATED', source, '{"by": "api"}' FROM reactivated WHERE NOT was_active
)
SELECT provider_id, model_id, name, context_window, max_output_tokens, pricing, retires_at, deprecated, is_active, source, first_seen_at, last_seen_at,
       last_indexed_at, last_inference_at, deactivated_at, metadata
FROM reactivated
