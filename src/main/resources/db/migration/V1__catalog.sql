-- The catalog: providers, their models (ghost records), the audit trail and the feed ingestion log.

CREATE TABLE provider (
    id                text        PRIMARY KEY,
    first_seen_at     timestamptz NOT NULL DEFAULT now(),
    -- the last feed that counted as fresh (non-empty); empty and failed feeds never move it
    last_index_at     timestamptz,
    last_index_models integer
);

CREATE TABLE model (
    provider_id       text        NOT NULL REFERENCES provider (id),
    model_id          text        NOT NULL,
    name              text,
    context_window    bigint,
    metadata          jsonb       NOT NULL DEFAULT '{}',
    is_active         boolean     NOT NULL DEFAULT true,
    source            text        NOT NULL CHECK (source IN ('INDEX', 'INFERENCE', 'MANUAL')),
    first_seen_at     timestamptz NOT NULL DEFAULT now(),
    last_seen_at      timestamptz NOT NULL DEFAULT now(),
    last_indexed_at   timestamptz,
    last_inference_at timestamptz,
    deactivated_at    timestamptz,
    PRIMARY KEY (provider_id, model_id)
);
CREATE INDEX model_provider_last_seen ON model (provider_id, last_seen_at);

-- No foreign key: audit rows outlive the models they describe.
CREATE TABLE model_event (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider_id text        NOT NULL,
    model_id    text        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('DISCOVERED', 'REACTIVATED', 'DEACTIVATED', 'PURGED', 'CHANGED')),
    source      text,
    at          timestamptz NOT NULL DEFAULT now(),
    detail      jsonb       NOT NULL DEFAULT '{}'
);
-- "newest first" reads go by id (the primary key); one model's history by this index
CREATE INDEX model_event_model_at ON model_event (provider_id, model_id, at);

CREATE TABLE ingestion (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    file_name        text        NOT NULL,
    provider_id      text        NOT NULL,
    file_size        bigint,
    file_modified_at timestamptz,
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz,
    status           text        NOT NULL CHECK (status IN ('OK', 'EMPTY', 'FAILED')),
    models_ingested  integer     NOT NULL DEFAULT 0,
    models_skipped   integer     NOT NULL DEFAULT 0,
    error            text
);
CREATE INDEX ingestion_started_at ON ingestion (started_at);
CREATE INDEX ingestion_file_name ON ingestion (file_name);

-- Every file version (name + size + modification time) the watcher has taken, so a restart or a
-- second replica does not ingest it again. The row is written in the ingestion's own transaction:
-- a crash or a lost connection leaves no row, and the version is tried again.
CREATE TABLE feed_file_version (
    file_name        text        NOT NULL,
    file_size        bigint      NOT NULL,
    file_modified_at timestamptz NOT NULL,
    PRIMARY KEY (file_name, file_size, file_modified_at)
);
