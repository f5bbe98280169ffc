COPY feed_stage (seq, model_id, name, context_window, metadata) FROM STDIN
