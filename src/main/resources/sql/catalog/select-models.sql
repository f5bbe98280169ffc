-- A page of the catalog; every filter is optional (null = any).
SELECT provider_id, model_id, name, context_window, is_active, source, first_seen_at, last_seen_at,
       last_indexed_at, last_inference_at, deactivated_at, metadata::text AS metadata
FROM model
WHERE (:#active::boolean IS NULL OR is_active = :#active::boolean)
  AND (:#providerId::text IS NULL OR provider_id = :#providerId::text)
  AND (:#source::text IS NULL OR source = :#source::text)
ORDER BY provider_id, model_id
LIMIT :#limit OFFSET :#offset
