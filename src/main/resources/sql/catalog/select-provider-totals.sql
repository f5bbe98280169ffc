SELECT p.id                                    AS provider_id,
       count(m.model_id)                       AS total,
       count(m.model_id) FILTER (WHERE m.is_active) AS active,
       p.last_index_at,
       p.last_index_models
FROM provider p
LEFT JOIN model m ON m.provider_id = p.id
GROUP BY p.id
ORDER BY p.id
