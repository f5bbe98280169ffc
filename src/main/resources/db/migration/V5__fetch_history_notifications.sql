-- Provider sync, history and notifications (DESIGN.md "Data"): the normalised fields on the model,
-- their history (type-2), one row per provider fetch, and the webhook outbox.

-- The normalised fields, extracted from each provider's envelope; metadata keeps the raw entry.
ALTER TABLE model
    ADD COLUMN max_output_tokens bigint,
    ADD COLUMN pricing           jsonb,
    ADD COLUMN retires_at        timestamptz,
    ADD COLUMN deprecated        boolean NOT NULL DEFAULT false;

-- A model's normalised fields over time: a new row only when one of them changes; valid_to null = current.
CREATE TABLE model_version (
    provider_id       text        NOT NULL,
    model_id          text        NOT NULL,
    valid_from        timestamptz NOT NULL,
    valid_to          timestamptz,
    name              text,
    context_window    bigint,
    max_output_tokens bigint,
    pricing           jsonb,
    retires_at        timestamptz,
    deprecated        boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (provider_id, model_id, valid_from),
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
)
-- room on each page for the closing of the versions it holds, so closing (valid_to = now()) is a HOT
-- update; closed versions never change again. No index names the current version (valid_to in an
-- index would make every closing a new tuple): the writers keep one open version per model, a feed
-- under its provider's advisory lock (feeds/lock-provider-feed.sql), a first version only from the
-- statement whose insert created the model row.
WITH (fillfactor = 50);

-- the models already in the catalog start their history with what they hold now
INSERT INTO model_version (provider_id, model_id, valid_from, name, context_window)
SELECT provider_id, model_id, first_seen_at, name, context_window FROM model;

-- One row per provider fetch (scheduled, API or CLI). error never holds a key. FETCH is a reserved
-- word in PostgreSQL: the table is written "fetch" (or public.fetch) in every statement.
CREATE TABLE "fetch" (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider_id text        NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    status      text        NOT NULL CHECK (status IN ('RUNNING', 'OK', 'FAILED', 'SKIPPED')),
    http_status integer,
    attempts    integer     NOT NULL DEFAULT 0,
    pages       integer     NOT NULL DEFAULT 0,
    models      integer,
    file_name   text,
    error       text
);
CREATE INDEX fetch_provider_id ON "fetch" (provider_id, id);

-- The outbox of webhook notifications, written in the transaction of the change it tells of and
-- delivered afterwards by a route: a crash between the two delivers after the restart.
CREATE TABLE notification (
    id              uuid        PRIMARY KEY,
    kind            text        NOT NULL,
    provider_id     text,
    model_id        text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    payload         jsonb       NOT NULL,
    status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
    attempts        integer     NOT NULL DEFAULT 0,
    last_attempt_at timestamptz,
    last_error      text,
    delivered_at    timestamptz,
    -- when the next delivery attempt is due (backoff)
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    -- one-per-occurrence kinds (model.ghost, model.retiring, sweep.held, feed.failing) carry a key
    -- that makes raising them twice a no-op
    dedupe_key      text        UNIQUE
);
-- the delivery route reads what is due
CREATE INDEX notification_pending_due ON notification (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_created_at ON notification (created_at);
