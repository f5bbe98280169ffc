package dev.ghostrecords.api;

import dev.ghostrecords.catalog.ProviderIds;
import dev.ghostrecords.fetch.FetchQuery;
import dev.ghostrecords.fetch.FetchRequest;
import org.apache.camel.Header;

import static dev.ghostrecords.catalog.QueryParams.number;
import static dev.ghostrecords.catalog.QueryParams.plain;

/**
 * The provider sync's requests, read into the records the fetch takes; whatever does not parse is
 * refused with a reason that names it (400). Every other capability parses its own requests.
 */
public final class Requests {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    /** POST /api/fetch?provider=P (none: every configured provider) */
    public FetchRequest fetch(@Header("provider") String provider) {
        return new FetchRequest(ProviderIds.normalize(plain("provider", provider)));
    }

    /** GET /api/fetches?provider=P&limit=N */
    public FetchQuery fetches(@Header("provider") String provider, @Header("limit") String limit) {
        return new FetchQuery(ProviderIds.normalize(plain("provider", provider)), number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
    }
}
