-- The hot path of a group commit (merged per model beforehand): known active models only have
-- their sighting moved. Answers the rows touched; fewer than the models sent means some are
-- unknown or inactive, and record-inference-events.sql handles the batch.
UPDATE model m SET
    last_seen_at = greatest(m.last_seen_at, now()),
    last_inference_at = greatest(m.last_inference_at, now()),
    -- what a feed or a person said wins; runtime hits only fill the gaps
    name = coalesce(m.name, i.name),
    context_window = coalesce(m.context_window, i.context_window)
FROM (SELECT * FROM unnest(:providerIds::text[], :modelIds::text[], :names::text[], :contextWindows::bigint[])
             AS t(provider_id, model_id, name, context_window)
      -- rows are locked in key order, like every other writer of model: no deadlocks
      ORDER BY provider_id, model_id) i
WHERE m.provider_id = i.provider_id AND m.model_id = i.model_id AND m.is_active
