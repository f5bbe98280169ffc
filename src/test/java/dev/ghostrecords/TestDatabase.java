package dev.ghostrecords;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for the tests: the one at {@code GHOST_TEST_DB_URL} (with {@code GHOST_TEST_DB_USER},
 * {@code GHOST_TEST_DB_PASSWORD}), else an embedded PostgreSQL 17 started once per test run. Every
 * caller gets a database of its own, so tests never see each other's rows.
 */
public final class TestDatabase {

    public record Database(String url, String user, String password) {
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Database server;

    private TestDatabase() {
    }

    public static synchronized Database fresh() {
        Database admin = server();
        String name = "ghost_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = admin.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + admin.url(), e);
        }
        String url = admin.url().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
        return new Database(url, admin.user(), admin.password());
    }

    private static Database server() {
        if (server == null) {
            String url = System.getenv("GHOST_TEST_DB_URL");
            if (url != null && !url.isBlank()) {
                server = new Database(url, env("GHOST_TEST_DB_USER", "postgres"), env("GHOST_TEST_DB_PASSWORD", ""));
            } else {
                try {
                    EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                    server = new Database("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres", "postgres", "");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return server;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
