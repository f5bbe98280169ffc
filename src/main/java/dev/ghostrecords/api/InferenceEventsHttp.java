package dev.ghostrecords.api;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST /api/inference-events without a thread waiting for the commit. platform-http runs a route on
 * a Vert.x worker thread and holds that thread until the route completes; an event request completes
 * only when its group commit does, so under load every worker would wait on PostgreSQL and the rest
 * of the API with them. This handler sits on the REST path's Vert.x route ahead of Camel's consumer
 * (a platform-http engine handler, Camel's public extension point): it sends the request into the
 * same route, {@code direct:inference-record}, lets the worker go as soon as the route waits for its
 * commit, and writes the answer when the route completes. Every other request goes on to Camel.
 */
public final class InferenceEventsHttp implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceEventsHttp.class);
    private static final String PATH = "/api/inference-events";
    private static final String ROUTE = "direct:inference-record";

    private final CamelContext camel;
    private final ObjectMapper json;
    private volatile Endpoint endpoint;
    private volatile AsyncProducer producer;

    public InferenceEventsHttp(CamelContext camel, ObjectMapper json) {
        this.camel = camel;
        this.json = json;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.POST || !PATH.equals(ctx.request().path())) {
            ctx.next();
            return;
        }
        Exchange exchange = endpoint().createExchange(ExchangePattern.InOut);
        Message in = exchange.getMessage();
        in.setHeader(Exchange.HTTP_METHOD, "POST");
        in.setHeader(Exchange.HTTP_PATH, PATH);
        in.setHeader("Authorization", ctx.request().getHeader("Authorization"));
        in.setHeader(Exchange.CONTENT_TYPE, ctx.request().getHeader("Content-Type"));
        Buffer body = ctx.body().buffer();
        in.setBody(body == null ? new byte[0] : body.getBytes());
        Context eventLoop = ctx.vertx().getOrCreateContext();
        // on a worker, as Camel runs routes (a route may block before it reaches the commit)
        ctx.vertx().executeBlocking(() -> {
            producer.process(exchange, doneSync -> eventLoop.runOnContext(v -> respond(ctx, exchange)));
            return null;
        }, false).onFailure(failure -> {
            LOG.error("POST {} failed", PATH, failure);
            ctx.fail(failure);
        });
    }

    /** The route's answer: its status, content type and body; records are written as JSON. */
    private void respond(RoutingContext ctx, Exchange exchange) {
        Message out = exchange.getMessage();
        if (exchange.getException() != null) {
            // api-errors answers every failure; one that escapes it is a bug, logged, not shown
            LOG.error("POST {} failed", PATH, exchange.getException());
            out.setHeader(Exchange.HTTP_RESPONSE_CODE, 500);
            out.setBody("{\"error\":\"internal error\"}");
        }
        try {
            Object body = out.getBody();
            byte[] bytes = body instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                    : body instanceof byte[] raw ? raw : json.writeValueAsBytes(body);
            ctx.response()
                    .setStatusCode(out.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class))
                    .putHeader("Content-Type", out.getHeader(Exchange.CONTENT_TYPE, "application/json", String.class))
                    .end(Buffer.buffer(bytes));
        } catch (Exception e) {
            LOG.error("POST {}: cannot write the answer", PATH, e);
            ctx.fail(e);
        }
    }

    private Endpoint endpoint() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    endpoint = camel.getEndpoint(ROUTE);
                    AsyncProducer created;
                    try {
                        created = endpoint.createAsyncProducer();
                        ServiceHelper.startService(created);
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot send to " + ROUTE, e);
                    }
                    producer = created;
                }
            }
        }
        return endpoint;
    }
}
