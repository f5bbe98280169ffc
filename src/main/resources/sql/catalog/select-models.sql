-- A page of the catalog; every filter is optional (null = any). :#text matches ids and names
-- (case-insensitive substring); :#ghostHours keeps the ghosts: models inference used within that
-- many hours that their provider's latest fresh feed did not list.
SELECT m.provider_id, m.model_id, m.name, m.context_window, m.is_active, m.source, m.first_seen_at, m.last_seen_at,
       m.last_indexed_at, m.last_inference_at, m.deactivated_at, m.metadata::text AS metadata
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
ORDER BY m.provider_id, m.model_id
LIMIT :#limit OFFSET :#offset
