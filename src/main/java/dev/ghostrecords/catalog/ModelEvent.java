package dev.ghostrecords.catalog;

import java.time.OffsetDateTime;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** One lifecycle change of the audit trail ({@code model_event}). */
@Schema(name = "ModelEvent", description = "One lifecycle change in the audit trail",
        requiredProperties = {"id", "providerId", "modelId", "kind", "source", "at", "detail"})
public record ModelEvent(long id, String providerId, String modelId,
                         @Schema(allowableValues = {"DISCOVERED", "REACTIVATED", "DEACTIVATED", "PURGED", "CHANGED", "GHOST", "RETIRING"}) String kind,
                         @Schema(nullable = true) String source, OffsetDateTime at,
                         @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE, nullable = true, description = "the reason, the run: any JSON object")
                         Map<String, Object> detail) {
}
