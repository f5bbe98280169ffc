package dev.ghostrecords.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Every 4xx and 503 answer of the API: what is wrong, in words. */
@Schema(name = "Error", description = "Every 4xx and 503 answer", requiredProperties = "error")
public record ApiError(@Schema(description = "what is wrong, in words; names the parameter, field or array index",
        example = "limit must be between 1 and 1000, got 0") String error) {

    /** The error body for a request to this path: under /v1/ in OpenAI's shape, elsewhere this one. */
    public static Object forPath(String path, int status, String message) {
        return path != null && path.startsWith("/v1/") ? OpenAiError.of(status, path, message) : new ApiError(message);
    }
}
