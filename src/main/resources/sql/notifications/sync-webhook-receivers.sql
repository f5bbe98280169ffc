-- At the service's start: a row for each configured receiver (:keys, the SHA-256 hex of each URL),
-- kept as it was (a GONE receiver stays GONE across restarts); the rows of receivers no longer
-- configured are dropped, so a URL configured again later starts ACTIVE.
WITH dropped AS (
    DELETE FROM webhook_receiver WHERE NOT (url_key = ANY (:keys::text[]))
)
INSERT INTO webhook_receiver (url_key)
SELECT unnest(:keys::text[])
ON CONFLICT (url_key) DO NOTHING
