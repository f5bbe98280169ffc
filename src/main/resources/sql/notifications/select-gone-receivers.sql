-- The configured receivers (:keys) that answered 410 Gone: no notification goes to them.
SELECT url_key FROM webhook_receiver WHERE state = 'GONE' AND url_key = ANY (:keys::text[])
