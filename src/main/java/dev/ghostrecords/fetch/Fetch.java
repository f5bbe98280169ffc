package dev.ghostrecords.fetch;

import java.time.OffsetDateTime;

/** One provider fetch as its {@code "fetch"} row holds it (and the API shows it). */
public record Fetch(long id, String providerId, OffsetDateTime startedAt, OffsetDateTime finishedAt, String status,
                    Integer httpStatus, int attempts, int pages, Integer models, String fileName, String error) {

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
