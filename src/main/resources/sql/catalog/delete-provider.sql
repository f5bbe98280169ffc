-- DELETE /api/providers/{id}: the provider row goes only while it holds no model (a row left by a
-- broken or mistyped feed file). The row returned is the provider as it was (the outer SELECT sees the
-- snapshot before the delete): no row = unknown, deleted = false = it still holds models.
WITH deleted AS (
    DELETE FROM provider p
    WHERE p.id = :#providerId AND NOT EXISTS (SELECT 1 FROM model m WHERE m.provider_id = p.id)
    RETURNING p.id
)
SELECT p.id AS provider_id,
       (SELECT count(*) FROM model m WHERE m.provider_id = p.id) AS models,
       EXISTS (SELECT 1 FROM deleted) AS deleted
FROM provider p
WHERE p.id = :#providerId
