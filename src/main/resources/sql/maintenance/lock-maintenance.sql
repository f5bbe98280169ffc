-- Maintenance runs never overlap, whoever starts them (schedule, API, CLI, another replica):
-- one transaction-scoped advisory lock, released by commit, rollback or a lost connection.
SELECT pg_advisory_xact_lock(hashtext('ghost-records-maintenance'))
