package dev.ghostrecords.api;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one line that says the service is up, once everything has started, with the addresses its
 * servers are bound to (Camel's own summary prints 0.0.0.0 whatever the bind address).
 */
final class ReadyLog implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger("ghost-records");

    private final int apiPort;
    private final int managementPort;

    ReadyLog(int apiPort, int managementPort) {
        this.apiPort = apiPort;
        this.managementPort = managementPort;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the routes start after this; the line waits for onCamelContextFullyStarted
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        String api = address(context, apiPort);
        String observe = context.getPropertiesComponent().resolveProperty("camel.management.path").orElse("/observe");
        LOG.info("ghost-records ready: API http://{}, page http://{}/, metrics http://{}{}/metrics", api, api,
                address(context, managementPort), observe);
    }

    /** host:port as bound, an IPv6 address in brackets (as in a URL). */
    static String address(CamelContext context, int port) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        VertxPlatformHttpServer server = router == null ? null : router.getServer();
        if (server == null) {
            return "(not listening):" + port;
        }
        return url(server.getHost(), server.getPort());
    }

    static String url(String host, int port) {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
