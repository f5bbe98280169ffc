package dev.ghostrecords.fetch;

import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.media.Schema;

/** One provider fetch as its {@code "fetch"} row holds it (camel-sql maps the row into it) and the API shows it. */
@Schema(name = "Fetch", description = "One provider fetch (provider sync); error never holds a key",
        requiredProperties = {"id", "providerId", "startedAt", "status", "attempts", "pages"})
public record Fetch(long id, String providerId, OffsetDateTime startedAt, @Schema(nullable = true) OffsetDateTime finishedAt,
                    @Schema(allowableValues = {"RUNNING", "OK", "FAILED", "SKIPPED"}) String status,
                    @Schema(nullable = true, description = "the last HTTP status the provider answered") Integer httpStatus,
                    @Schema(description = "requests sent, retries included") int attempts,
                    @Schema(description = "pages received") int pages,
                    @Schema(nullable = true) Integer models,
                    @Schema(nullable = true, description = "the feed file written into the watched folder, for OK") String fileName,
                    @Schema(nullable = true, description = "the reason: the status, the page, the message") String error) {

    /** The line {@code fetch} prints for it. */
    public String summary() {
        return switch (status) {
            case "OK" -> providerId + ": OK " + models + " models -> " + fileName;
            case "SKIPPED" -> providerId + ": SKIPPED (" + error + ")";
            default -> providerId + ": " + status + " " + error;
        };
    }

    public boolean failed() {
        return "FAILED".equals(status);
    }
}
