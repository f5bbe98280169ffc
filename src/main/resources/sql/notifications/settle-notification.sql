-- After an attempt on every receiver still owed the notification: DELIVERED when none failed; else
-- PENDING again, due after an exponential backoff (:backoffSeconds doubled per attempt, at most an
-- hour, with 10% jitter so replicas do not retry in step), or DEAD once it is older than :maxAgeHours.
-- The receivers that failed (:failedKeys, their errors in :errors) record the error and count the
-- attempt as retried, or the notification as dead.
WITH settled AS (
    UPDATE notification
    SET attempts = attempts + 1,
        last_attempt_at = now(),
        last_error = CASE WHEN :failed THEN :error::text ELSE last_error END,
        status = CASE
            WHEN NOT :failed THEN 'DELIVERED'
            WHEN created_at < now() - make_interval(secs => :maxAgeHours * 3600) THEN 'DEAD'
            ELSE 'PENDING' END,
        delivered_at = CASE WHEN :failed THEN NULL ELSE now() END,
        next_attempt_at = now() + make_interval(secs => least(:backoffSeconds * power(2, least(attempts, 30)), 3600)
                                                        * (0.9 + random() * 0.2))
    WHERE id = :id::uuid AND status = 'PENDING'
    RETURNING status, attempts
), counted AS (
    UPDATE webhook_receiver r
    SET last_error = f.error, last_error_at = now(),
        retried = r.retried + CASE WHEN s.status = 'DEAD' THEN 0 ELSE 1 END,
        dead = r.dead + CASE WHEN s.status = 'DEAD' THEN 1 ELSE 0 END
    FROM settled s, unnest(:failedKeys::text[], :errors::text[]) AS f(url_key, error)
    WHERE r.url_key = f.url_key
)
SELECT status, attempts FROM settled
