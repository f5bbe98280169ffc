-- Every scope's revision, and when it last moved (read at start and after each LISTEN).
SELECT scope, revision, moved_at FROM catalog_revision
