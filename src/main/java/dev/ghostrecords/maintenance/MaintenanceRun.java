package dev.ghostrecords.maintenance;

import java.time.OffsetDateTime;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** A recorded maintenance run ({@code GET /api/maintenance/runs}). */
@Schema(name = "MaintenanceRun", description = "A recorded maintenance run",
        requiredProperties = {"id", "job", "startedAt", "finishedAt", "dryRun", "result"})
public record MaintenanceRun(long id, @Schema(allowableValues = {"mark-stale", "purge"}) String job, OffsetDateTime startedAt,
                             @Schema(nullable = true) OffsetDateTime finishedAt, boolean dryRun,
                             @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE, nullable = true, description = "the run's StaleRun or PurgeRun: any JSON object")
                             Map<String, Object> result) {
}
