-- The current version of a model's normalised fields lives on the model row itself; only the
-- versions that ended are rows of their own (model_past_version). model_version (DESIGN.md) is a
-- view of both, with valid_to null for the current one. A feed of new models then writes no
-- version tuple at all, and a change writes one (the version that ended) instead of closing one
-- and opening another: the first feed of 100,000 models and a feed where every price changed
-- each write 100,000 fewer tuples. The current version cannot drift from the model: it is the model.

-- when the current version began; null: when the model was first seen (a model never changed)
ALTER TABLE model ADD COLUMN version_from timestamptz;

UPDATE model m SET version_from = v.valid_from
FROM model_version v
WHERE v.provider_id = m.provider_id AND v.model_id = m.model_id AND v.valid_to IS NULL
  AND v.valid_from <> m.first_seen_at;

-- an open version whose model is gone (purged before this migration) ended when it was purged
UPDATE model_version v SET valid_to = greatest(v.valid_from, coalesce(
           (SELECT max(e.at) FROM model_event e
            WHERE e.provider_id = v.provider_id AND e.model_id = v.model_id AND e.kind = 'PURGED'), now()))
WHERE v.valid_to IS NULL
  AND NOT EXISTS (SELECT 1 FROM model m WHERE m.provider_id = v.provider_id AND m.model_id = v.model_id);

DELETE FROM model_version WHERE valid_to IS NULL;
ALTER TABLE model_version RENAME TO model_past_version;
ALTER TABLE model_past_version RENAME CONSTRAINT model_version_pkey TO model_past_version_pkey;
ALTER TABLE model_past_version ALTER COLUMN valid_to SET NOT NULL;
-- its rows are written once and never change: no room kept for updates
ALTER TABLE model_past_version SET (fillfactor = 100);

CREATE VIEW model_version AS
SELECT provider_id, model_id, valid_from, valid_to, name, context_window, max_output_tokens, pricing, retires_at,
       deprecated
FROM model_past_version
UNION ALL
SELECT provider_id, model_id, coalesce(version_from, first_seen_at), NULL::timestamptz, name, context_window,
       max_output_tokens, pricing, retires_at, deprecated
FROM model;

-- A model deleted by any statement (purge, a person in psql) keeps its history: its current
-- version ends at the deletion.
CREATE FUNCTION keep_versions_of_deleted_models() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO model_past_version (provider_id, model_id, valid_from, valid_to, name, context_window,
                                    max_output_tokens, pricing, retires_at, deprecated)
    SELECT provider_id, model_id, coalesce(version_from, first_seen_at), greatest(now(), coalesce(version_from, first_seen_at)),
           name, context_window, max_output_tokens, pricing, retires_at, deprecated
    FROM gone
    ORDER BY provider_id, model_id
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TRIGGER model_versions_kept
    AFTER DELETE ON model
    REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION keep_versions_of_deleted_models();
