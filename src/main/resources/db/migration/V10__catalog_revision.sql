-- What the catalog's answers are validated against (ETag, Last-Modified): a revision per scope that
-- every committed change advances, in commit order, announced on the channel catalog_revision
-- (PostgreSQL delivers a notification at commit, in commit order) as '<scope> <revision> <epoch us>'.
--   catalog: any change to model, provider or model_past_version (all that /api/models, /api/model
--            and /api/stats read)
--   listing: a model appeared, went away, or changed what it says of itself (active, first seen,
--            name, limits, prices, retirement); a sighting alone (last_seen_at, last_inference_at,
--            last_indexed_at, metadata) does not move it, so /v1/models keeps its ETag under traffic
CREATE TABLE catalog_revision (
    scope    text PRIMARY KEY,
    revision bigint NOT NULL,
    moved_at timestamptz NOT NULL
);
INSERT INTO catalog_revision (scope, revision, moved_at) VALUES ('catalog', 1, now()), ('listing', 1, now());

-- A row per transaction and scope it changed, consumed at that transaction's commit. The statement
-- triggers only add this row; the revision row is updated by the deferred trigger below, so a writer
-- holds it from its commit's start to its end only (a 2 s feed merge does not hold up every other
-- writer), and moved_at is taken then, in commit order.
CREATE TABLE catalog_change (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope text NOT NULL
);

CREATE FUNCTION mark_catalog_change(changed text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- once per transaction and scope (a local setting ends with the transaction, or its savepoint)
    IF current_setting('ghost.catalog_change_' || changed, true) IS DISTINCT FROM 'on' THEN
        PERFORM set_config('ghost.catalog_change_' || changed, 'on', true);
        INSERT INTO catalog_change (scope) VALUES (changed);
    END IF;
END
$$;

CREATE FUNCTION catalog_change_committed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    moved catalog_revision;
BEGIN
    UPDATE catalog_revision SET revision = revision + 1, moved_at = greatest(moved_at, clock_timestamp())
    WHERE scope = NEW.scope
    RETURNING * INTO moved;
    PERFORM pg_notify('catalog_revision',
                      moved.scope || ' ' || moved.revision || ' ' || (extract(epoch FROM moved.moved_at) * 1000000)::bigint);
    DELETE FROM catalog_change WHERE id = NEW.id;
    RETURN NULL;
END
$$;

-- every transaction marks catalog before listing: the revision rows are always locked in that order
CREATE CONSTRAINT TRIGGER catalog_change_committed
    AFTER INSERT ON catalog_change
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION catalog_change_committed();

-- Statement-level, with transition tables: a 100,000-model feed marks once per statement, and a
-- statement that changed no row marks nothing. TG_ARGV[0]: 'listing' when any row counts for it.
CREATE FUNCTION catalog_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed_rows) THEN
        PERFORM mark_catalog_change('catalog');
        IF TG_NARGS > 0 AND TG_ARGV[0] = 'listing' THEN
            PERFORM mark_catalog_change('listing');
        END IF;
    END IF;
    RETURN NULL;
END
$$;

-- an update of model counts for listing only when a field the listing answers show changed
CREATE FUNCTION model_rows_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM new_rows) THEN
        PERFORM mark_catalog_change('catalog');
        IF EXISTS (SELECT 1
                   FROM old_rows o FULL JOIN new_rows n ON n.provider_id = o.provider_id AND n.model_id = o.model_id
                   WHERE o.model_id IS NULL OR n.model_id IS NULL
                      OR (o.is_active, o.first_seen_at, o.name, o.context_window, o.max_output_tokens, o.pricing,
                          o.retires_at, o.deprecated)
                         IS DISTINCT FROM
                         (n.is_active, n.first_seen_at, n.name, n.context_window, n.max_output_tokens, n.pricing,
                          n.retires_at, n.deprecated)) THEN
            PERFORM mark_catalog_change('listing');
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION catalog_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM mark_catalog_change('catalog');
    PERFORM mark_catalog_change('listing');
    RETURN NULL;
END
$$;

CREATE TRIGGER model_rows_inserted AFTER INSERT ON model REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_rows_changed('listing');
CREATE TRIGGER model_rows_updated AFTER UPDATE ON model REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION model_rows_updated();
CREATE TRIGGER model_rows_deleted AFTER DELETE ON model REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_rows_changed('listing');
CREATE TRIGGER model_truncated AFTER TRUNCATE ON model
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_truncated();

-- /api/stats shows each provider's last fresh feed; the ghost filter of /api/models reads it too
CREATE TRIGGER provider_rows_inserted AFTER INSERT ON provider REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_rows_changed();
CREATE TRIGGER provider_rows_updated AFTER UPDATE ON provider REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_rows_changed();
CREATE TRIGGER provider_rows_deleted AFTER DELETE ON provider REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_rows_changed();
CREATE TRIGGER provider_truncated AFTER TRUNCATE ON provider
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_truncated();

-- /api/model?at=T reads the ended versions
CREATE TRIGGER model_past_version_rows_inserted AFTER INSERT ON model_past_version REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_rows_changed();
CREATE TRIGGER model_past_version_rows_updated AFTER UPDATE ON model_past_version REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_rows_changed();
CREATE TRIGGER model_past_version_rows_deleted AFTER DELETE ON model_past_version REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_rows_changed();
