-- The LiteLLM cost map's rows (run by Jdbi, read from a cursor): every model, or only the active
-- (or inactive) ones. A model of a LiteLLM-style map keeps the key it had there (its entry's "id", which
-- FeedReader sets to the map's key); any other model is <providerId>/<modelId>. Two models may end on
-- one key (two providers ingesting the same LiteLLM map): the map holds one of them, the active one,
-- else the one seen last, so no key repeats. ghostHours is the stale window, as GET /api/models?ghost=true.
WITH exported AS (
    SELECT CASE WHEN jsonb_typeof(m.metadata -> 'litellm_provider') = 'string'
                 AND jsonb_typeof(m.metadata -> 'id') = 'string'
                THEN m.metadata ->> 'id'
                ELSE m.provider_id || '/' || m.model_id END COLLATE "C" AS key,
           m.provider_id, m.model_id, m.context_window, m.max_output_tokens, m.pricing::text AS pricing,
           m.retires_at, m.is_active, m.source, m.first_seen_at, m.last_seen_at,
           (m.last_inference_at > now() - make_interval(secs => :ghostHours::float8 * 3600)
            AND p.last_index_at IS NOT NULL
            AND (m.last_indexed_at IS NULL OR m.last_indexed_at < p.last_index_at)) AS ghost,
           CASE WHEN jsonb_typeof(m.metadata -> 'litellm_provider') = 'string'
                THEN m.metadata ->> 'litellm_provider' END AS litellm_provider,
           CASE WHEN jsonb_typeof(m.metadata -> 'mode') = 'string' THEN m.metadata ->> 'mode' END AS mode,
           -- as FeedFields.isEmbedding: LiteLLM's mode, Together's type, or Gemini's embed-only methods
           (m.metadata ->> 'mode' = 'embedding' OR m.metadata ->> 'type' = 'embedding'
            OR (jsonb_typeof(m.metadata -> 'supportedGenerationMethods') = 'array'
                AND jsonb_array_length(m.metadata -> 'supportedGenerationMethods') > 0
                AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(m.metadata -> 'supportedGenerationMethods') g
                                WHERE coalesce(g #>> '{}', '') NOT LIKE 'embed%'))) AS embedding,
           (SELECT jsonb_object_agg(f.key, f.value) FROM jsonb_each(m.metadata) f
            WHERE f.key LIKE 'supports\_%' AND jsonb_typeof(f.value) = 'boolean')::text AS supports
    FROM model m
    JOIN provider p ON p.id = m.provider_id
    WHERE (:active::boolean IS NULL OR m.is_active = :active::boolean)
)
SELECT DISTINCT ON (key) *
FROM exported
ORDER BY key, is_active DESC, last_seen_at DESC
