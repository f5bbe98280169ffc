-- The baseline: PostgreSQL upserting the same feed by itself, through psql (-v file=... -v provider=...).
\set content `cat :file`
INSERT INTO provider (id) VALUES (:'provider') ON CONFLICT DO NOTHING;
INSERT INTO model AS m (provider_id, model_id, name, context_window, metadata, is_active, source,
                        first_seen_at, last_seen_at, last_indexed_at)
SELECT :'provider', e ->> 'id', e ->> 'display_name', (e ->> 'context_length')::bigint, e, true, 'INDEX',
       now(), now(), now()
FROM jsonb_array_elements((:'content')::jsonb -> 'data') AS e
ON CONFLICT (provider_id, model_id) DO UPDATE SET
    name = excluded.name, context_window = excluded.context_window, metadata = excluded.metadata,
    is_active = true, deactivated_at = NULL, last_seen_at = excluded.last_seen_at,
    last_indexed_at = excluded.last_indexed_at;
