-- The delivery route's claim: up to :limit due PENDING notifications, oldest due first. Rows another
-- replica is claiming are skipped, not waited for; a claimed row's next attempt moves :leaseSeconds
-- ahead, so nobody else takes it while it is being sent, and a sender that dies leaves it due again
-- once the lease runs out (at least once).
WITH due AS (
    SELECT id
    FROM notification
    WHERE status = 'PENDING' AND next_attempt_at <= now()
    ORDER BY next_attempt_at
    LIMIT :limit
    FOR UPDATE SKIP LOCKED
)
UPDATE notification n SET next_attempt_at = now() + make_interval(secs => :leaseSeconds)
FROM due
WHERE n.id = due.id
RETURNING n.id, n.kind, n.payload::text AS payload, n.delivered_to
