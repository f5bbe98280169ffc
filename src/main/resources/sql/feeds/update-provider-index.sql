-- A non-empty feed is a fresh feed: the provider's catalog may now go stale against it.
UPDATE provider SET last_index_at = now(), last_index_models = :models WHERE id = :providerId
