package dev.ghostrecords.feeds;

import dev.ghostrecords.catalog.ProviderIds;
import org.apache.camel.Header;

import static dev.ghostrecords.catalog.QueryParams.DEFAULT_LIMIT;
import static dev.ghostrecords.catalog.QueryParams.limit;
import static dev.ghostrecords.catalog.QueryParams.plain;

/** The feeds' requests read into the records their statements take, or refused naming the parameter (400). */
public final class FeedRequests {

    /** GET /api/ingestions */
    public IngestionQuery ingestions(@Header("provider") String provider, @Header("limit") String limit) {
        return new IngestionQuery(ProviderIds.normalize(plain("provider", provider)), limit(limit, DEFAULT_LIMIT));
    }
}
