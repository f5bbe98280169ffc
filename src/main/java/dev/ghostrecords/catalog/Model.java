package dev.ghostrecords.catalog;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** One model of the catalog, as {@code GET /api/model} and the other catalog answers give it; times are UTC. */
@Schema(name = "Model", description = "One model of the catalog; times are ISO-8601 UTC",
        requiredProperties = {"providerId", "modelId", "name", "contextWindow", "maxOutputTokens", "pricing", "retiresAt",
                "deprecated", "isActive", "source", "firstSeenAt", "lastSeenAt", "lastIndexedAt", "lastInferenceAt",
                "deactivatedAt", "metadata"})
public record Model(
        @Schema(example = "openai") String providerId,
        @Schema(description = "as a client passes it when it calls the model; may hold '/', ':', '@'", example = "gpt-4o")
        String modelId,
        @Schema(nullable = true) String name,
        @Schema(nullable = true) Long contextWindow,
        @Schema(nullable = true, description = "none for an embedding model, which writes no tokens") Long maxOutputTokens,
        @Schema(nullable = true, description = "USD per token: {\"prompt\": 0.0000025, \"completion\": 0.00001} and the feed's other prices")
        Map<String, BigDecimal> pricing,
        @Schema(nullable = true, description = "the provider's announced retirement date") OffsetDateTime retiresAt,
        @Schema(nullable = true) Boolean deprecated,
        boolean isActive,
        @Schema(allowableValues = {"INDEX", "INFERENCE", "MANUAL"}, description = "provenance; never overwritten") String source,
        OffsetDateTime firstSeenAt,
        @Schema(description = "the latest sighting of any kind") OffsetDateTime lastSeenAt,
        @Schema(nullable = true) OffsetDateTime lastIndexedAt,
        @Schema(nullable = true) OffsetDateTime lastInferenceAt,
        @Schema(nullable = true) OffsetDateTime deactivatedAt,
        @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE, description = "the provider's raw entry (or the metadata an event or a person gave): any JSON object")
        Map<String, Object> metadata) {
}
