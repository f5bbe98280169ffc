package dev.ghostrecords.feeds;

/** Feed ingestions, newest first, as {@code sql/feeds/select-ingestions.sql} takes it. */
public record IngestionQuery(String providerId, int limit) {
}
