package dev.ghostrecords.api;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The answers Vert.x would give in HTML, plain text (or empty), given as the API's JSON instead: 503
 * with Retry-After while the routes are not (or no longer) running, 404 for an unknown path, 405 for
 * a wrong method, 413 for a body over the limit, 406 for an Accept header that allows no JSON; and
 * HEAD answered as the GET it asks about. Set on the API's router as soon as it exists, before the
 * routes start.
 */
public final class HttpEdge implements StartupListener {

    private final int port;
    private final ObjectMapper json;

    public HttpEdge(int port, ObjectMapper json) {
        this.port = port;
        this.json = json;
    }

    /**
     * Vert.x listens as soon as the server service starts, a second or more before the routes are
     * warmed up and {@link #onCamelContextStarted} runs: requests then got Vert.x's HTML 404. The
     * server binds its router in the registry just before it listens, so a watcher installs the
     * handlers the moment the router is there.
     */
    @Override
    public void onCamelContextStarting(CamelContext context, boolean alreadyStarted) {
        Thread watcher = new Thread(() -> {
            // onCamelContextStarted installs them at the latest (a start that fails lets the watcher end here)
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
            while (!installed && System.nanoTime() < until) {
                install(context);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "http-edge-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        install(context);
    }

    private volatile boolean installed;

    private synchronized void install(CamelContext context) {
        if (installed) {
            return;
        }
        Router router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            return;
        }
        installed = true;
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            if (!context.isStarted()) {
                // a gateway retries a 503; a 404 from a half-started service would look final
                ctx.response().putHeader("Retry-After", "2");
                answer(ctx, 503, "the service is starting or stopping; try again shortly");
            } else if (isApi(ctx.request().path()) && !acceptsJson(ctx.request().getHeader("Accept"))) {
                answer(ctx, 406, "every answer here is application/json; the Accept header allows none: "
                        + ctx.request().getHeader("Accept"));
            } else if (ctx.request().method() == HttpMethod.HEAD) {
                // every GET answers HEAD (RFC 9110): the GET's route runs and the response, made for
                // a HEAD request, sends its headers only. Without Content-Type, which RFC 9110 lets a
                // HEAD answer omit: a proxy that validates answers (Stoplight Prism) parses an empty
                // application/json body as JSON and fails
                ctx.response().headersEndHandler(end -> ctx.response().headers().remove("Content-Type"));
                ctx.reroute(HttpMethod.GET, ctx.request().uri());
            } else {
                ctx.next();
            }
        });
        // the body limit (camel.server.maxBodySize) fails the request with 413: in JSON like every error
        router.errorHandler(413, ctx -> answer(ctx, 413, "the body is over 1 MiB (1048576 bytes)"));
        // reached only when no route of the API took the request
        router.route().order(Integer.MAX_VALUE).handler(ctx -> {
            String path = ctx.request().path();
            Set<String> allowed = allowedMethods(router, path);
            if (allowed.isEmpty()) {
                answer(ctx, 404, "no such path: " + path);
            } else {
                ctx.response().putHeader("Allow", String.join(", ", allowed));
                answer(ctx, 405, "method " + ctx.request().method() + " is not allowed on " + path + "; allowed: "
                        + String.join(", ", allowed));
            }
        });
    }

    private static boolean isApi(String path) {
        return path.startsWith("/api/") || path.startsWith("/v1/") || path.equals("/v1");
    }

    /** No Accept header, or one with a range JSON falls in (not refused with q=0). */
    static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].strip().replace(" ", "");
                refused |= parameter.matches("q=0(\\.0*)?");
            }
            if (!refused && (type.equals("*/*") || type.equals("application/*") || type.equals("application/json"))) {
                return true;
            }
        }
        return false;
    }

    /** The methods of the routes whose path matches: {@code :name} is one segment, a prefix route its prefix. */
    private static Set<String> allowedMethods(Router router, String path) {
        Set<String> allowed = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            String pattern = route.getPath();
            if (pattern == null || route.methods() == null || route.methods().isEmpty()) {
                continue;
            }
            boolean matches = route.isExactPath()
                    ? path.matches(pattern.replaceAll("[.+?^$(){}\\[\\]|\\\\]", "\\\\$0").replaceAll(":[^/]+", "[^/]+"))
                    : path.startsWith(pattern);
            if (matches) {
                route.methods().forEach(method -> allowed.add(method.name()));
            }
        }
        return allowed;
    }

    private void answer(RoutingContext ctx, int status, String message) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(json.writeValueAsString(ApiError.forPath(ctx.request().path(), status, message)));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }
}
