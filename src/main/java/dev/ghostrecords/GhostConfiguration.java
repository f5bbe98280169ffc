package dev.ghostrecords;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghostrecords.api.ApiErrors;
import dev.ghostrecords.api.ApiGuard;
import dev.ghostrecords.api.HttpEdge;
import dev.ghostrecords.api.InferenceEventsHttp;
import dev.ghostrecords.api.Json;
import dev.ghostrecords.api.Requests;
import dev.ghostrecords.api.ResponseHeaders;
import dev.ghostrecords.catalog.Catalog;
import dev.ghostrecords.catalog.CatalogDatabase;
import dev.ghostrecords.catalog.CatalogStats;
import dev.ghostrecords.catalog.DatabaseHealthCheck;
import dev.ghostrecords.catalog.SqlParameters;
import dev.ghostrecords.catalog.SqlRows;
import dev.ghostrecords.feeds.FeedIngester;
import dev.ghostrecords.feeds.FeedVersions;
import dev.ghostrecords.fetch.Fetcher;
import dev.ghostrecords.fetch.NoClientRetries;
import dev.ghostrecords.fetch.Providers;
import dev.ghostrecords.inference.EventBatcher;
import dev.ghostrecords.maintenance.Maintenance;
import dev.ghostrecords.web.WebAssets;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.sql.SqlComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.jdbi.v3.core.Jdbi;
import org.quartz.CronExpression;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Opens the catalog database (migrated) and binds the beans the routes and commands call, from
 * the {@code ghost.*} settings in application.properties.
 */
