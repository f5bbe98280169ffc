package dev.ghostrecords.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import dev.ghostrecords.Settings;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.sql.SqlComponent;
import org.apache.camel.PropertyInject;
import org.apache.camel.health.HealthCheckRegistry;
import org.jdbi.v3.core.Jdbi;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

import static dev.ghostrecords.Settings.stripped;

/**
 * The catalog's PostgreSQL, opened and migrated while the beans are bound, so every capability bound
 * after this class takes {@code dataSource} and {@code jdbi}; Quartz and the routes' statements use
 * the same pool.
 */
public final class DatabaseConfiguration implements CamelConfiguration {

    @PropertyInject("ghost.db.url")
    String url;
    @PropertyInject("ghost.db.user")
    String user;
    @PropertyInject("ghost.db.password")
    String password;
    @PropertyInject("ghost.data.dir")
    String dataDir;
    @PropertyInject("ghost.db.embedded-port")
    String embeddedPort;
    @PropertyInject("ghost.db.pool-size")
    String poolSize;
    @PropertyInject("camel.server.enabled")
    String serving;

    /** Opened here; stopped with the context, after the routes: the embedded server goes down with the service. */
    @BindToRegistry
    public DataSource dataSource(CamelContext context) throws Exception {
        DatabaseUrl db = DatabaseUrl.parse(stripped(url), stripped(user), stripped(password));
        CatalogDatabase database = CatalogDatabase.open(db.jdbcUrl(), db.user(), db.password(), Path.of(stripped(dataDir)),
                // empty or 0: any free port
                stripped(embeddedPort).isEmpty() ? 0 : Settings.integer("ghost.db.embedded-port", embeddedPort, 0, 65535),
                Settings.integer("ghost.db.pool-size", poolSize, 1, 1000), Boolean.parseBoolean(stripped(serving)),
                // bound by the capabilities added before this class
                List.copyOf(context.getRegistry().findByType(ConnectionSetting.class)));
        context.addService(database, true, true);
        context.addStartupListener((camel, alreadyStarted) -> database.logOpened());
        // a context that is starting or started gets stopped before the JVM exits (SIGTERM): the
        // server waits for that stop; after a refused start it stops at once
        database.closeAtExit(() -> context.isStarting() || context.isStarted() || context.isStopping(),
                Duration.ofSeconds(context.getShutdownStrategy().getTimeout() + 10));
        return database.dataSource();
    }

    /** Bound after dataSource: Camel binds a method that takes another's bean after that one. */
    @BindToRegistry
    public Jdbi jdbi(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.registerArrayType(String.class, "text");
        jdbi.registerArrayType(Long.class, "bigint");
        return jdbi;
    }

    @Override
    public void configure(CamelContext context) {
        DataSource dataSource = context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
        // the routes' statements (camel-sql): request records as parameters
        SqlParameters.register(context.getTypeConverterRegistry());
        // ... and their rows filling the records the statements name
        context.getComponent("sql", SqlComponent.class).setRowMapperFactory(new SqlRows());
        // Quartz (config/quartz.properties) keeps its clustered state in this same database
        DBConnectionManager.getInstance().addConnectionProvider("catalog", new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
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
        HealthCheckRegistry.get(context).register(new DatabaseHealthCheck(dataSource));
    }
}
