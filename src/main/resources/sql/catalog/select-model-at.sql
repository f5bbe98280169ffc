-- A model as it was at :#at: the version valid then, over the model's identity and lifecycle
-- columns as they are now (a purged model keeps its versions: then only those). No row: it did
-- not exist at that time (404).
SELECT v.provider_id, v.model_id, v.name, v.context_window, v.max_output_tokens, v.pricing, v.retires_at,
       v.deprecated, m.is_active, m.source, m.first_seen_at, m.last_seen_at, m.last_indexed_at, m.last_inference_at,
       m.deactivated_at, m.metadata
FROM model_version v
LEFT JOIN model m ON m.provider_id = v.provider_id AND m.model_id = v.model_id
WHERE v.provider_id = :#providerId AND v.model_id = :#modelId
  AND v.valid_from <= :#at::timestamptz AND (v.valid_to IS NULL OR v.valid_to > :#at::timestamptz)
