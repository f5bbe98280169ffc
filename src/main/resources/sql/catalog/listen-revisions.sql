-- The channel the revision triggers notify at commit.
LISTEN catalog_revision
