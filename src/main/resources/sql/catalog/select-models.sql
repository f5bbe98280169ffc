-- A page of the catalog and the count of all that match; every filter is optional (null = any).
-- :#text matches ids and names (case-insensitive substring); :#ghostHours keeps the ghosts: models
-- inference used within that many hours that their provider's latest fresh feed did not list;
-- :#retiringDays keeps the retiring ones: deprecated, or retiring within that many days (or retired).
-- Always one row at least: a page past the end still carries the total (its model columns null).
WITH matching AS (
    SELECT m.*
    FROM model m
    JOIN provider p ON p.id = m.provider_id
    WHERE (:#active::boolean IS NULL OR m.is_active = :#active::boolean)
      AND (:#providerId::text IS NULL OR m.provider_id = :#providerId::text)
      AND (:#source::text IS NULL OR m.source = :#source::text)
      AND (:#text::text IS NULL OR strpos(lower(m.model_id), lower(:#text::text)) > 0
                                OR strpos(lower(coalesce(m.name, '')), lower(:#text::text)) > 0)
      AND (:#ghostHours::float8 IS NULL
           OR (m.last_inference_at > now() - make_interval(secs => :#ghostHours::float8 * 3600)
               AND p.last_index_at IS NOT NULL
               AND (m.last_indexed_at IS NULL OR m.last_indexed_at < p.last_index_at)))
      AND (:#retiringDays::float8 IS NULL
           OR m.deprecated
           OR m.retires_at <= now() + make_interval(secs => :#retiringDays::float8 * 86400))
)
SELECT total.total, page.provider_id, page.model_id, page.name, page.context_window, page.max_output_tokens,
       page.pricing, page.retires_at, page.deprecated, page.is_active, page.source,
       page.first_seen_at, page.last_seen_at, page.last_indexed_at, page.last_inference_at, page.deactivated_at,
       page.metadata
FROM (SELECT count(*) AS total FROM matching) total
LEFT JOIN LATERAL (
    SELECT * FROM matching ORDER BY provider_id, model_id LIMIT :#limit OFFSET :#offset
) page ON true
