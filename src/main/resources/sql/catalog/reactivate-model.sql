-- An operator brings a model back: active again, and counted as seen now so the next stale run
-- does not take it away at once.
UPDATE model SET is_active = true, deactivated_at = NULL, last_seen_at = greatest(last_seen_at, now())
WHERE provider_id = :#providerId AND model_id = :#modelId
