-- The models.dev export's rows (run by Jdbi, read from a cursor): the active models, by provider.
-- The capabilities opencode asks for are the feed's own where it gave them: models.dev's names, or
-- LiteLLM's supports_* flags; null where no feed said.
SELECT m.provider_id, m.model_id, m.name, m.context_window, m.max_output_tokens, m.pricing::text AS pricing,
       m.first_seen_at,
       -- retiring as GET /api/models?retiring=true has it: deprecated, or retiring within retiringDays (or retired)
       (m.deprecated OR m.retires_at <= now() + make_interval(secs => :retiringDays::float8 * 86400)) AS retiring,
       CASE WHEN m.metadata ->> 'release_date' ~ '^\d{4}-\d{2}-\d{2}' THEN left(m.metadata ->> 'release_date', 10) END AS release_date,
       CASE WHEN jsonb_typeof(m.metadata -> 'attachment') = 'boolean' THEN (m.metadata -> 'attachment')::boolean
            WHEN jsonb_typeof(m.metadata -> 'supports_vision') = 'boolean'
              OR jsonb_typeof(m.metadata -> 'supports_pdf_input') = 'boolean'
            THEN coalesce(m.metadata -> 'supports_vision' = 'true', false) OR coalesce(m.metadata -> 'supports_pdf_input' = 'true', false)
       END AS attachment,
       CASE WHEN jsonb_typeof(m.metadata -> 'reasoning') = 'boolean' THEN (m.metadata -> 'reasoning')::boolean
            WHEN jsonb_typeof(m.metadata -> 'supports_reasoning') = 'boolean' THEN (m.metadata -> 'supports_reasoning')::boolean
       END AS reasoning,
       CASE WHEN jsonb_typeof(m.metadata -> 'tool_call') = 'boolean' THEN (m.metadata -> 'tool_call')::boolean
            WHEN jsonb_typeof(m.metadata -> 'supports_function_calling') = 'boolean'
            THEN (m.metadata -> 'supports_function_calling')::boolean
       END AS tool_call,
       CASE WHEN jsonb_typeof(m.metadata -> 'temperature') = 'boolean' THEN (m.metadata -> 'temperature')::boolean END AS temperature
FROM model m
WHERE m.is_active
ORDER BY m.provider_id, m.model_id
