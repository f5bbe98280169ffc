-- The entries of one feed file, as read; gone at the end of the transaction.
CREATE TEMPORARY TABLE feed_stage (
    seq            integer NOT NULL,
    model_id       text    NOT NULL,
    name           text,
    context_window bigint,
    metadata       jsonb   NOT NULL
) ON COMMIT DROP
