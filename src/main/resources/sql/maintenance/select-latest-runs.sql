SELECT id, job, started_at, finished_at, dry_run, result
FROM maintenance_run
WHERE (:#job::text IS NULL OR job = :#job::text)
ORDER BY id DESC
LIMIT :#limit
