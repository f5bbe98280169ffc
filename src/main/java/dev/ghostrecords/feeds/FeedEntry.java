package dev.ghostrecords.feeds;

import java.time.OffsetDateTime;

/**
 * One model of a feed, normalised; {@code metadata} is the provider's raw entry as JSON text,
 * {@code pricing} the USD-per-token prices as JSON text ({@code {"prompt": n, "completion": n, ...}}).
 */
public record FeedEntry(String modelId, String name, Long contextWindow, Long maxOutputTokens, String pricing,
                        OffsetDateTime retiresAt, boolean deprecated, String metadata) {
}
