-- detail.changes keeps {"from": old, "to": null} when a feed drops a value (a price, a retirement
-- date): V8 stripped nulls at every depth, so a change to null lost its "to" (and one from null its
-- "from"). Only the absent top-level keys (file, run, reason, changes) are left out now.
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
        GROUP BY e.provider_id, e.kind
    ) r
    WHERE ghost_notify(r.kind);
    RETURN NULL;
END
$$;
