-- feed.failing, once per failing streak: a provider whose last 3 outcomes (file ingestions and
-- fetches together, newest first) all FAILED. The key is released when its latest outcome
-- succeeds (OK, or EMPTY for a file), so the next streak of 3 is raised again.
WITH outcomes AS (
    SELECT provider_id, started_at AS at, status = 'FAILED' AS failed, error, 'file ' || file_name AS what
    FROM ingestion
    WHERE status IN ('OK', 'EMPTY', 'FAILED') AND provider_id IS NOT NULL
    UNION ALL
    SELECT provider_id, started_at, status = 'FAILED', error, 'fetch'
    FROM "fetch"
    WHERE status IN ('OK', 'FAILED')
), ranked AS (
    SELECT o.*, row_number() OVER (PARTITION BY provider_id ORDER BY at DESC) AS rn
    FROM outcomes o
), latest AS (
    SELECT provider_id, count(*) AS outcomes, bool_and(failed) AS all_failed,
           max(error) FILTER (WHERE rn = 1) AS last_error, max(what) FILTER (WHERE rn = 1) AS last_what,
           bool_or(failed) FILTER (WHERE rn = 1) AS latest_failed
    FROM ranked
    WHERE rn <= 3
    GROUP BY provider_id
), ended AS (
    UPDATE notification n SET dedupe_key = NULL
    FROM latest l
    WHERE n.kind = 'feed.failing' AND n.dedupe_key IS NOT NULL AND n.provider_id = l.provider_id
      AND NOT l.latest_failed
), failing AS (
    SELECT gen_random_uuid() AS id, l.*, jsonb_build_array('feed.failing', l.provider_id)::text AS dedupe_key
    FROM latest l
    WHERE l.outcomes = 3 AND l.all_failed AND ghost_notify('feed.failing')
)
INSERT INTO notification (id, kind, provider_id, payload, dedupe_key)
SELECT f.id, 'feed.failing', f.provider_id,
       notification_payload(f.id, 'feed.failing', f.provider_id, NULL,
           jsonb_build_object('failures', 3, 'lastError', f.last_error),
           f.provider_id || ': its feed failed 3 times in a row (the catalog keeps its models); last: '
               || f.last_what || ': ' || coalesce(f.last_error, 'no reason recorded')),
       f.dedupe_key
FROM failing f
ORDER BY f.provider_id
ON CONFLICT (dedupe_key) DO NOTHING
