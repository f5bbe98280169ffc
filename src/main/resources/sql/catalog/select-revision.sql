-- One scope's revision, read before a full answer's data (its ETag is never newer than its data).
SELECT revision, moved_at FROM catalog_revision WHERE scope = :scope
