package dev.ghostrecords.fetch;

/** Recent fetches, newest first, as {@code sql/fetch/select-fetches.sql} takes it. */
public record FetchQuery(String providerId, int limit) {
}
