SELECT id, provider_id, started_at, finished_at, status, http_status, attempts, pages, models, file_name, error
FROM "fetch"
WHERE (:#providerId::text IS NULL OR provider_id = :#providerId::text)
ORDER BY id DESC
LIMIT :#limit
