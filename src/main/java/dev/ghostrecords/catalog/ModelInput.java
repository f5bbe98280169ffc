package dev.ghostrecords.catalog;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A model as clients send it (an inference event, a manual model):
 * {@code {"providerId","modelId","modelName"?,"metadata"?}}, checked field by field so the error
 * names what is wrong and where. The provider id is normalised ({@link ProviderIds}). The
 * normalised fields come from the metadata's camelCase keys, as the API answers them:
 * {@code contextWindow}, {@code maxOutputTokens}, {@code pricing} (USD per token, numbers),
 * {@code retiresAt} (ISO date or date-time), {@code deprecated}.
 */
public record ModelInput(String providerId, String modelId, String modelName, Long contextWindow, String metadata,
                         Long maxOutputTokens, String pricing, OffsetDateTime retiresAt, Boolean deprecated) {

    /** Only the fields an inference event carries into the catalog. */
    public ModelInput(String providerId, String modelId, String modelName, Long contextWindow, String metadata) {
        this(providerId, modelId, modelName, contextWindow, metadata, null, null, null, null);
    }

    /** Longest ids and names taken; longer ones are refused with 400 (documented in the README). */
    public static final int MAX_PROVIDER_ID = ProviderIds.MAX_LENGTH;
    public static final int MAX_MODEL_ID = ModelKey.MAX_MODEL_ID;
    public static final int MAX_NAME = 1024;
    private static final Set<String> MANUAL_FIELDS = Set.of("providerId", "modelId", "modelName", "metadata");

    /** @param where how the error names this object, e.g. "event [3]" */
    public static ModelInput parse(JsonNode node, String where, boolean withMetadata) {
        return parse(node, where, withMetadata, false);
    }

    /**
     * @param normalised also read (strictly) the normalised fields of a manual model; an inference
     *                   event's metadata stays free-form beyond contextWindow, as it always was
     */
    public static ModelInput parse(JsonNode node, String where, boolean withMetadata, boolean normalised) {
        if (node == null || !node.isObject()) {
            throw new CatalogException.Invalid(where + ": expected a JSON object");
        }
        // the rules every way in shares (feeds, fetch, Kafka, CLI): nothing stored that cannot be read back
        String providerId = ProviderIds.require(where + ": providerId", text(node, "providerId", where, true, MAX_PROVIDER_ID));
        String modelId = text(node, "modelId", where, true, MAX_MODEL_ID);
        String problem = ModelKey.modelIdProblem(modelId);
        if (problem != null) {
            throw new CatalogException.Invalid(where + ": modelId " + problem);
        }
        if (!withMetadata) {
            return new ModelInput(providerId, modelId, null, null, null);
        }
        if (normalised) {
            // a model added by hand is all the catalog knows of it: a field it would drop (the answers'
            // "name", a limit beside metadata) is a mistake to name, not to ignore
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!MANUAL_FIELDS.contains(field)) {
                    throw new CatalogException.Invalid(where + ": unknown field " + ProviderIds.shown(field) + ": a model added by hand is"
                            + " {providerId, modelId, modelName, metadata}; its name is modelName, and contextWindow, maxOutputTokens,"
                            + " pricing, retiresAt and deprecated go in metadata");
                }
            }
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
        if (!hasMetadata || !normalised) {
            return new ModelInput(providerId, modelId, modelName, hasMetadata ? positive(metadata, "contextWindow", where) : null,
                    hasMetadata ? metadata.toString() : null);
        }
        JsonNode deprecated = metadata.get("deprecated");
        if (deprecated != null && !deprecated.isNull() && !deprecated.isBoolean()) {
            throw new CatalogException.Invalid(where + ": metadata.deprecated must be true or false");
        }
        return new ModelInput(providerId, modelId, modelName, positive(metadata, "contextWindow", where), metadata.toString(),
                positive(metadata, "maxOutputTokens", where), pricing(metadata.get("pricing"), where),
                time(metadata.get("retiresAt"), where),
                deprecated == null || deprecated.isNull() ? null : deprecated.booleanValue());
    }

    private static Long positive(JsonNode metadata, String field, String where) {
        JsonNode value = metadata.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToLong() || value.longValue() <= 0) {
            throw new CatalogException.Invalid(where + ": metadata." + field + " must be a positive integer");
        }
        return value.longValue();
    }

    /** {@code {"prompt": n, "completion": n, ...}}: numbers at least 0, USD per token. */
    private static String pricing(JsonNode value, String where) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new CatalogException.Invalid(where + ": metadata.pricing must be an object of prices in USD per token,"
                    + " e.g. {\"prompt\": 0.000003, \"completion\": 0.000015}");
        }
        ObjectNode prices = JsonNodeFactory.withExactBigDecimals(true).objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> price = it.next();
            if (!price.getValue().isNumber() || price.getValue().decimalValue().signum() < 0) {
                throw new CatalogException.Invalid(where + ": metadata.pricing." + price.getKey()
                        + " must be a number at least 0 (USD per token)");
            }
            prices.put(price.getKey(), price.getValue().decimalValue());
        }
        return prices.isEmpty() ? null : prices.toString();
    }

    private static OffsetDateTime time(JsonNode value, String where) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            if (value.isTextual()) {
                String text = value.textValue().strip();
                OffsetDateTime at = text.length() == 10 ? LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC)
                        : OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
                // what timestamptz holds and a person means
                if (at.getYear() >= 1 && at.getYear() <= 9999) {
                    return at;
                }
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw new CatalogException.Invalid(where + ": metadata.retiresAt must be an ISO-8601 date or time,"
                + " e.g. 2026-06-30 or 2026-06-30T00:00:00Z");
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
        if (ModelKey.hasControlCharacter(text)) {
            throw new CatalogException.Invalid(where + ": " + field + " must not contain control characters");
        }
        return text;
    }

    /**
     * The body as clients send it, for the OpenAPI document; {@link #parse} reads it field by field.
     * No other field is declared: a model added by hand refuses one, an inference event ignores it.
     */
    @Schema(name = "ModelInput", description = "An inference event, or a model added by hand (which refuses any other field: 400)",
            requiredProperties = {"providerId", "modelId"}, additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
    public record Body(
            @Schema(maxLength = MAX_PROVIDER_ID, pattern = "^[A-Za-z0-9._-]+$", description = "a slug: 1-128 of a-z, 0-9, '-', '_', '.'; lower-cased on the way in", example = "openai") String providerId,
            @Schema(maxLength = MAX_MODEL_ID, example = "gpt-4o") String modelId,
            @Schema(maxLength = MAX_NAME, nullable = true, example = "GPT-4o") String modelName,
            @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE, nullable = true, description = "any JSON object; contextWindow, maxOutputTokens, pricing,"
                    + " retiresAt and deprecated become the model's fields") Map<String, Object> metadata) {
    }
}
