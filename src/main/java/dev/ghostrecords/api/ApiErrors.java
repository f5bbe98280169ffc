package dev.ghostrecords.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.ghostrecords.catalog.CatalogException;
import dev.ghostrecords.catalog.JsonProblems;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.ghostrecords.database.SqlFailures.isTransient;

/**
 * The one place a failure becomes an HTTP answer {@code {"error": "..."}}: the client's mistakes
 * 4xx with the reason, the catalog unavailable 503 (safe to retry), anything else a 500 that says
 * nothing of our insides.
 */
public final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private final ObjectMapper json;

    public ApiErrors(ObjectMapper json) {
        this.json = json;
    }

    public void respond(Exchange exchange) throws JsonProcessingException {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int status = status(failure);
        String message = switch (status) {
            case 503 -> failure instanceof CatalogException.Unavailable ? failure.getMessage()
                    : "the catalog database is unreachable; try again shortly";
            case 500 -> "internal error";
            default -> unreadableBody(failure) != null ? JsonProblems.describe(unreadableBody(failure)) : failure.getMessage();
        };
        if (status == 503) {
            LOG.warn("{} {}: {}: {}", method(exchange), path(exchange), message, failure.getMessage());
        } else if (status == 500) {
            LOG.error("{} {} failed", method(exchange), path(exchange), failure);
        }
        String path = path(exchange);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (status == 503) {
            // safe to retry: a gateway waits this long rather than hammering a database that is away
            exchange.getMessage().setHeader("Retry-After", "5");
        }
        exchange.getMessage().setBody(json.writeValueAsString(ApiError.forPath(path, status, message)));
    }

    static int status(Throwable failure) {
        if (failure instanceof ApiException edge) {
            return edge.status();
        }
        if (failure instanceof CatalogException.Invalid) {
            return 400;
        }
        if (failure instanceof CatalogException.NotFound) {
            return 404;
        }
        if (failure instanceof CatalogException.Conflict) {
            return 409;
        }
        if (failure instanceof CatalogException.Unavailable) {
            return 503;
        }
        if (unreadableBody(failure) != null) {
            return 400;
        }
        return isTransient(failure) ? 503 : 500;
    }

    /**
     * A body Jackson could not read, anywhere in the causes (a route that unmarshals its body itself):
     * the client's mistake, answered in words, not Jackson's. A JSON problem in writing an answer is ours (500).
     */
    static JsonProcessingException unreadableBody(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonParseException parse) {
                return parse;
            }
            if (t instanceof MismatchedInputException mismatch) {
                return mismatch;
            }
        }
        return null;
    }

    private static String method(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.HTTP_METHOD, "", String.class);
    }

    private static String path(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.HTTP_PATH, "", String.class);
    }
}
