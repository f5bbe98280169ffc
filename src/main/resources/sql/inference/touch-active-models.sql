-- The hot path of a group commit (merged per model beforehand, none naming the model or its
-- context window): known active models only have their sighting moved, and the catalog revision
-- with them, in this one statement (V14__sightings_move_the_revision_themselves.sql says why).
-- Answers the rows touched; fewer than the models sent means some are unknown or inactive, and
-- record-inference-events.sql handles the batch.
WITH touched AS (
    UPDATE model m SET
        last_seen_at = greatest(m.last_seen_at, now()),
        last_inference_at = greatest(m.last_inference_at, now())
    FROM (SELECT * FROM unnest(:providerIds::text[], :modelIds::text[]) AS t(provider_id, model_id)
          -- rows are locked in key order, like every other writer of model: no deadlocks
          ORDER BY provider_id, model_id) i
    WHERE m.provider_id = i.provider_id AND m.model_id = i.model_id AND m.is_active
    RETURNING 1
), moved AS (
    UPDATE catalog_revision SET revision = revision + 1, moved_at = greatest(moved_at, clock_timestamp())
    -- a count reads every touched row first: the revision row is locked after all model rows
    WHERE scope = 'catalog' AND (SELECT count(*) FROM touched) > 0
    RETURNING scope, revision, moved_at
)
-- moved runs though nothing reads it (a data-modifying WITH always does); not announced: see
-- CatalogRevisions for why the catalog scope's validators are read from the database
SELECT (SELECT count(*) FROM touched) AS touched,
       set_config('ghost.sightings_moved', 'on', true) AS sightings_moved
