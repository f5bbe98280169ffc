-- Closing a version (valid_to = now()) was never a HOT update: valid_to was in the predicate of the
-- partial unique index model_version_current, so every closing wrote a whole new tuple and a new
-- primary-key entry, and every new version one more index entry. The merge never read that index
-- (it finds a provider's current versions by the primary key or a scan), and one open version per
-- model is kept by the writers: a feed changes a known model's versions only under its provider's
-- advisory lock (feeds/lock-provider-feed.sql), and a first version is written only by the
-- statement whose insert created the model row.
DROP INDEX model_version_current;

-- Room on each page for the closing of the versions it holds: the closed tuple goes on the same
-- page (HOT). Closed versions never change again, so the room is only used once. Applies to pages
-- written from now on.
ALTER TABLE model_version SET (fillfactor = 50);
