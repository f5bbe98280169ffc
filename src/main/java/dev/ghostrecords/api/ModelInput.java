package dev.ghostrecords.api;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code {"providerId","modelId","modelName"?,"metadata"?}} as clients send it, checked field by
 * field so the error names what is wrong and where.
 */
public record ModelInput(String providerId, String modelId, String modelName, Long contextWindow, String metadata) {

    /** Longest ids and names taken; longer ones are refused with 400 (documented in the README). */
    public static final int MAX_PROVIDER_ID = 128;
    public static final int MAX_MODEL_ID = 1024;
    public static final int MAX_NAME = 1024;

    /** @param where how the error names this object, e.g. "event [3]" */
    public static ModelInput parse(JsonNode node, String where, boolean withMetadata) {
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest(where + ": expected a JSON object");
        }
        String providerId = text(node, "providerId", where, true, MAX_PROVIDER_ID).toLowerCase(Locale.ROOT);
        String modelId = text(node, "modelId", where, true, MAX_MODEL_ID);
        if (!withMetadata) {
            return new ModelInput(providerId, modelId, null, null, null);
        }
        String modelName = text(node, "modelName", where, false, MAX_NAME);
        JsonNode metadata = node.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            throw ApiException.badRequest(where + ": metadata must be a JSON object");
        }
        boolean hasMetadata = metadata != null && metadata.isObject();
        if (hasMetadata && metadata.toString().contains("\\u0000")) {
            throw ApiException.badRequest(where + ": metadata must not contain the character U+0000");
        }
        Long contextWindow = null;
        if (hasMetadata && metadata.has("contextWindow")) {
            JsonNode window = metadata.get("contextWindow");
            if (!window.canConvertToExactIntegral() || !window.canConvertToLong() || window.longValue() <= 0) {
                throw ApiException.badRequest(where + ": metadata.contextWindow must be a positive integer");
            }
            contextWindow = window.longValue();
        }
        return new ModelInput(providerId, modelId, modelName, contextWindow, hasMetadata ? metadata.toString() : null);
    }

    private static String text(JsonNode node, String field, String where, boolean required, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw ApiException.badRequest(where + ": " + field + " is missing");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(where + ": " + field + " must be a string, got " + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        String text = value.textValue();
        if (required && text.isBlank()) {
            throw ApiException.badRequest(where + ": " + field + " is empty");
        }
        if (text.length() > maxLength) {
            throw ApiException.badRequest(where + ": " + field + " is longer than " + maxLength + " characters");
        }
        if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ApiException.badRequest(where + ": " + field + " must not contain control characters");
        }
        return text;
    }
}
