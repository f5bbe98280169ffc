INSERT INTO ingestion (file_name, provider_id, file_size, file_modified_at, started_at, finished_at, status,
                       models_ingested, models_skipped, error)
VALUES (:fileName, :providerId, :fileSize, :fileModifiedAt, :startedAt, clock_timestamp(), :status,
        :ingested, :skipped, :error)
