-- POST /api/notifications/test: a test notification for every webhook, whatever GHOST_WEBHOOK_KINDS says.
WITH test AS (
    SELECT gen_random_uuid() AS id
)
INSERT INTO notification (id, kind, payload)
SELECT id, 'test', notification_payload(id, 'test', NULL, NULL, '{}',
                                        'Ghost Records: a test notification; this webhook works')
FROM test
RETURNING id, kind, created_at, status, payload
