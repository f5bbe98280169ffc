-- each provider's last finished fetch, for the operator page
SELECT DISTINCT ON (provider_id)
       id, provider_id, started_at, finished_at, status, http_status, attempts, pages, models, file_name, error
FROM "fetch"
WHERE status <> 'RUNNING'
ORDER BY provider_id, id DESC
