package dev.ghostrecords.feeds;

/** One model of a feed, normalised; {@code metadata} is the provider's raw entry as JSON text. */
public record FeedEntry(String modelId, String name, Long contextWindow, String metadata) {
}
