-- A fetch starts as RUNNING (a crash leaves it so, visibly); finished by finish-fetch.sql.
-- FETCH is a reserved word in PostgreSQL: the table is always written "fetch".
INSERT INTO "fetch" (provider_id, started_at, status)
VALUES (:#providerId, clock_timestamp(), 'RUNNING')
RETURNING id
