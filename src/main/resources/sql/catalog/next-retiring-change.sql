-- When the clock alone next changes an answer that shows retiring models (?retiring=true): the
-- first retirement date to come within :days days. Null: never (until the data changes).
SELECT min(retires_at) - make_interval(secs => :days * 86400)
FROM model
WHERE NOT deprecated AND retires_at > now() + make_interval(secs => :days * 86400)
