package org.apache.camel.component.platform.http.vertx;

import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;

/**
 * Camel's Vert.x platform-http engine, except that a route which completes asynchronously (the
 * inference event batcher waiting for its group commit) gives its worker thread back instead of
 * parking it until the commit; the answer is written when the route calls back. Routes that
 * complete synchronously behave as before. This is what Camel's own consumer does minus the
 * blocking wait (apache/camel#4325 discussed the same). It lives in Camel's package to reuse the
 * package-private {@code VertxPlatformHttpSupport.writeResponse}.
 */
public final class AsyncCompletionPlatformHttpEngine extends VertxPlatformHttpEngine {

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        return new Consumer(endpoint, processor, this);
    }

    private static final class Consumer extends VertxPlatformHttpConsumer {

        Consumer(PlatformHttpEndpoint endpoint, Processor processor, VertxPlatformHttpEngine engine) {
            super(endpoint, processor, engine.getHandlers(),
                    VertxPlatformHttpRouter.getRouterNameFromPort(engine.getServerPort()));
        }

        @Override
        protected void handleRequest(RoutingContext ctx) {
            PlatformHttpEndpoint endpoint = getEndpoint();
            if (isSuspended() || endpoint.isHttpProxy() || isForm(ctx)) {
                super.handleRequest(ctx); // the cases this engine does not change
                return;
            }
            Exchange exchange = createExchange(false);
            exchange.setPattern(ExchangePattern.InOut);
            Context eventLoop = ctx.vertx().getOrCreateContext();
            processHttpRequest(exchange, ctx).onComplete(read -> {
                if (read.failed()) {
                    fail(exchange, ctx, read.cause());
                    return;
                }
                // a worker thread still runs the route: most routes block (JDBC, files)
                ctx.vertx().executeBlocking(() -> {
                    createUoW(exchange);
                    getAsyncProcessor().process(exchange, doneSync -> eventLoop.runOnContext(v -> respond(exchange, ctx)));
                    return null;
                }, false).onFailure(failure -> fail(exchange, ctx, failure));
            });
        }

        private static boolean isForm(RoutingContext ctx) {
            String type = ctx.request().getHeader("Content-Type");
            return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/"));
        }

        private void respond(Exchange exchange, RoutingContext ctx) {
            PlatformHttpEndpoint endpoint = getEndpoint();
            VertxPlatformHttpSupport.writeResponse(ctx, exchange, endpoint.getHeaderFilterStrategy(), endpoint.isMuteException())
                    .onComplete(written -> {
                        if (written.succeeded()) {
                            done(exchange);
                        } else {
                            fail(exchange, ctx, written.cause());
                        }
                    });
        }

        private void fail(Exchange exchange, RoutingContext ctx, Throwable failure) {
            getExceptionHandler().handleException("Failed handling platform-http endpoint " + getEndpoint().getPath(), failure);
            ctx.fail(failure);
            done(exchange);
        }

        private void done(Exchange exchange) {
            doneUoW(exchange);
            releaseExchange(exchange, false);
        }
    }
}
