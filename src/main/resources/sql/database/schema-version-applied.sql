-- Has Flyway applied this migration (a one-shot command skips Flyway when it has)?
SELECT 1 FROM flyway_schema_history WHERE version = :version AND success
