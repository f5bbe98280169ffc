SELECT id, file_name, provider_id, file_size, file_modified_at, started_at, finished_at, status,
       models_ingested, models_skipped, error
FROM ingestion
WHERE (:#providerId::text IS NULL OR provider_id = :#providerId::text)
ORDER BY id DESC
LIMIT :#limit
