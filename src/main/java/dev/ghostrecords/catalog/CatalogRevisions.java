package dev.ghostrecords.catalog;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import com.zaxxer.hikari.HikariDataSource;
import dev.ghostrecords.database.Statements;
import org.apache.camel.support.service.ServiceSupport;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog's revisions (V10__catalog_revision.sql), the validators of its answers. The listing
 * scope (what /v1/models and the exports show) is kept in memory by each replica, advanced by LISTEN
 * on a connection of its own, so its conditional requests are answered without the database; while
 * that connection is away it is read from the database. The catalog scope is always read from the
 * database (one row by key): inference sightings move it in about a thousand commits a second
 * without announcing each one, which would wake every replica's listener as often.
 */
public final class CatalogRevisions extends ServiceSupport {

    /** What an answer depends on: {@code catalog} any change, {@code listing} the models' identity and fields. */
    public enum Scope {
        CATALOG("catalog", 'c'), LISTING("listing", 'l');

        final String column;
        final char tag;

        Scope(String column, char tag) {
            this.column = column;
            this.tag = tag;
        }
    }

    /** A scope's revision and when it moved; its ETag is the same on every replica. */
    public record Revision(Scope scope, long number, Instant movedAt) {
        public String etag() {
            return "\"" + scope.tag + number + "\"";
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(CatalogRevisions.class);
    private static final String SELECT = Statements.load("catalog/select-revisions.sql");
    private static final String SELECT_ONE = Statements.load("catalog/select-revision.sql");
    private static final String LISTEN = Statements.load("catalog/listen-revisions.sql");
    /** A quiet spell this long re-reads the revisions: proves the connection, and catches up on anything missed. */
    private static final int QUIET_MS = 5_000;

    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final AtomicReference<Revision> listing = new AtomicReference<>();
    private volatile boolean listening;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread listener;

    public CatalogRevisions(HikariDataSource pool, Jdbi jdbi) {
        this.pool = pool;
        this.jdbi = jdbi;
    }

    /** For a 304 without the database: the listing's revision while listening (notifications may be missed otherwise), else null. */
    public Revision remembered(Scope scope) {
        return listening && scope == Scope.LISTING ? listing.get() : null;
    }

    /** For a full answer, before its data is read: its ETag is never newer than its data. */
    public Revision read(Scope scope) {
        Revision revision = jdbi.withHandle(handle -> handle
                .createQuery(SELECT_ONE)
                .bind("scope", scope.column)
                .map((rs, ctx) -> new Revision(scope, rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .one());
        advance(revision);
        return revision;
    }

    /** The next time the clock alone changes an answer (a statement of one value, :name parameters), or null. */
    public Instant nextClockChange(String statement, Map<String, ?> parameters) {
        return jdbi.withHandle(handle -> handle.createQuery(statement).bindMap(parameters)
                .map((rs, ctx) -> rs.getObject(1, OffsetDateTime.class))
                .findOne().map(OffsetDateTime::toInstant).orElse(null));
    }

    public boolean isListening() {
        return listening;
    }

    @Override
    protected void doStart() {
        running = true;
        listener = new Thread(this::listen, "catalog-revisions");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    protected void doStop() throws InterruptedException {
        running = false;
        listening = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing to wake the listener; it ends either way
            }
        }
        listener.interrupt();
        listener.join(2_000);
    }

    private void listen() {
        boolean warned = false;
        while (running) {
            try (Connection c = connect()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute(LISTEN);
                }
                // after LISTEN: a change committed in between is in the read or in a notification
                refresh(c);
                listening = true;
                if (warned) {
                    LOG.info("catalog revisions: listening again");
                    warned = false;
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(QUIET_MS);
                    if (notifications == null || notifications.length == 0) {
                        refresh(c);
                    } else {
                        for (PGNotification n : notifications) {
                            apply(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (running && !warned) {
                    LOG.warn("catalog revisions: not listening ({}); conditional requests read the database until it is back",
                            e.getMessage());
                    warned = true;
                }
                sleep();
            } finally {
                listening = false;
                connection = null;
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.setProperty("ApplicationName", "ghost-records catalog revisions");
        properties.setProperty("connectTimeout", "5");
        // a dead peer fails the next read within this many seconds (a quiet spell reads every 5 s)
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(pool.getJdbcUrl(), properties);
    }

    private void refresh(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SELECT)) {
            while (rs.next()) {
                Scope scope = scope(rs.getString(1));
                if (scope != null) {
                    advance(new Revision(scope, rs.getLong(2), rs.getObject(3, OffsetDateTime.class).toInstant()));
                }
            }
        }
    }

    /** '<scope> <revision> <epoch microseconds>' (catalog_change_committed). */
    private void apply(String payload) {
        String[] parts = payload == null ? new String[0] : payload.split(" ");
        Scope scope = parts.length == 3 ? scope(parts[0]) : null;
        if (scope == null) {
            LOG.warn("catalog revisions: ignored notification '{}'", payload);
            return;
        }
        long micros = Long.parseLong(parts[2]);
        advance(new Revision(scope, Long.parseLong(parts[1]),
                Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L)));
    }

    /** Revisions only move forward (a read and a notification may arrive in either order); only the listing's is remembered. */
    private void advance(Revision revision) {
        if (revision.scope() == Scope.LISTING) {
            listing.accumulateAndGet(revision, (old, now) -> old == null || now.number() > old.number() ? now : old);
        }
    }

    private static Scope scope(String column) {
        for (Scope scope : Scope.values()) {
            if (scope.column.equals(column)) {
                return scope;
            }
        }
        return null;
    }

    private void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
