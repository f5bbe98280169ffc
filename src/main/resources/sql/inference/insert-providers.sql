INSERT INTO provider (id)
SELECT DISTINCT id FROM unnest(:#providerIds::text[]) AS t(id)
ORDER BY id
ON CONFLICT (id) DO NOTHING
