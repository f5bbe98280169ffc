-- One receiver (:urlKey, the SHA-256 hex of its URL) took the notification: a retry skips it, and
-- the receiver counts it (once, even if a lease ran out and it was sent twice).
WITH took AS (
    UPDATE notification
    SET delivered_to = array_append(delivered_to, :urlKey::text)
    WHERE id = :id::uuid AND NOT (:urlKey::text = ANY (delivered_to))
    RETURNING id
)
INSERT INTO webhook_receiver AS r (url_key, delivered, last_delivery_at)
SELECT :urlKey::text, (SELECT count(*) FROM took), now()
ON CONFLICT (url_key) DO UPDATE SET delivered = r.delivered + excluded.delivered, last_delivery_at = now()
