-- model.ghost, once per occurrence: a model inference used within :staleAfterHours that its
-- provider's latest fresh feed did not list (the ghost filter of catalog/select-models.sql). Raised
-- when it becomes a ghost; its key is released when it stops being one (listed again, or no hit
-- within the window), so it is raised again only if it becomes a ghost again.
WITH ghosts AS (
    SELECT m.provider_id, m.model_id, m.last_inference_at, m.last_indexed_at, p.last_index_at,
           jsonb_build_array('model.ghost', m.provider_id, m.model_id)::text AS dedupe_key
    FROM model m
    JOIN provider p ON p.id = m.provider_id
    WHERE m.last_inference_at > now() - make_interval(secs => :staleAfterHours * 3600)
      AND p.last_index_at IS NOT NULL
      AND (m.last_indexed_at IS NULL OR m.last_indexed_at < p.last_index_at)
), ended AS (
    UPDATE notification n SET dedupe_key = NULL
    WHERE n.kind = 'model.ghost' AND n.dedupe_key IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM ghosts g WHERE g.dedupe_key = n.dedupe_key)
), raised AS (
    SELECT gen_random_uuid() AS id, g.* FROM ghosts g WHERE ghost_notify('model.ghost')
)
INSERT INTO notification (id, kind, provider_id, model_id, payload, dedupe_key)
SELECT r.id, 'model.ghost', r.provider_id, r.model_id,
       notification_payload(r.id, 'model.ghost', r.provider_id, r.model_id,
           jsonb_build_object('lastInferenceAt', iso_utc(r.last_inference_at), 'lastIndexedAt', iso_utc(r.last_indexed_at),
                              'providerLastIndexAt', iso_utc(r.last_index_at)),
           r.provider_id || ': ' || r.model_id || ' is a ghost: inference still uses it, but the provider''s latest feed ('
               || to_char(r.last_index_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"') || ') does not list it'),
       r.dedupe_key
FROM raised r
ORDER BY r.provider_id, r.model_id
ON CONFLICT (dedupe_key) DO NOTHING
