-- How the fetch ended (FetchOutcome); the row comes back as the API shows it (Fetch).
UPDATE "fetch"
SET finished_at = clock_timestamp(), status = :#status, http_status = :#httpStatus, attempts = :#attempts,
    pages = :#pages, models = :#models, file_name = :#fileName, error = :#error
WHERE id = :#id
RETURNING id, provider_id, started_at, finished_at, status, http_status, attempts, pages, models, file_name, error
