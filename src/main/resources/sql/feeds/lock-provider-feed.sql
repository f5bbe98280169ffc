-- Two feeds of one provider (two replicas, two files) merge one after the other: the second's merge
-- then reads the first's versions, so it closes the right one and opens the next without a race.
-- Transaction-scoped, taken after COPY: the files are still read and staged side by side.
SELECT pg_advisory_xact_lock(hashtext('ghost-records-feed:' || :providerId))
