package dev.ghostrecords.catalog;

import java.io.IOException;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.camel.support.service.ServiceSupport;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog's PostgreSQL: the one at {@code ghost.db.url}, or, when that is empty, an embedded
 * PostgreSQL 17 kept in {@code ghost.data.dir}. Either way the schema is migrated before anything
 * else touches it. Stopped with the Camel context, so the embedded server goes down with the service.
 */
public final class CatalogDatabase extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogDatabase.class);

    private final EmbeddedPostgres embedded;
    private final HikariDataSource dataSource;

    private CatalogDatabase(EmbeddedPostgres embedded, HikariDataSource dataSource) {
        this.embedded = embedded;
        this.dataSource = dataSource;
    }

    public static CatalogDatabase open(String url, String user, String password, Path dataDir, int poolSize)
            throws IOException {
        EmbeddedPostgres embedded = null;
        if (url == null || url.isBlank()) {
            embedded = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.toAbsolutePath())
                    .setCleanDataDirectory(false)
                    // the library's defaults favour test speed; a catalog must survive a crash
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            url = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "";
            LOG.info("Embedded PostgreSQL in {} at {}", dataDir.toAbsolutePath(), url);
        } else {
            LOG.info("PostgreSQL at {}", url);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("catalog");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        // fail fast at start when the database is not there, with the driver's own reason
        config.setInitializationFailTimeout(10_000);
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
        return new CatalogDatabase(embedded, dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    protected void doStop() throws Exception {
        dataSource.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
