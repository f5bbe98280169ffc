package dev.ghostrecords.fetch;

/** How a fetch ended, as {@code sql/fetch/finish-fetch.sql} records it on its row. */
public record FetchOutcome(long id, String status, Integer httpStatus, int attempts, int pages, Integer models,
                           String fileName, String error) {
}
