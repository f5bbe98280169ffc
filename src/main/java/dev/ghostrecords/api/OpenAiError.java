package dev.ghostrecords.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** The 4xx and 503 answers under /v1/, in OpenAI's shape, so the OpenAI SDKs fill {@code e.code} and {@code e.type}. */
@Schema(name = "OpenAiError", description = "Every 4xx and 503 answer under /v1/, as OpenAI's API gives them",
        requiredProperties = "error")
public record OpenAiError(Detail error) {

    /** OpenAI's words for a status: {@code type} as its API gives it, {@code code} a stable name for the case. */
    public static OpenAiError of(int status, String path, String message) {
        String type = status >= 500 ? "server_error" : status == 401 ? "authentication_error" : "invalid_request_error";
        String code = switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "invalid_api_key";
            case 404 -> path.startsWith("/v1/models/") ? "model_not_found" : "unknown_url";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "request_too_large";
            case 415 -> "unsupported_media_type";
            case 503 -> "service_unavailable";
            default -> "internal_error";
        };
        return new OpenAiError(new Detail(message, type, code));
    }

    @Schema(name = "OpenAiErrorDetail", requiredProperties = {"message", "type", "code"})
    public record Detail(@Schema(example = "no model 'openai/nope'") String message,
                         @Schema(example = "invalid_request_error") String type,
                         @Schema(example = "model_not_found", nullable = true) String code) {
    }
}
