package dev.ghostrecords.changes;

/** The Atom feed's changes, as {@code sql/changes/select-latest-changes.sql} takes them; null matches all. */
public record LatestQuery(String providerId, String kind, int limit) {
}
