-- When the clock alone next changes the ghosts (?ghost=true): the first inference sighting to
-- leave the stale window of :hours hours (a model becomes a ghost only through a change of data).
SELECT min(last_inference_at) + make_interval(secs => :hours * 3600)
FROM model
WHERE last_inference_at > now() - make_interval(secs => :hours * 3600)
