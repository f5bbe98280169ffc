-- After an attempt on every webhook still owed the notification: DELIVERED when none failed; else
-- PENDING again, due after an exponential backoff (:backoffSeconds doubled per attempt, at most an
-- hour, with 10% jitter so replicas do not retry in step), or DEAD once it is older than :maxAgeHours.
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
