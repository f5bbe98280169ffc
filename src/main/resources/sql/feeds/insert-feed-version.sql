-- Claims one file version for this ingestion. In the ingestion's own transaction: a second replica
-- waits here until the first commits (then finds the row) or rolls back (then takes the file).
INSERT INTO feed_file_version (file_name, file_size, file_modified_at)
VALUES (:fileName, :fileSize, :fileModifiedAt)
ON CONFLICT DO NOTHING
