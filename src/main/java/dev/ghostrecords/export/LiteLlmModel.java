package dev.ghostrecords.export;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One entry of the LiteLLM cost map, as {@link Exports#litellm} writes it and the OpenAPI document
 * describes it. Only keys of LiteLLM's own schema (its test of the map refuses any other), the
 * catalog's facts under {@code metadata}, which that schema allows. Absent values are left out.
 */
@Schema(name = "LiteLlmModel", description = "A model as LiteLLM's model_prices_and_context_window.json has it; costs in USD per token",
        requiredProperties = {"litellm_provider", "mode", "metadata"},
        additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LiteLlmModel(
        @Schema(description = "the LiteLLM map's own for a model ingested from one; else the provider id, google as gemini", example = "openai")
        String litellm_provider,
        @Schema(description = "the model's own where its feed says it, else chat; embedding models write no tokens",
                allowableValues = {"audio_speech", "audio_transcription", "chat", "completion", "container", "image_edit", "embedding",
                        "image_generation", "video_generation", "moderation", "rerank", "realtime", "responses", "ocr", "search", "vector_store"})
        String mode,
        @Schema(description = "the context window") Long max_input_tokens,
        Long max_output_tokens,
        @Schema(description = "max_output_tokens again (LiteLLM's older name)") Long max_tokens,
        BigDecimal input_cost_per_token,
        BigDecimal output_cost_per_token,
        BigDecimal cache_read_input_token_cost,
        BigDecimal cache_creation_input_token_cost,
        @Schema(description = "the retirement date, YYYY-MM-DD", example = "2026-06-30") String deprecation_date,
        Facts metadata,
        @JsonIgnore @Schema(hidden = true) Map<String, Boolean> supports) {

    /** The {@code supports_*} flags a feed gave, as keys of the entry itself. */
    @JsonAnyGetter
    public Map<String, Boolean> supportsFlags() {
        return supports;
    }

    /** The catalog's own facts of the model; the {@code supports_*} flags a feed gave sit beside the fields above. */
    @Schema(name = "LiteLlmModelFacts", requiredProperties = {"source", "isActive", "firstSeenAt", "lastSeenAt", "ghost"})
    public record Facts(@Schema(allowableValues = {"INDEX", "INFERENCE", "MANUAL"}) String source, boolean isActive,
                        OffsetDateTime firstSeenAt, OffsetDateTime lastSeenAt,
                        @Schema(description = "inference used it within the stale window, its provider's latest fresh feed did not list it")
                        boolean ghost) {
    }

    /** The whole map, keyed by model, for the OpenAPI document (a Map type would be described as a string). */
    @Schema(name = "LiteLlmCostMap", description = "LiteLLM's model cost map: model -> entry", additionalPropertiesSchema = LiteLlmModel.class)
    public record CostMap() {
    }
}
