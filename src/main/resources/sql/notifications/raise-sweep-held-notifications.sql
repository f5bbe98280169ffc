-- sweep.held, once per held episode: the providers whose deactivations this mark-stale run held
-- (:providerIds, with :held models of :active active ones, over :maxFraction). A provider in the
-- run's scope (:scope, null = every provider) that is no longer held ends its episode: its key
-- is released. Run in the mark-stale transaction.
WITH held AS (
    SELECT * FROM unnest(:providerIds::text[], :held::bigint[], :active::bigint[]) AS t(provider_id, held, active)
), ended AS (
    UPDATE notification n SET dedupe_key = NULL
    WHERE n.kind = 'sweep.held' AND n.dedupe_key IS NOT NULL
      AND (:scope::text IS NULL OR n.provider_id = :scope::text)
      AND NOT EXISTS (SELECT 1 FROM held h WHERE h.provider_id = n.provider_id)
), raised AS (
    SELECT gen_random_uuid() AS id, h.*, jsonb_build_array('sweep.held', h.provider_id)::text AS dedupe_key
    FROM held h
    WHERE ghost_notify('sweep.held')
)
INSERT INTO notification (id, kind, provider_id, payload, dedupe_key)
SELECT r.id, 'sweep.held', r.provider_id,
       notification_payload(r.id, 'sweep.held', r.provider_id, NULL,
           jsonb_build_object('held', r.held, 'activeModels', r.active, 'maxFraction', :maxFraction::float8),
           r.provider_id || ': mark-stale held ' || r.held || ' of ' || r.active
               || ' active models (more than ' || round(:maxFraction::numeric * 100) || '% at once), none deactivated;'
               || ' if its feed is right, run mark-stale --force --provider ' || r.provider_id),
       r.dedupe_key
FROM raised r
ORDER BY r.provider_id
ON CONFLICT (dedupe_key) DO NOTHING
