package dev.ghostrecords.api;

import java.sql.SQLException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.ghostrecords.catalog.CatalogDatabase.isTransient;

/**
 * Turns whatever failed into an HTTP answer: the client's mistakes into 4xx with a reason, the
 * database being away into 503, and anything else into a 500 that says nothing of our insides.
 */
public final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private final ObjectMapper json;

    public ApiErrors(ObjectMapper json) {
        this.json = json;
    }

    public void respond(Exchange exchange) throws JsonProcessingException {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int status;
        String message;
        if (failure instanceof ApiException api) {
            status = api.getStatus();
            message = api.getMessage();
        } else if (databaseAway(failure)) {
            status = 503;
            message = "the catalog database is unreachable; try again shortly";
            LOG.warn("{} {}: database unreachable: {}", method(exchange), path(exchange), failure.getMessage());
        } else {
            status = 500;
            message = "internal error";
            LOG.error("{} {} failed", method(exchange), path(exchange), failure);
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json.writeValueAsString(Map.of("error", message)));
    }

    private static boolean databaseAway(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && isTransient(sql)) {
                return true;
            }
        }
        return false;
    }

    private static String method(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.HTTP_METHOD, "", String.class);
    }

    private static String path(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.HTTP_PATH, "", String.class);
    }
}
