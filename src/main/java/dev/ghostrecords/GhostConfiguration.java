package dev.ghostrecords;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghostrecords.api.ApiErrors;
import dev.ghostrecords.api.ApiGuard;
import dev.ghostrecords.api.HttpEdge;
import dev.ghostrecords.api.HttpServerCheck;
import dev.ghostrecords.api.InferenceEventsHttp;
import dev.ghostrecords.api.Json;
import dev.ghostrecords.api.OpenApiDocument;
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
import dev.ghostrecords.feeds.FolderHealthCheck;
import dev.ghostrecords.inference.EventBatcher;
import dev.ghostrecords.inference.KafkaClients;
import dev.ghostrecords.inference.KafkaEvents;
import dev.ghostrecords.inference.KafkaHealthCheck;
import dev.ghostrecords.maintenance.Maintenance;
import dev.ghostrecords.notifications.NotificationBeans;
import dev.ghostrecords.notifications.WebhookSettings;
import dev.ghostrecords.observe.GhostMetrics;
import dev.ghostrecords.web.WebAssets;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Ordered;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.sql.SqlComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.PropertiesSource;
import org.apache.camel.spi.Registry;
import org.jdbi.v3.core.Jdbi;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the catalog database (migrated) and binds the beans the routes and commands call, from
 * the {@code ghost.*} settings in application.properties.
 */
