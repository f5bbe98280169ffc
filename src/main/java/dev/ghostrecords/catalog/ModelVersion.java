package dev.ghostrecords.catalog;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** One version of a model's normalised fields ({@code model_version}). */
@Schema(name = "ModelVersion", description = "One version of a model's normalised fields",
        requiredProperties = {"validFrom", "validTo", "name", "contextWindow", "maxOutputTokens", "pricing", "retiresAt", "deprecated"})
public record ModelVersion(OffsetDateTime validFrom,
                           @Schema(nullable = true, description = "null: the current version") OffsetDateTime validTo,
                           @Schema(nullable = true) String name, @Schema(nullable = true) Long contextWindow,
                           @Schema(nullable = true) Long maxOutputTokens,
                           @Schema(nullable = true, description = "USD per token") Map<String, BigDecimal> pricing,
                           @Schema(nullable = true) OffsetDateTime retiresAt, @Schema(nullable = true) Boolean deprecated) {

    /** {@code GET /api/model/history}: a model's versions, oldest first. */
    @Schema(name = "ModelHistory", description = "A model's versions, oldest first", requiredProperties = "versions")
    public record History(List<ModelVersion> versions) {
    }
}
