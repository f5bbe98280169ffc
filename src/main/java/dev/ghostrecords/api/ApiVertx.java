package dev.ghostrecords.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.impl.VertxWrapper;

/**
 * The Vert.x instance the HTTP servers run on (bound in the registry, where platform-http looks for
 * one), with what Camel's server configuration cannot set: a request line long enough for every id
 * the catalog stores, and JSON answers for HTTP/1.1 requests Vert.x refuses before any router sees
 * them (414, 431, 400; Vert.x's own are empty).
 */
final class ApiVertx extends VertxWrapper {

    /**
     * Bytes of the request line. The longest read of a stored id: a 1024-character model id of 3-byte
     * UTF-8 characters is 9216 bytes percent-encoded, beside a 128-character provider id and the path.
     */
    static final int MAX_REQUEST_LINE = 16384;

    private final ObjectMapper json;

    ApiVertx(ObjectMapper json) {
        super((VertxInternal) Vertx.vertx());
        this.json = json;
    }

    @Override
    public HttpServer createHttpServer(HttpServerOptions options) {
        options.setMaxInitialLineLength(MAX_REQUEST_LINE);
        // HTTP/2 (h2c) counts the path among the headers: room for the same path beside the usual headers
        options.getInitialSettings().setMaxHeaderListSize(MAX_REQUEST_LINE + HttpServerOptions.DEFAULT_MAX_HEADER_SIZE);
        // the invalid-request handler is taken when the server starts listening: set it now
        return super.createHttpServer(options).invalidRequestHandler(this::refuse);
    }

    /** A request Vert.x could not decode: the API's JSON error, then Vert.x closes the connection. */
    private void refuse(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status;
        String message;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
            message = "the request line is over " + MAX_REQUEST_LINE + " bytes: ids are at most 1024 characters (model)"
                    + " and 128 (provider)";
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            message = "the request's headers are over " + HttpServerOptions.DEFAULT_MAX_HEADER_SIZE + " bytes";
        } else {
            status = 400;
            message = "not a valid HTTP request" + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        String body;
        try {
            // the path is known only when the request line was read (Netty names a refused one /bad-request)
            body = json.writeValueAsString(ApiError.forPath(request.path(), status, message));
        } catch (JsonProcessingException e) {
            body = "{\"error\": \"" + status + "\"}";
        }
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }
}
