-- Every sighting (an inference hit, a feed listing) moves last_seen_at. While an index held it,
-- each sighting was a non-HOT update that wrote a new entry into every index of model; without it
-- PostgreSQL updates in place on the page (HOT), and the hottest rows stay small. Mark-stale reads
-- the active models with a sequential scan, which it did for most of the catalog anyway.
DROP INDEX model_provider_last_seen;

-- Purge reads only the inactive models; a partial index on a column sightings never change.
CREATE INDEX model_inactive_deactivated_at ON model (deactivated_at) WHERE NOT is_active;
