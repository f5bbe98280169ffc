SELECT id, provider_id, model_id, kind, source, at, detail
FROM model_event
WHERE (:#providerId::text IS NULL OR provider_id = :#providerId::text)
  AND (:#modelId::text IS NULL OR model_id = :#modelId::text)
  AND (:#kind::text IS NULL OR kind = :#kind::text)
ORDER BY id DESC
LIMIT :#limit
