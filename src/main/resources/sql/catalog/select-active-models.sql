-- The active catalog, as /v1/models lists it.
SELECT provider_id, model_id, first_seen_at
FROM model
WHERE is_active
ORDER BY provider_id, model_id
