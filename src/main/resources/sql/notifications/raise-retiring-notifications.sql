-- model.retiring, once per model and retirement date: an active model whose retires_at falls within
-- :retiringDays (or has passed), or that its provider marks deprecated. A new date is a new
-- occurrence; the key is never released.
WITH retiring AS (
    SELECT gen_random_uuid() AS id, m.provider_id, m.model_id, m.retires_at, m.deprecated,
           jsonb_build_array('model.retiring', m.provider_id, m.model_id, extract(epoch FROM m.retires_at))::text AS dedupe_key
    FROM model m
    WHERE m.is_active
      AND (m.deprecated OR m.retires_at < now() + make_interval(secs => :retiringDays * 86400))
      AND ghost_notify('model.retiring')
)
INSERT INTO notification (id, kind, provider_id, model_id, payload, dedupe_key)
SELECT r.id, 'model.retiring', r.provider_id, r.model_id,
       notification_payload(r.id, 'model.retiring', r.provider_id, r.model_id,
           -- retiresAt as the model API writes it: a whole second (a date) without a fraction
           jsonb_build_object('retiresAt', CASE WHEN r.retires_at = date_trunc('second', r.retires_at)
                   THEN to_char(r.retires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                   ELSE iso_utc(r.retires_at) END, 'deprecated', r.deprecated),
           r.provider_id || ': ' || r.model_id || CASE
               WHEN r.retires_at IS NULL THEN ' is deprecated'
               WHEN r.retires_at <= now() THEN ' retired on ' || to_char(r.retires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')
               ELSE ' retires on ' || to_char(r.retires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')
                    || ' (in ' || ceil(extract(epoch FROM r.retires_at - now()) / 86400)::int || ' days)'
               END || ': move its callers to another model'),
       r.dedupe_key
FROM retiring r
ORDER BY r.provider_id, r.model_id
ON CONFLICT (dedupe_key) DO NOTHING
