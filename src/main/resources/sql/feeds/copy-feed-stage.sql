COPY feed_stage (seq, model_id, name, context_window, max_output_tokens, pricing, retires_at, deprecated, metadata) FROM STDIN
