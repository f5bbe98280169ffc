-- pg_hba.conf of the embedded server was just rewritten (trust -> scram-sha-256): read it again,
-- so from now on every connection needs the password
SELECT pg_reload_conf()
