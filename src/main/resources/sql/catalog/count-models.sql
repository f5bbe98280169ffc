SELECT count(*) AS total
FROM model
WHERE (:#active::boolean IS NULL OR is_active = :#active::boolean)
  AND (:#providerId::text IS NULL OR provider_id = :#providerId::text)
  AND (:#source::text IS NULL OR source = :#source::text)
