package dev.ghostrecords.export;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The models.dev shapes opencode reads ({@code OPENCODE_MODELS_URL}): its zod schema requires a model's
 * id, name, release_date, attachment, reasoning, temperature, tool_call, limit and options.
 */
public final class ModelsDev {

    private ModelsDev() {
    }

    @Schema(name = "ModelsDevProvider", description = "A provider and its active models; written as it streams by Exports.modelsDev",
            requiredProperties = {"id", "name", "env", "models"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Provider(String id, String name,
                           @Schema(description = "the variable holding its key: the providers file's keyEnv, or the provider's usual one")
                           List<String> env,
                           @Schema(nullable = true, description = "the AI SDK package opencode calls it with") String npm,
                           @Schema(nullable = true, description = "its OpenAI-compatible base URL, from the providers file") String api,
                           Map<String, Model> models) {
    }

    @Schema(name = "ModelsDevModel", requiredProperties = {"id", "name", "release_date", "attachment", "reasoning", "temperature",
            "tool_call", "limit", "modalities", "options"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Model(String id, String name,
                        @Schema(description = "YYYY-MM-DD: the feed's, else the day the catalog first saw it") String release_date,
                        boolean attachment, boolean reasoning, boolean temperature, boolean tool_call,
                        @Schema(nullable = true, description = "absent when the catalog knows no price") Cost cost,
                        Limit limit, Modalities modalities,
                        @Schema(nullable = true, allowableValues = "deprecated", description = "deprecated or retiring") String status,
                        @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE) Map<String, Object> options) {
    }

    @Schema(name = "ModelsDevCost", description = "USD per million tokens", requiredProperties = {"input", "output"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cost(BigDecimal input, BigDecimal output, BigDecimal cache_read, BigDecimal cache_write) {
    }

    @Schema(name = "ModelsDevLimit", description = "tokens; 0 when unknown", requiredProperties = {"context", "output"})
    public record Limit(long context, long output) {
    }

    @Schema(name = "ModelsDevModalities", requiredProperties = {"input", "output"})
    public record Modalities(List<String> input, List<String> output) {
    }

    /** The whole document, keyed by provider id, for the OpenAPI document (a Map type would be described as a string). */
    @Schema(name = "ModelsDevApi", description = "models.dev's api.json: provider id -> provider", additionalPropertiesSchema = Provider.class)
    public record Api() {
    }
}
