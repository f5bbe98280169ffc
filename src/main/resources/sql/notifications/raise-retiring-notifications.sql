-- model.retiring, once per model and retirement date: an active model whose retires_at falls within
-- :retiringDays (or has passed), or that its provider marks deprecated. A RETIRING event goes into
-- the audit trail (always) and a notification into the outbox (with webhooks), each once through its
-- own key. A new date is a new occurrence; the keys are never released.
WITH retiring AS (
    SELECT gen_random_uuid() AS id, m.provider_id, m.model_id, m.source, m.retires_at, m.deprecated,
           jsonb_build_array('model.retiring', m.provider_id, m.model_id, extract(epoch FROM m.retires_at))::text AS dedupe_key,
           -- retiresAt as the model API writes it: a whole second (a date) without a fraction
           jsonb_build_object('retiresAt', CASE WHEN m.retires_at = date_trunc('second', m.retires_at)
                   THEN to_char(m.retires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                   ELSE iso_utc(m.retires_at) END, 'deprecated', m.deprecated) AS detail
    FROM model m
    WHERE m.is_active
      AND (m.deprecated OR m.retires_at < now() + make_interval(secs => :retiringDays * 86400))
), occurred AS (
    INSERT INTO model_occurrence (key, kind)
    SELECT r.dedupe_key, 'model.retiring' FROM retiring r ORDER BY r.dedupe_key
    ON CONFLICT (key) DO NOTHING
    RETURNING key
), recorded AS (
    INSERT INTO model_event (provider_id, model_id, kind, source, detail)
    SELECT r.provider_id, r.model_id, 'RETIRING', r.source, r.detail
    FROM retiring r JOIN occurred o ON o.key = r.dedupe_key
    ORDER BY r.provider_id, r.model_id
)
INSERT INTO notification (id, kind, provider_id, model_id, payload, dedupe_key)
SELECT r.id, 'model.retiring', r.provider_id, r.model_id,
       notification_payload(r.id, 'model.retiring', r.provider_id, r.model_id, r.detail,
           r.provider_id || ': ' || r.model_id || CASE
               WHEN r.retires_at IS NULL THEN ' is deprecated'
               WHEN r.retires_at <= now() THEN ' retired on ' || to_char(r.retires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')
               ELSE ' retires on ' || to_char(r.retires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')
                    || ' (in ' || ceil(extract(epoch FROM r.retires_at - now()) / 86400)::int || ' days)'
               END || ': move its callers to another model'),
       r.dedupe_key
FROM retiring r
WHERE ghost_notify('model.retiring')
ORDER BY r.provider_id, r.model_id
ON CONFLICT (dedupe_key) DO NOTHING
