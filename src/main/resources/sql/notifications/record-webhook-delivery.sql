-- One webhook (:urlKey, the SHA-256 hex of its URL) took the notification: a retry skips it.
UPDATE notification
SET delivered_to = array_append(delivered_to, :urlKey::text)
WHERE id = :id::uuid AND NOT (:urlKey::text = ANY (delivered_to))
