-- The merge sorts the staged entries (metadata included) twice; with the default 4 MB each sort of
-- a 100,000-model feed spills ~25 MB to disk. For this transaction only.
SET LOCAL work_mem = '64MB'
