-- GET /feeds/changes.atom: the newest :#limit changes that match (null filters match all), newest first
SELECT e.tx::text AS tx, e.id, e.provider_id, e.model_id, e.kind, e.source, e.at, e.detail
FROM model_event e
WHERE (:#providerId::text IS NULL OR e.provider_id = :#providerId::text)
  AND (:#kind::text IS NULL OR e.kind = :#kind::text)
ORDER BY e.id DESC
LIMIT :#limit
