-- The catalog's counts per provider, by state and source, with its last fresh feed. The totals are
-- these rows summed (every model belongs to a provider): one statement, one snapshot, so the
-- totals and the provider lines always agree.
SELECT p.id                                                  AS provider_id,
       count(m.model_id)                                     AS total,
       count(m.model_id) FILTER (WHERE m.is_active)          AS active,
       count(m.model_id) FILTER (WHERE m.source = 'INDEX')     AS index_models,
       count(m.model_id) FILTER (WHERE m.source = 'INFERENCE') AS inference_models,
       count(m.model_id) FILTER (WHERE m.source = 'MANUAL')    AS manual_models,
       p.last_index_at,
       p.last_index_models
FROM provider p
LEFT JOIN model m ON m.provider_id = p.id
GROUP BY p.id
ORDER BY p.id
