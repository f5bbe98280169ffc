INSERT INTO provider (id) VALUES (:providerId) ON CONFLICT (id) DO NOTHING
