package dev.ghostrecords.catalog;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A model as clients send it (an inference event, a manual model):
 * {@code {"providerId","modelId","modelName"?,"metadata"?}}, checked field by field so the error
 * names what is wrong and where. The provider id is normalised ({@link ProviderIds}).
 */
public record ModelInput(String providerId, String modelId, String modelName, Long contextWindow, String metadata) {

    /** Longest ids and names taken; longer ones are refused with 400 (documented in the README). */
    public static final int MAX_PROVIDER_ID = 128;
    public static final int MAX_MODEL_ID = 1024;
    public static final int MAX_NAME = 1024;

    /** @param where how the error names this object, e.g. "event [3]" */
    public static ModelInput parse(JsonNode node, String where, boolean withMetadata) {
        if (node == null || !node.isObject()) {
            throw new CatalogException.Invalid(where + ": expected a JSON object");
        }
        String providerId = ProviderIds.normalize(text(node, "providerId", where, true, MAX_PROVIDER_ID));
        String modelId = text(node, "modelId", where, true, MAX_MODEL_ID);
        if (!withMetadata) {
            return new ModelInput(providerId, modelId, null, null, null);
        }
        String modelName = text(node, "modelName", where, false, MAX_NAME);
        JsonNode metadata = node.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            throw new CatalogException.Invalid(where + ": metadata must be a JSON object");
        }
        boolean hasMetadata = metadata != null && metadata.isObject();
        if (hasMetadata && metadata.toString().contains("\\u0000")) {
            throw new CatalogException.Invalid(where + ": metadata must not contain the character U+0000");
        }
        Long contextWindow = null;
        if (hasMetadata && metadata.has("contextWindow")) {
            JsonNode window = metadata.get("contextWindow");
            if (!window.canConvertToExactIntegral() || !window.canConvertToLong() || window.longValue() <= 0) {
                throw new CatalogException.Invalid(where + ": metadata.contextWindow must be a positive integer");
            }
            contextWindow = window.longValue();
        }
        return new ModelInput(providerId, modelId, modelName, contextWindow, hasMetadata ? metadata.toString() : null);
    }

    private static String text(JsonNode node, String field, String where, boolean required, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new CatalogException.Invalid(where + ": " + field + " is missing");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new CatalogException.Invalid(where + ": " + field + " must be a string, got " + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        String text = value.textValue();
        if (required && text.isBlank()) {
            throw new CatalogException.Invalid(where + ": " + field + " is empty");
        }
        if (text.length() > maxLength) {
            throw new CatalogException.Invalid(where + ": " + field + " is longer than " + maxLength + " characters");
        }
        if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new CatalogException.Invalid(where + ": " + field + " must not contain control characters");
        }
        return text;
    }
}
