-- A receiver answered 410 Gone: GONE until its URL is configured anew. Answers a row only to the
-- one attempt (of any replica) that made it GONE, so that is logged once.
INSERT INTO webhook_receiver AS r (url_key, state, gone_at, last_error, last_error_at)
VALUES (:urlKey::text, 'GONE', now(), :error::text, now())
ON CONFLICT (url_key) DO UPDATE SET state = 'GONE', gone_at = now(), last_error = excluded.last_error,
                                    last_error_at = now()
    WHERE r.state = 'ACTIVE'
RETURNING url_key
