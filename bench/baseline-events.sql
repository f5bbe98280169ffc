-- The baseline for inference events: PostgreSQL applying 10,000 events (distinct models) as one
-- upsert statement, through psql (-v file=... -v provider=...): a chunk of bench/kafka.sh's events.
\set content `cat :file`
INSERT INTO provider (id) VALUES (:'provider') ON CONFLICT DO NOTHING;
INSERT INTO model AS m (provider_id, model_id, metadata, is_active, source, first_seen_at, last_seen_at, last_inference_at)
SELECT :'provider', e ->> 'modelId', '{}', true, 'INFERENCE', now(), now(), now()
FROM jsonb_array_elements((:'content')::jsonb) AS e
ON CONFLICT (provider_id, model_id) DO UPDATE SET
    is_active = true, deactivated_at = NULL, last_seen_at = excluded.last_seen_at,
    last_inference_at = excluded.last_inference_at;
