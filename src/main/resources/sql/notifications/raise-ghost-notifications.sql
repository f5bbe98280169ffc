-- model.ghost, once per occurrence: a model inference used within :staleAfterHours that its
-- provider's latest fresh feed did not list (the ghost filter of catalog/select-models.sql). When it
-- becomes a ghost, a GHOST event goes into the audit trail (always) and a notification into the
-- outbox (with webhooks), each once through its own key; both keys are released when it stops being
-- one (listed again, or no hit within the window), so it is raised again only if it becomes a ghost again.
WITH ghosts AS (
    SELECT m.provider_id, m.model_id, m.source,
           jsonb_build_array('model.ghost', m.provider_id, m.model_id)::text AS dedupe_key,
           jsonb_build_object('lastInferenceAt', iso_utc(m.last_inference_at), 'lastIndexedAt', iso_utc(m.last_indexed_at),
                              'providerLastIndexAt', iso_utc(p.last_index_at)) AS detail,
           m.provider_id || ': ' || m.model_id || ' is a ghost: inference still uses it, but the provider''s latest feed ('
               || to_char(p.last_index_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"') || ') does not list it' AS text
    FROM model m
    JOIN provider p ON p.id = m.provider_id
    WHERE m.last_inference_at > now() - make_interval(secs => :staleAfterHours * 3600)
      AND p.last_index_at IS NOT NULL
      AND (m.last_indexed_at IS NULL OR m.last_indexed_at < p.last_index_at)
), ended AS (
    UPDATE notification n SET dedupe_key = NULL
    WHERE n.kind = 'model.ghost' AND n.dedupe_key IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM ghosts g WHERE g.dedupe_key = n.dedupe_key)
), left_off AS (
    DELETE FROM model_occurrence o
    WHERE o.kind = 'model.ghost' AND NOT EXISTS (SELECT 1 FROM ghosts g WHERE g.dedupe_key = o.key)
), occurred AS (
    INSERT INTO model_occurrence (key, kind)
    SELECT g.dedupe_key, 'model.ghost' FROM ghosts g ORDER BY g.dedupe_key
    ON CONFLICT (key) DO NOTHING
    RETURNING key
), recorded AS (
    INSERT INTO model_event (provider_id, model_id, kind, source, detail)
    SELECT g.provider_id, g.model_id, 'GHOST', g.source, g.detail
    FROM ghosts g JOIN occurred o ON o.key = g.dedupe_key
    ORDER BY g.provider_id, g.model_id
), raised AS (
    SELECT gen_random_uuid() AS id, g.* FROM ghosts g WHERE ghost_notify('model.ghost')
)
INSERT INTO notification (id, kind, provider_id, model_id, payload, dedupe_key)
SELECT r.id, 'model.ghost', r.provider_id, r.model_id,
       notification_payload(r.id, 'model.ghost', r.provider_id, r.model_id, r.detail, r.text),
       r.dedupe_key
FROM raised r
ORDER BY r.provider_id, r.model_id
ON CONFLICT (dedupe_key) DO NOTHING
