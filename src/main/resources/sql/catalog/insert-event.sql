INSERT INTO model_event (provider_id, model_id, kind, source, detail)
VALUES (:#providerId, :#modelId, :#kind, :#source, :#detail::jsonb)
