SELECT provider_id, model_id, name, context_window, is_active, source, first_seen_at, last_seen_at,
       last_indexed_at, last_inference_at, deactivated_at, metadata
FROM model
WHERE provider_id = :#providerId AND model_id = :#modelId
