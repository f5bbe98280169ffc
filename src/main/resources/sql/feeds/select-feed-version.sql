SELECT 1 FROM feed_file_version
WHERE file_name = :fileName AND file_size = :fileSize AND file_modified_at = :fileModifiedAt
