package dev.ghostrecords.api;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The answers Vert.x would give in HTML (or empty), given as the API's JSON instead: 503 with
 * Retry-After while the routes are not (or no longer) running, 404 for an unknown path, 405 for a
 * wrong method. Set on the API's router as soon as it exists, before the routes start.
 */
public final class HttpEdge implements StartupListener {

    private final int port;
    private final ObjectMapper json;

    public HttpEdge(int port, ObjectMapper json) {
        this.port = port;
        this.json = json;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        Router router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            return;
        }
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            if (context.isStarted()) {
                ctx.next();
            } else {
                // a gateway retries a 503; a 404 from a half-started service would look final
                ctx.response().putHeader("Retry-After", "2");
                answer(ctx, 503, "the service is starting or stopping; try again shortly");
            }
        });
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
                    .end(json.writeValueAsString(Map.of("error", message)));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }
}
