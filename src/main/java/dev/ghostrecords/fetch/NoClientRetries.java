package dev.ghostrecords.fetch;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Apache HttpClient retries a 429 or 503 once by itself (and some I/O errors), out of sight: the
 * fetch would count one attempt where the provider saw two, and wait without GHOST_FETCH_BACKOFF_MS.
 * The fetcher owns every retry, so the client makes none.
 */
public final class NoClientRetries implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.disableAutomaticRetries();
    }
}
