package dev.ghostrecords.catalog;

/** The audit trail, newest first, as {@code sql/catalog/select-events.sql} takes it; null filters match all. */
public record EventQuery(String providerId, String modelId, String kind, int limit) {
}
