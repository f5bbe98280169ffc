-- GET /api/changes: the changes after the cursor (afterTx, afterId) in (tx, id) order, only those of
-- transactions older than this statement's snapshot xmin: every such transaction has finished, so
-- no change can commit later at a position before the ones handed out (ids are taken before commit
-- and commit out of order; a transaction's xid is below xmin only once no snapshot can see it running).
-- At most :#scan changes are looked at (the filters may skip most of them) and :#limit of those that
-- match handed out; each row says where the look ended, so next moves past skipped changes too.
-- No match: one row with the end alone; nothing after the cursor: no row.
WITH scanned AS (
    SELECT e.tx, e.id, e.provider_id, e.model_id, e.kind, e.source, e.at, e.detail
    FROM model_event e
    WHERE (e.tx, e.id) > (:#afterTx::text::xid8, :#afterId::bigint)
      AND e.tx < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY e.tx, e.id
    LIMIT :#scan
), matched AS (
    SELECT * FROM scanned s
    WHERE (:#providerId::text IS NULL OR s.provider_id = :#providerId::text)
      AND (:#kind::text IS NULL OR s.kind = :#kind::text)
    ORDER BY s.tx, s.id
    LIMIT :#limit
), scan_end AS (
    SELECT s.tx AS scan_tx, s.id AS scan_id FROM scanned s ORDER BY s.tx DESC, s.id DESC LIMIT 1
)
SELECT b.scan_tx::text AS scan_tx, b.scan_id,
       m.tx::text AS tx, m.id, m.provider_id, m.model_id, m.kind, m.source, m.at, m.detail
FROM scan_end b
LEFT JOIN matched m ON true
ORDER BY m.tx, m.id
