-- The filters of select-models.sql, counted.
SELECT count(*) AS total
FROM model m
JOIN provider p ON p.id = m.provider_id
WHERE (:#active::boolean IS NULL OR m.is_active = :#active::boolean)
  AND (:#providerId::text IS NULL OR m.provider_id = :#providerId::text)
  AND (:#source::text IS NULL OR m.source = :#source::text)
  AND (:#text::text IS NULL OR strpos(lower(m.model_id), lower(:#text::text)) > 0
                            OR strpos(lower(coalesce(m.name, '')), lower(:#text::text)) > 0)
  AND (:#ghostHours::float8 IS NULL OR (m.last_inference_at > now() - make_interval(secs => :#ghostHours::float8 * 3600)
                                         AND p.last_index_at IS NOT NULL
                                         AND (m.last_indexed_at IS NULL OR m.last_indexed_at < p.last_index_at)))
