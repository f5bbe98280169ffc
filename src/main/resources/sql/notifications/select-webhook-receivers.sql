-- GET /api/webhooks: the configured receivers' state and counts (the URLs themselves are not stored).
SELECT url_key, state, last_delivery_at, last_error, last_error_at, delivered, retried, dead
FROM webhook_receiver
WHERE url_key = ANY (:keys::text[])
