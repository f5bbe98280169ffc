package dev.ghostrecords.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Processor;

/**
 * What every POST must bring: the API token (when one is set) and a JSON body. As a processor it
 * checks both; the bean methods serve routes that take no body (and the DELETE, which changes the
 * catalog too).
 */
public final class ApiGuard implements Processor {

    private final byte[] tokenDigest;

    /** @param token the API token; empty means POSTs are open (only allowed on loopback) */
    public ApiGuard(String token) {
        this.tokenDigest = token == null || token.isEmpty() ? null : sha256("Bearer " + token);
    }

    @Override
    public void process(Exchange exchange) {
        requireToken(exchange);
        requireJson(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class));
    }

    /** Takes the exchange, not the header: Camel logs a bean's arguments at TRACE, and this one is the token. */
    public void requireToken(Exchange exchange) {
        if (tokenDigest == null) {
            return;
        }
        String authorization = exchange.getMessage().getHeader("Authorization", String.class);
        // digests of equal length compared in constant time: neither content nor length leaks
        if (authorization == null || !MessageDigest.isEqual(tokenDigest, sha256(authorization.strip()))) {
            throw new ApiException(401, "missing or wrong API token: send 'Authorization: Bearer <GHOST_API_TOKEN>'");
        }
    }

    public void requireJson(@Header("Content-Type") String contentType) {
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !type.endsWith("+json")) {
            throw new ApiException(415, "the body must be JSON (Content-Type: application/json), got '"
                    + (contentType == null ? "none" : contentType) + "'");
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
