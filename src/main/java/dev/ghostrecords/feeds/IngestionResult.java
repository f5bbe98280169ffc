package dev.ghostrecords.feeds;

/** What one feed file did to the catalog. */
public record IngestionResult(String fileName, String providerId, Status status, int ingested, int skipped,
                              String error) {

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
            case OK -> "ingested " + ingested + ", skipped " + skipped;
            case EMPTY -> skipped == 0 ? "empty feed, nothing changed"
                    : "empty feed, nothing changed (skipped " + skipped + " entries without an id)";
            case FAILED -> "FAILED: " + error;
            case SKIPPED -> "already ingested, skipped";
        };
        return providerId + " <- " + fileName + ": " + outcome;
    }

    public boolean failed() {
        return status == Status.FAILED;
    }
}