public final class GhostConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        Settings settings = new Settings(key -> properties.resolveProperty(key).orElse(""));
        String token = settings.text("ghost.api.token");
        ObjectMapper json = Json.mapper();
        if (Boolean.parseBoolean(settings.text("camel.server.enabled"))) {
            refuseOpenNetworkWithoutToken(settings.text("camel.server.host"), token);
            int port = settings.integer("camel.server.port", 1, 65535);
            settings.integer("camel.management.port", 1, 65535);
            settings.integer("ghost.models.poll-delay", 1, Integer.MAX_VALUE);
            settings.integer("ghost.models.quiet-period", 0, Integer.MAX_VALUE);
            requireModelsFolder(Path.of(settings.text("ghost.models.dir")));
            // Camel's own Vert.x engine, with the handler that answers inference events without a
            // thread waiting for their commit
            VertxPlatformHttpEngine engine = new VertxPlatformHttpEngine();
            engine.setHandlers(List.of(new InferenceEventsHttp(context, json)));
            PlatformHttpComponent http = context.getComponent("platform-http", PlatformHttpComponent.class);
            http.setEngine(engine);
            http.setHeaderFilterStrategy(new ResponseHeaders());
            context.addStartupListener(new HttpEdge(port, json));
        }
        CatalogDatabase database = CatalogDatabase.open(
                settings.text("ghost.db.url"),
                settings.text("ghost.db.user"),
                settings.text("ghost.db.password"),
                Path.of(settings.text("ghost.data.dir")),
                settings.integer("ghost.db.pool-size", 1, 1000));
        // stopped with the context, after the routes: the embedded server goes down with the service
        context.addService(database, true, true);

        Jdbi jdbi = Jdbi.create(database.dataSource());
        jdbi.registerArrayType(String.class, "text");
        jdbi.registerArrayType(Long.class, "bigint");
        // the routes' statements (camel-sql): request records as parameters, rows ready for JSON
        SqlParameters.register(context.getTypeConverterRegistry());
        context.getComponent("sql", SqlComponent.class).setRowMapperFactory(new SqlRows());

        double staleAfterHours = settings.positive("ghost.stale.after-hours");
        FeedIngester ingester = new FeedIngester(jdbi);
        EventBatcher batcher = new EventBatcher(jdbi, settings.integer("ghost.inference.commit-timeout", 1, Integer.MAX_VALUE));
        context.addService(batcher, true, true);

        Registry registry = context.getRegistry();
        registry.bind("dataSource", database.dataSource());
        registry.bind("jsonMapper", json);
        registry.bind("requests", new Requests(json, staleAfterHours));
        registry.bind("feedIngester", ingester);
        registry.bind("feedVersions", new FeedVersions(ingester));
        registry.bind("catalogStats", new CatalogStats());
        registry.bind("catalog", new Catalog(jdbi, json));
        registry.bind("eventBatcher", batcher);
        registry.bind("apiGuard", new ApiGuard(token));
        registry.bind("apiErrors", new ApiErrors(json));
        registry.bind("webAssets", new WebAssets());
        registry.bind("maintenance", new Maintenance(jdbi, json, staleAfterHours,
                settings.fraction("ghost.stale.max-fraction"),
                settings.positive("ghost.purge.after-days")));
        // Quartz (config/quartz.properties) keeps its clustered state in this same database
        DBConnectionManager.getInstance().addConnectionProvider("catalog", new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return database.dataSource().getConnection();
            }

            @Override
            public void shutdown() {
                // the pool is the service's; it closes with the context
            }

            @Override
            public void initialize() {
                // nothing to set up: the pool exists
            }
        });
        HealthCheckRegistry.get(context).register(new DatabaseHealthCheck(database.dataSource()));
        bindFetcher(context, settings, jdbi, json);
    }

    /** Provider sync: the providers file and the fetch settings, checked now ({@code never}: see GhostApplication). */
    private static void bindFetcher(CamelContext context, Settings settings, Jdbi jdbi, ObjectMapper json) throws Exception {
        String cron = settings.text("ghost.fetch.cron");
        boolean scheduled = !cron.equalsIgnoreCase("never");
        if (scheduled && !CronExpression.isValidExpression(cron)) {
            throw Settings.refused("ghost.fetch.cron", cron,
                    "a Quartz cron with seconds (e.g. '0 0 */6 * * ?' = every 6 hours) or 'never'");
        }
        Fetcher.Options options = new Fetcher.Options(settings.integer("ghost.fetch.attempts", 1, 100),
                settings.integer("ghost.fetch.backoff-ms", 0, 600_000), settings.integer("ghost.fetch.timeout-ms", 1, 3_600_000),
                settings.integer("ghost.fetch.keep", 1, 100_000));
        Fetcher fetcher = new Fetcher(context, jdbi, json, Providers.load(settings.text("ghost.providers.file")), options,
                Path.of(settings.text("ghost.models.dir")), System::getenv);
        context.getRegistry().bind("fetcher", fetcher);
        context.getRegistry().bind("fetchHttpClient", new NoClientRetries());
        // ghost_fetch_total at 0 for every provider and status, once the metrics registry exists
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // the routes are starting; the metrics registry is bound once the context is fully started
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                fetcher.registerMeters();
            }
        });
    }

    /** The watched folder, created when missing; one that cannot be used stops the service, named. */
    private static void requireModelsFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(Settings.variable("ghost.models.dir") + "='" + folder
                    + "' cannot be used as the watched folder (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); set it to a folder the service can create and read (setting ghost.models.dir)");
        }
        if (!Files.isReadable(folder)) {
            throw new IllegalArgumentException(Settings.variable("ghost.models.dir") + "='" + folder
                    + "' cannot be read (setting ghost.models.dir)");
        }
    }

    /** Anyone on the network could rewrite the catalog: refuse, and say how to fix it. */
    static void refuseOpenNetworkWithoutToken(String host, String token) throws Exception {
        if (token.isEmpty() && !InetAddress.getByName(host).isLoopbackAddress()) {
            throw new IllegalStateException("refusing to listen on " + host + " without an API token: set GHOST_API_TOKEN"
                    + " to a secret (clients then send 'Authorization: Bearer <token>' on POST), or listen on loopback"
                    + " with GHOST_HTTP_HOST=127.0.0.1");
        }
    }
}
