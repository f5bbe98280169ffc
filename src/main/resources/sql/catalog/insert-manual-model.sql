-- A model added by a person: MANUAL, never deactivated or purged by the scheduled jobs.
INSERT INTO model (provider_id, model_id, name, context_window, metadata, is_active, source,
                   first_seen_at, last_seen_at)
VALUES (:#providerId, :#modelId, :#name, :#contextWindow, coalesce(:#metadata::jsonb, '{}'), true, 'MANUAL',
        now(), now())
ON CONFLICT (provider_id, model_id) DO NOTHING
