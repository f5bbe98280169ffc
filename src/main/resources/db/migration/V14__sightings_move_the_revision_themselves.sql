-- The inference events' hot path (sql/inference/touch-active-models.sql) moves the catalog revision
-- in its own statement. It is a transaction of one statement that only moves sightings
-- (last_seen_at, last_inference_at) of known active models, about a thousand group commits a
-- second: the pending row and deferred trigger of V10 cost it a fifth of each commit, and the
-- listing comparison is moot there. It moves the 'catalog' row after every model row it locks
-- (as the deferred trigger does at commit: no deadlock), notifies as that trigger does, and sets
-- the local setting ghost.sightings_moved, which tells the update trigger below it has nothing to
-- do. The setting ends with that transaction.
CREATE OR REPLACE FUNCTION model_rows_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('ghost.sightings_moved', true) = 'on' THEN
        RETURN NULL;
    END IF;
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
