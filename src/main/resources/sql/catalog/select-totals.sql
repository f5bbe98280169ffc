SELECT count(*)                                     AS total,
       count(*) FILTER (WHERE is_active)            AS active,
       count(*) FILTER (WHERE source = 'INDEX')     AS index_models,
       count(*) FILTER (WHERE source = 'INFERENCE') AS inference_models,
       count(*) FILTER (WHERE source = 'MANUAL')    AS manual_models
FROM model
