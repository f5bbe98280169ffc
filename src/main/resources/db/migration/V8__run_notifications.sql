-- Webhook notifications (DESIGN.md "History, retirement and notifications"): the outbox rows of
-- the lifecycle kinds are written by a trigger on model_event, so every writer of the audit trail
-- (feed merge, inference batch, mark stale, purge, manual add and reactivation, and any statement
-- added later) queues them in its own transaction, with no code of its own.

-- The webhooks that have taken a notification, each as the SHA-256 hex of its URL: a retry goes
-- only to the others, and no URL (a Slack webhook URL is a secret) is stored.
ALTER TABLE notification ADD COLUMN delivered_to text[] NOT NULL DEFAULT '{}';

-- The kinds this connection's process queues: the setting ghost.notify_kinds, which the service
-- sets on each of its connections from GHOST_WEBHOOK_URLS and GHOST_WEBHOOK_KINDS (unset or empty:
-- no webhooks, nothing is queued). A process without webhooks (a CLI command run without them, a
-- psql session) queues nothing.
CREATE FUNCTION ghost_notify(kind text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT kind = ANY (string_to_array(nullif(current_setting('ghost.notify_kinds', true), ''), ','))
$$;

-- A time as the API writes it: ISO-8601 in UTC, whatever the session's time zone.
CREATE FUNCTION iso_utc(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

-- The webhook body, the same for every kind: {"id","kind","at","provider","model"?,"detail","text"};
-- "at" is the time of the change (the transaction's), ISO-8601 UTC.
CREATE FUNCTION notification_payload(id uuid, kind text, provider text, model text, detail jsonb, text text)
    RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object('id', id, 'kind', kind,
                              'at', iso_utc(now()),
                              'provider', provider, 'detail', detail, 'text', text)
           || CASE WHEN model IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('model', model) END
$$;

-- The one-per-occurrence kinds (model.ghost, model.retiring, sweep.held, feed.failing) are raised
-- with a dedupe_key while the occurrence lasts; when it ends the key is released (set to null), so
-- the next occurrence is raised again. Released keys are the only ones null among those kinds.
-- The retiring scan reads only the models that carry a date or the flag.
CREATE INDEX model_retiring ON model (provider_id, model_id) WHERE deprecated OR retires_at IS NOT NULL;

-- One notification per statement (a run: one feed merge, one event batch, one sweep), provider and
-- kind, however many models the statement touched: a first feed of 50,000 models is one
-- model.discovered. detail.models holds at most 100 ids; text names the first 10. Only the absent
-- top-level detail keys are left out: detail.changes keeps {"from": old, "to": null} when a feed drops a value.
CREATE FUNCTION queue_run_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF nullif(current_setting('ghost.notify_kinds', true), '') IS NULL THEN
        RETURN NULL;
    END IF;
    INSERT INTO notification (id, kind, provider_id, model_id, created_at, payload)
    SELECT r.id, r.kind, r.provider_id, r.model_id, now(),
           notification_payload(r.id, r.kind, r.provider_id, r.model_id,
               jsonb_build_object('count', r.count, 'models', to_jsonb(r.models[1:100]))
               || (SELECT coalesce(jsonb_object_agg(k, v), '{}'::jsonb)
                   FROM jsonb_each(jsonb_build_object(
                      'file', r.first_detail -> 'file',
                      'run', r.first_detail -> 'run',
                      'reason', CASE WHEN r.count = 1 THEN r.first_detail -> 'reason' END,
                      'changes', CASE WHEN r.count = 1 THEN r.first_detail -> 'changes' END)) AS d(k, v)
                   WHERE jsonb_typeof(v) <> 'null'),
               r.provider_id || ': '
               || CASE r.kind
                      WHEN 'model.discovered' THEN CASE WHEN r.count = 1 THEN 'new model: ' ELSE r.count || ' new models: ' END
                      WHEN 'model.changed' THEN CASE WHEN r.count = 1 THEN 'model changed: ' ELSE r.count || ' models changed: ' END
                      WHEN 'model.deactivated' THEN CASE WHEN r.count = 1 THEN 'model deactivated (not seen for a while): '
                                                         ELSE r.count || ' models deactivated (not seen for a while): ' END
                      WHEN 'model.reactivated' THEN CASE WHEN r.count = 1 THEN 'model active again: ' ELSE r.count || ' models active again: ' END
                      WHEN 'model.purged' THEN CASE WHEN r.count = 1 THEN 'model purged: ' ELSE r.count || ' models purged: ' END
                      ELSE r.count || ' ' || r.kind || ': '
                  END
               || array_to_string(r.models[1:10], ', ')
               || CASE WHEN r.count > 10 THEN ' and ' || (r.count - 10) || ' more' ELSE '' END
               -- one changed model: which fields
               || coalesce(' (' || (SELECT string_agg(k, ', ' ORDER BY k)
                                    FROM jsonb_object_keys(CASE WHEN r.count = 1 AND jsonb_typeof(r.first_detail -> 'changes') = 'object'
                                                                THEN r.first_detail -> 'changes' END) k) || ')', ''))
    FROM (
        SELECT gen_random_uuid() AS id, 'model.' || lower(e.kind) AS kind, e.provider_id, count(*) AS count,
               CASE WHEN count(*) = 1 THEN min(e.model_id) END AS model_id,
               -- sorted, so the ids named are the same on every replay of a run
               (array_agg(e.model_id ORDER BY e.model_id)) AS models,
               (array_agg(e.detail ORDER BY e.model_id))[1] AS first_detail
        FROM new_events e
        GROUP BY e.provider_id, e.kind
    ) r
    WHERE ghost_notify(r.kind);
    RETURN NULL;
END
$$;

-- statement level: fires once per statement with all of its rows, also for the several
-- data-modifying CTEs of one statement (the feed merge)
CREATE TRIGGER model_event_notifications
    AFTER INSERT ON model_event
    REFERENCING NEW TABLE AS new_events
    FOR EACH STATEMENT EXECUTE FUNCTION queue_run_notifications();
