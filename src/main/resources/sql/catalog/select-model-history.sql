-- A model's versions (the history of its normalised fields), oldest first. Kept after a purge.
SELECT valid_from, valid_to, name, context_window, max_output_tokens, pricing, retires_at, deprecated
FROM model_version
WHERE provider_id = :#providerId AND model_id = :#modelId
ORDER BY valid_from
