package dev.ghostrecords.feeds;

import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.media.Schema;

/** One feed file's ingestion run, as its {@code ingestion} row holds it ({@code GET /api/ingestions}). */
@Schema(name = "Ingestion", description = "One feed file's ingestion run",
        requiredProperties = {"id", "fileName", "providerId", "fileSize", "fileModifiedAt", "startedAt", "finishedAt", "status",
                "modelsIngested", "modelsSkipped", "error"})
public record Ingestion(long id, String fileName, String providerId, @Schema(nullable = true) Long fileSize,
                        @Schema(nullable = true) OffsetDateTime fileModifiedAt, OffsetDateTime startedAt,
                        @Schema(nullable = true) OffsetDateTime finishedAt,
                        @Schema(allowableValues = {"OK", "EMPTY", "FAILED"}) String status,
                        @Schema(nullable = true) Long modelsIngested, @Schema(nullable = true) Long modelsSkipped,
                        @Schema(nullable = true, description = "the reason, for FAILED: file and position") String error) {
}