public final class GhostConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(GhostConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        Settings settings = new Settings(key -> properties.resolveProperty(key).orElse(""));
        String token = settings.text("ghost.api.token");
        ObjectMapper json = Json.mapper();
        // every setting is read before anything starts: a wrong one stops serve and the commands alike
        DatabaseUrl db = DatabaseUrl.parse(settings.text("ghost.db.url"), settings.text("ghost.db.user"),
                settings.text("ghost.db.password"));
        Map<String, String> derived = new HashMap<>();
        schedule(settings, derived, "ghost.stale");
        schedule(settings, derived, "ghost.purge");
        properties.addPropertiesSource(new DerivedSettings(derived));
        if (Boolean.parseBoolean(settings.text("camel.server.enabled"))) {
            String host = settings.text("camel.server.host");
            refuseOpenNetworkWithoutToken(host, token);
            int port = settings.integer("camel.server.port", 1, 65535);
            int managementPort = settings.integer("camel.management.port", 1, 65535);
            settings.integer("ghost.models.poll-delay", 1, Integer.MAX_VALUE);
            settings.integer("ghost.models.quiet-period", 0, Integer.MAX_VALUE);
            Path models = Path.of(settings.text("ghost.models.dir"));
            requireModelsFolder(models);
            if (port == managementPort) {
                throw new IllegalArgumentException("GHOST_HTTP_PORT and GHOST_MANAGEMENT_PORT are both " + port
                        + ": set GHOST_MANAGEMENT_PORT to another port (setting camel.management.port)");
            }
            Ports.requireFree(host, port, "GHOST_HTTP_PORT");
            if (Boolean.parseBoolean(settings.text("camel.management.enabled"))) {
                Ports.requireFree(settings.text("camel.management.host"), managementPort, "GHOST_MANAGEMENT_PORT");
            }
            // Camel's own Vert.x engine, with the handler that answers inference events without a
            // thread waiting for their commit
            VertxPlatformHttpEngine engine = new VertxPlatformHttpEngine();
            engine.setHandlers(List.of(new InferenceEventsHttp(context, json)));
            PlatformHttpComponent http = context.getComponent("platform-http", PlatformHttpComponent.class);
            http.setEngine(engine);
            http.setHeaderFilterStrategy(new ResponseHeaders());
            context.addStartupListener(new HttpEdge(port, json));
            // the watched folder and the API's server take part in health (DOWN when not working)
            HttpServerCheck serverCheck = new HttpServerCheck(context, port,
                    Map.of(port, "GHOST_HTTP_PORT", managementPort, "GHOST_MANAGEMENT_PORT"));
            context.addStartupListener(serverCheck);
            HealthCheckRegistry.get(context).register(serverCheck);
            HealthCheckRegistry.get(context).register(new FolderHealthCheck(models));
        }
        // webhooks: checked before the database opens, whose connections carry the kinds to queue
        WebhookSettings webhooks = WebhookSettings.parse(settings.text("ghost.webhook.urls"),
                settings.text("ghost.webhook.secret"), settings.text("ghost.webhook.kinds"));
        CatalogDatabase database = CatalogDatabase.open(
                db.jdbcUrl(),
                db.user(),
                db.password(),
                Path.of(settings.text("ghost.data.dir")),
                // empty or 0: any free port
                settings.text("ghost.db.embedded-port").isEmpty() ? 0 : settings.integer("ghost.db.embedded-port", 0, 65535),
                settings.integer("ghost.db.pool-size", 1, 1000),
                webhooks.notifyKinds());
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
        // /observe/metrics: the ghost_* series (at 0 from the start) and the pool's hikaricp_*
        registry.bind("ghostMetrics", GhostMetrics.install(registry, database.dataSource(), jdbi, staleAfterHours));
        registry.bind("jsonMapper", json);
        registry.bind("requests", new Requests(json, staleAfterHours, settings.positive("ghost.retiring.days")));
        registry.bind("feedIngester", ingester);
        registry.bind("feedVersions", new FeedVersions(ingester));
        registry.bind("catalogStats", new CatalogStats());
        registry.bind("catalog", new Catalog(jdbi, json));
        registry.bind("eventBatcher", batcher);
        registry.bind("apiGuard", new ApiGuard(token));
        registry.bind("apiErrors", new ApiErrors(json));
        registry.bind("openApiDocument", new OpenApiDocument(json));
        registry.bind("webAssets", new WebAssets());
        registry.bind("maintenance", new Maintenance(jdbi, json, staleAfterHours,
                settings.fraction("ghost.stale.max-fraction"),
                settings.positive("ghost.purge.after-days")));
        NotificationBeans.bind(context, jdbi, webhooks,
                settings.integer("ghost.webhook.timeout-ms", 1, Integer.MAX_VALUE),
                settings.integer("ghost.webhook.backoff-ms", 1, Integer.MAX_VALUE) / 1000.0,
                settings.positive("ghost.webhook.max-age-hours"),
                settings.integer("ghost.webhook.senders", 1, 100),
                staleAfterHours, settings.positive("ghost.retiring.days"));
        settings.integer("ghost.webhook.poll-delay", 1, Integer.MAX_VALUE);
        settings.integer("ghost.webhook.scan-delay", 1, Integer.MAX_VALUE);
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
        configureKafka(context, settings, batcher);
    }

    /**
     * A schedule's cron checked, and what its route reads: {@code <prefix>.schedule.cron} (the cron)
     * and {@code <prefix>.schedule.on} (its autoStartup). {@code never} leaves the route stopped, with
     * a valid cron that is never used (the quartz endpoint parses its cron even while its route is stopped).
     */
    private static void schedule(Settings settings, Map<String, String> derived, String prefix) {
        String cronKey = prefix + ".cron";
        String cron = settings.cron(cronKey);
        derived.put(prefix + ".schedule.on", Boolean.toString(cron != null));
        derived.put(prefix + ".schedule.cron", cron != null ? cron : "0 0 0 1 1 ? 2099");
        if (cron == null) {
            LOG.info("{}=never: that schedule is off", Settings.variable(cronKey));
        }
    }

    /**
     * Inference events over Kafka (route inference-kafka-consume): started only by {@code serve} with
     * GHOST_KAFKA_BOOTSTRAP set; otherwise the route stays stopped and no Kafka client is made.
     */
    private static void configureKafka(CamelContext context, Settings settings, EventBatcher batcher) {
        boolean consume = Boolean.parseBoolean(settings.text("camel.server.enabled"))
                && !settings.brokers("ghost.kafka.bootstrap").isEmpty();
        context.getPropertiesComponent().addOverrideProperty("ghost.kafka.consume", Boolean.toString(consume));
        Registry registry = context.getRegistry();
        // bound either way: the route refers to them even while it stays stopped
        KafkaEvents events = new KafkaEvents(registry.lookupByNameAndType("requests", Requests.class), batcher,
                settings.integer("ghost.inference.commit-timeout", 1, Integer.MAX_VALUE));
        registry.bind("kafkaEvents", events);
        registry.bind("kafkaClients", new KafkaClients(context));
        if (!consume) {
            return;
        }
        String topic = settings.topic("ghost.kafka.topic");
        String group = settings.required("ghost.kafka.group", "a consumer group name (replicas in one group share the partitions)");
        settings.integer("ghost.kafka.max-poll-records", 1, 100_000);
        HealthCheckRegistry.get(context).register(new KafkaHealthCheck(events, topic, group));
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

    /** Values computed from the settings, for the routes' placeholders; ahead of every other source. */
    private record DerivedSettings(Map<String, String> values) implements PropertiesSource, Ordered {
        @Override
        public String getName() {
            return "ghost-derived-settings";
        }

        @Override
        public String getProperty(String name) {
            return values.get(name);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST;
        }
    }
}
