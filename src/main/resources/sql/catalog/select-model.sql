SELECT provider_id, model_id, name, context_window, max_output_tokens, pricing, retires_at, deprecated, is_active, source, first_seen_at, last_seen_at,
       last_indexed_at, last_inference_at, deactivated_at, metadata
FROM model
WHERE provider_id = :#providerId AND model_id = :#modelId
