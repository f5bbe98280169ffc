-- GET /api/notifications: the outbox, newest first, optionally one status.
SELECT id, kind, provider_id, model_id, created_at, status, attempts, last_attempt_at, last_error, delivered_at,
       next_attempt_at, payload
FROM notification
WHERE (:#status::text IS NULL OR status = :#status::text)
ORDER BY created_at DESC, id
LIMIT :#limit
