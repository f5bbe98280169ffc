package dev.ghostrecords.feeds;

import java.util.List;

/**
 * What one feed file did to the catalog.
 *
 * @param skippedEntries the first few entries left out, each {@code entry N: reason} (see Skips)
 */
public record IngestionResult(String fileName, String providerId, Status status, int ingested, int skipped,
                              List<String> skippedEntries, String error) {

    public IngestionResult {
        skippedEntries = skippedEntries == null ? List.of() : List.copyOf(skippedEntries);
    }

    IngestionResult(String fileName, String providerId, Status status, int ingested, Skips skips) {
        this(fileName, providerId, status, ingested, skips.count(), skips.named(), null);
    }

    /** Nothing read: already ingested, or failed with {@code error}. */
    static IngestionResult without(String fileName, String providerId, Status status, String error) {
        return new IngestionResult(fileName, providerId, status, 0, 0, List.of(), error);
    }

    /** {@code 0}, or {@code 3 (entry 4: no id; entry 9: blank id; ...)}: the watcher's line and seed's. */
    public String skippedText() {
        return Skips.describe(skipped, skippedEntries);
    }

    public enum Status {
        /** models applied */
        OK,
        /** no model listed: nothing changed, the provider's feed is not fresh */
        EMPTY,
        /** not a list of models: nothing changed */
        FAILED,
        /** this file version was already ingested (by an earlier run or another replica) */
        SKIPPED
    }

    /** The line {@code seed} prints and the watcher logs. */
    public String summary() {
        String outcome = switch (status) {
            case OK -> "ingested " + ingested + ", skipped " + skippedText();
            case EMPTY -> skipped == 0 ? "empty feed, nothing changed"
                    : "empty feed, nothing changed (skipped " + skippedText() + ")";
            case FAILED -> "FAILED: " + error;
            case SKIPPED -> "already ingested, skipped";
        };
        return providerId + " <- " + fileName + ": " + outcome;
    }

    public boolean failed() {
        return status == Status.FAILED;
    }
}
