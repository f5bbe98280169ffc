package dev.ghostrecords.changes;

import java.time.OffsetDateTime;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** One lifecycle change as {@code GET /api/changes} hands it out. */
@Schema(name = "Change", description = "One lifecycle change of the audit trail",
        requiredProperties = {"cursor", "kind", "at", "provider", "model", "detail"})
public record Change(
        @Schema(description = "this change's position: pass it as after to go on after it") String cursor,
        @Schema(allowableValues = {"model.discovered", "model.changed", "model.deactivated", "model.reactivated",
                "model.purged", "model.ghost", "model.retiring"}) String kind,
        @Schema(description = "when the change was made (its transaction's time), ISO-8601 UTC") OffsetDateTime at,
        @Schema(description = "provider id") String provider,
        @Schema(description = "model id") String model,
        @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                description = "what the audit trail holds: the file, the run, the reason; changes {field: {from, to}} for model.changed")
        Map<String, Object> detail) {
}
