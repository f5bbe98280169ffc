package dev.ghostrecords.api;

import java.util.Locale;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * What platform-http may write back as response headers: only what describes the answer. Query
 * parameters and request headers arrive as message headers; without this they were echoed back
 * (a {@code ?q=} holding CR LF even broke the answer).
 */
public final class ResponseHeaders extends HttpHeaderFilterStrategy {

    private static final Set<String> ANSWER = Set.of("content-type", "cache-control", "retry-after", "etag", "last-modified");

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return !ANSWER.contains(name.toLowerCase(Locale.ROOT));
    }
}
