package dev.ghostrecords.api;

import java.util.Map;

import io.vertx.core.http.HttpServer;
import io.vertx.core.net.impl.TCPServerBase;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The API's HTTP server, checked: the start stops (exit 1, naming the setting) when it could not
 * listen, as Vert.x only logs that and Camel would go on without HTTP; and health is DOWN whenever
 * it is not listening. Ports are also checked before anything starts (see ApiConfiguration): this
 * catches a port taken in between.
 */
public final class HttpServerCheck extends AbstractHealthCheck implements StartupListener {

    private final CamelContext context;
    /** port -> the variable that sets it */
    private final Map<Integer, String> ports;
    private final int apiPort;

    public HttpServerCheck(CamelContext context, int apiPort, Map<Integer, String> ports) {
        super("ghost", "http");
        this.context = context;
        this.apiPort = apiPort;
        this.ports = ports;
    }

    @Override
    public void onCamelContextStarted(CamelContext camel, boolean alreadyStarted) {
        ports.forEach((port, variable) -> {
            if (listening(port) == Boolean.FALSE) {
                throw new IllegalStateException("port " + port + " is in use: set " + variable + " to a free port");
            }
        });
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (Boolean.TRUE.equals(listening(apiPort))) {
            builder.up();
        } else {
            builder.message("the API's HTTP server is not listening on port " + apiPort).down();
        }
    }

    /** true listening, false failed to listen, null when there is no such server (yet). */
    private Boolean listening(int port) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null || router.getServer() == null) {
            return null;
        }
        HttpServer server = router.getServer().getServer();
        // Vert.x's HttpServer interface has no listening state (actualPort() stays the configured port
        // after a failed bind); its server class has one, public
        if (server instanceof TCPServerBase base) {
            return base.isListening();
        }
        return server != null && server.actualPort() > 0;
    }
}
