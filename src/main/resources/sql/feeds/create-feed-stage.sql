-- The entries of one feed file, as read (the normalised fields beside the raw entry); gone at the
-- end of the transaction.
CREATE TEMPORARY TABLE feed_stage (
    seq               integer     NOT NULL,
    model_id          text        NOT NULL,
    name              text,
    context_window    bigint,
    max_output_tokens bigint,
    pricing           jsonb,
    retires_at        timestamptz,
    deprecated        boolean     NOT NULL,
    metadata          jsonb       NOT NULL
) ON COMMIT DROP
