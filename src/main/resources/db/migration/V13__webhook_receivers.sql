-- Each configured webhook receiver's state, shared by every replica: a receiver that answered
-- 410 Gone is GONE and sent nothing more until its URL is configured anew. A receiver is its URL,
-- stored as the SHA-256 hex of it (the key notification.delivered_to holds): no URL (a Slack webhook
-- URL is a secret) is stored. The service drops the rows of URLs it is no longer configured with at
-- start, so a URL removed and added again, or changed, starts ACTIVE.
CREATE TABLE webhook_receiver (
    url_key          text        PRIMARY KEY,
    state            text        NOT NULL DEFAULT 'ACTIVE' CHECK (state IN ('ACTIVE', 'GONE')),
    gone_at          timestamptz,
    last_delivery_at timestamptz,
    last_error       text,
    last_error_at    timestamptz,
    -- notifications it took; failed attempts to be tried again; notifications it never took (DEAD)
    delivered        bigint      NOT NULL DEFAULT 0,
    retried          bigint      NOT NULL DEFAULT 0,
    dead             bigint      NOT NULL DEFAULT 0
);
