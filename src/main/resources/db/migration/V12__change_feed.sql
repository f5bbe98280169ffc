-- The change feed (GET /api/changes, GET /feeds/changes.atom): every lifecycle change of the audit
-- trail in an order a reader can follow without missing one.

-- Each event row carries the id of the transaction that wrote it. Identity ids are taken before
-- commit, so transactions commit out of id order; a reader hands out only the rows of transactions
-- older than its snapshot's xmin (every one of them finished), in (tx, id) order, so no row can
-- later appear before its cursor. Rows written before this version carry 0: they sort before every
-- new one. A constant default first, so existing rows take it without rewriting the table.
ALTER TABLE model_event ADD COLUMN tx xid8 NOT NULL DEFAULT '0';
ALTER TABLE model_event ALTER COLUMN tx SET DEFAULT pg_current_xact_id();
-- following the feed: a range scan from the cursor, also inside one transaction of 100,000 rows
CREATE INDEX model_event_tx ON model_event (tx, id);

-- Ghosts and retirements are lifecycle changes too: recorded in the audit trail by the scans that
-- find them, whether or not webhooks are configured.
ALTER TABLE model_event DROP CONSTRAINT model_event_kind_check;
ALTER TABLE model_event ADD CONSTRAINT model_event_kind_check
    CHECK (kind IN ('DISCOVERED', 'REACTIVATED', 'DEACTIVATED', 'PURGED', 'CHANGED', 'GHOST', 'RETIRING'));

-- The ghost and retiring occurrences the audit trail holds an event of, keyed like the outbox's
-- dedupe_key (["model.ghost", provider, model], ["model.retiring", provider, model, retires_at]):
-- a scan records an occurrence once, also when replicas scan at once. A ghost's key is removed when
-- it stops being one, so becoming a ghost again is a new event; a retiring key stays.
CREATE TABLE model_occurrence (
    key  text PRIMARY KEY,
    kind text NOT NULL
);

-- The outbox trigger (V8) leaves GHOST and RETIRING events to the scans' own notifications.
CREATE OR REPLACE FUNCTION queue_run_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
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
        -- ghost and retiring events are told by their scans' own notifications
        WHERE e.kind NOT IN ('GHOST', 'RETIRING')
        GROUP BY e.provider_id, e.kind
    ) r
    WHERE ghost_notify(r.kind);
    RETURN NULL;
END
$$;
