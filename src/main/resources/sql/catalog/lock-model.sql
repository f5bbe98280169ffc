SELECT is_active, source FROM model WHERE provider_id = :#providerId AND model_id = :#modelId FOR UPDATE
