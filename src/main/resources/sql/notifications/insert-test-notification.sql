-- POST /api/notifications/test: a test notification for every webhook, whatever GHOST_WEBHOOK_KINDS says.
WITH test AS (
    SELECT gen_random_uuid() AS id
)
INSERT INTO notification (id, kind, payload)
SELECT id, 'test', notification_payload(id, 'test', NULL, NULL, '{}',
                                        'Ghost Records: a test notification; this webhook works')
FROM test
RETURNING id, kind, provider_id, model_id, created_at, status, attempts, last_attempt_at, last_error, delivered_at,
          next_attempt_at, payload
