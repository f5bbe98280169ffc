package dev.ghostrecords.catalog;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One model's key; the provider id normalised ({@link ProviderIds}), the model id exactly as given.
 * Also the one rule for a model id to be stored ({@link #modelIdProblem}), whatever way it comes in.
 */
@Schema(name = "ModelKey", requiredProperties = {"providerId", "modelId"})
public record ModelKey(@Schema(example = "openai") String providerId, @Schema(example = "gpt-4o") String modelId) {

    public static final int MAX_MODEL_ID = 1024;
    /** The rule, as feeds and refusals state it. */
    public static final String MODEL_ID_RULE = "a model id is 1-" + MAX_MODEL_ID + " characters without control characters";

    public ModelKey {
        providerId = ProviderIds.normalize(providerId);
    }

    /**
     * Why {@code modelId} cannot be stored ("is empty", "is longer than 1024 characters", "must not
     * contain control characters"), or null when it can: every id stored must read back through
     * /api/model and /v1/models/{id}, whose query parameters refuse control characters.
     */
    public static String modelIdProblem(String modelId) {
        if (modelId == null || modelId.isBlank()) {
            return "is empty";
        }
        if (modelId.length() > MAX_MODEL_ID) {
            return "is longer than " + MAX_MODEL_ID + " characters";
        }
        if (hasControlCharacter(modelId)) {
            return "must not contain control characters";
        }
        return null;
    }

    /** C0 controls and DEL: what a query parameter may not hold ({@link QueryParams#plain}). */
    static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    @Override
    public String toString() {
        return providerId + "/" + modelId;
    }
}
