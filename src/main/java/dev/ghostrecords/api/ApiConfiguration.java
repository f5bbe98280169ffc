package dev.ghostrecords.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghostrecords.Settings;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.health.HealthCheckRegistry;

import static dev.ghostrecords.Settings.stripped;

/**
 * The HTTP edge: the API's JSON, the token guard and the error mapper; when serving, the address
 * and ports checked first of all (a taken port stops the start before the database opens), then
 * Camel's Vert.x engine with the edge's own handlers.
 */
public final class ApiConfiguration implements CamelConfiguration {

    @PropertyInject("camel.server.enabled")
    String serving;
    @PropertyInject("camel.server.host")
    String host;
    @PropertyInject("camel.server.port")
    String port;
    @PropertyInject("camel.management.enabled")
    String managementEnabled;
    @PropertyInject("camel.management.host")
    String managementHost;
    @PropertyInject("camel.management.port")
    String managementPort;
    @PropertyInject("ghost.api.token")
    String token;

    @BindToRegistry
    public ObjectMapper jsonMapper() {
        return Json.mapper();
    }

    @BindToRegistry
    public ApiGuard apiGuard() throws Exception {
        if (serving()) {
            refuseOpenNetworkWithoutToken(stripped(host), stripped(token));
        }
        return new ApiGuard(stripped(token));
    }

    @BindToRegistry
    public ApiErrors apiErrors(@BeanInject("jsonMapper") ObjectMapper json) {
        return new ApiErrors(json);
    }

    /** /api/openapi.json, completed with the answers every operation shares (Camel looks it up by type). */
    @BindToRegistry
    public OpenApiDocument openApiDocument(@BeanInject("jsonMapper") ObjectMapper json) {
        return new OpenApiDocument(json);
    }

    /** Serving: both ports checked now, and watched once the routes start (health DOWN when not listening). */
    @BindToRegistry
    public HttpServerCheck httpServerCheck(CamelContext context) {
        if (!serving()) {
            return null;
        }
        int api = apiPort();
        int management = Settings.integer("camel.management.port", managementPort, 1, 65535);
        if (api == management) {
            throw new IllegalArgumentException("GHOST_HTTP_PORT and GHOST_MANAGEMENT_PORT are both " + api
                    + ": set GHOST_MANAGEMENT_PORT to another port (setting camel.management.port)");
        }
        Ports.requireFree(stripped(host), api, "GHOST_HTTP_PORT");
        if (Boolean.parseBoolean(stripped(managementEnabled))) {
            Ports.requireFree(stripped(managementHost), management, "GHOST_MANAGEMENT_PORT");
        }
        return new HttpServerCheck(context, api, Map.of(api, "GHOST_HTTP_PORT", management, "GHOST_MANAGEMENT_PORT"));
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        if (!serving()) {
            return;
        }
        ObjectMapper json = context.getRegistry().lookupByNameAndType("jsonMapper", ObjectMapper.class);
        // the servers' Vert.x (platform-http takes the one in the registry): long ids, JSON 414/431;
        // closed once the context and its servers have stopped (platform-http closes only a Vert.x it made)
        ApiVertx vertx = new ApiVertx(json);
        context.getRegistry().bind("vertx", vertx);
        context.addLifecycleStrategy(new org.apache.camel.support.LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext stopped) {
                vertx.close().toCompletionStage().toCompletableFuture().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
            }
        });
        // Camel's own Vert.x engine, with the handler that answers inference events without a
        // thread waiting for their commit
        VertxPlatformHttpEngine engine = new VertxPlatformHttpEngine();
        engine.setHandlers(List.of(new InferenceEventsHttp(context, json)));
        PlatformHttpComponent http = context.getComponent("platform-http", PlatformHttpComponent.class);
        http.setEngine(engine);
        http.setHeaderFilterStrategy(new ResponseHeaders());
        context.addStartupListener(new HttpEdge(apiPort(), json));
        HttpServerCheck serverCheck = context.getRegistry().lookupByNameAndType("httpServerCheck", HttpServerCheck.class);
        context.addStartupListener(serverCheck);
        HealthCheckRegistry.get(context).register(serverCheck);
        context.addStartupListener(new ReadyLog(apiPort(), Settings.integer("camel.management.port", managementPort, 1, 65535)));
    }

    private boolean serving() {
        return Boolean.parseBoolean(stripped(serving));
    }

    private int apiPort() {
        return Settings.integer("camel.server.port", port, 1, 65535);
    }

    /** Anyone on the network could rewrite the catalog: refuse, and say how to fix it. */
    static void refuseOpenNetworkWithoutToken(String host, String token) throws Exception {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("GHOST_HTTP_HOST='" + host + "' is not an address or a known host name;"
                    + " set it to an address of this machine, such as 127.0.0.1 (setting camel.server.host)");
        }
        if (token.isEmpty() && !address.isLoopbackAddress()) {
            throw new IllegalStateException("refusing to listen on " + host + " without an API token: set GHOST_API_TOKEN"
                    + " to a secret (clients then send 'Authorization: Bearer <token>' on POST), or listen on loopback"
                    + " with GHOST_HTTP_HOST=127.0.0.1");
        }
    }
}
