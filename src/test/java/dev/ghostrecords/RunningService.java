package dev.ghostrecords;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.main.Main;

import static dev.ghostrecords.FreePorts.freePort;

/**
 * The real service ({@code serve}: routes, beans, migrations) started in the test's JVM against a
 * database of the test's own, watching a folder of the test's own. Settings go in through the same
 * keys application.properties defines.
 */
public final class RunningService implements AutoCloseable {

    private final TestDatabase.Database database;
    private final Path modelsDir;
    private final Map<String, String> settings;
    private Main main;

    public RunningService(TestDatabase.Database database, Path modelsDir, Map<String, String> extraSettings) {
        this.database = database;
        this.modelsDir = modelsDir;
        this.settings = new HashMap<>(Map.of(
                "ghost.db.url", database.url(),
                "ghost.db.user", database.user(),
                "ghost.db.password", database.password(),
                "ghost.models.dir", modelsDir.toString(),
                "ghost.models.poll-delay", "100",
                "ghost.models.quiet-period", "100",
                "camel.server.port", Integer.toString(freePort()),
                "camel.management.port", Integer.toString(freePort())));
        this.settings.putAll(extraSettings);
    }

    public static RunningService start(TestDatabase.Database database, Path modelsDir) throws Exception {
        return new RunningService(database, modelsDir, Map.of()).start();
    }

    public RunningService start() throws Exception {
        Files.createDirectories(modelsDir);
        main = GhostApplication.create(true, settings);
        main.start();
        return this;
    }

    public void stop() throws Exception {
        if (main != null) {
            main.stop();
            main = null;
        }
    }

    public boolean isRunning() {
        return main != null && main.getCamelContext().isStarted();
    }

    /** The API's address: {@code http://127.0.0.1:<port><path>}. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + settings.get("camel.server.port") + path);
    }

    public URI managementUrl(String path) {
        return URI.create("http://127.0.0.1:" + settings.get("camel.management.port") + path);
    }


    @Override
    public void close() throws Exception {
        stop();
    }

    public TestDatabase.Database database() {
        return database;
    }

    /** Rows of a query, each as column -> value; for assertions on what a user would see in the catalog. */
    public List<Map<String, Object>> rows(String sql, Object... args) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    public Object value(String sql, Object... args) throws SQLException {
        List<Map<String, Object>> rows = rows(sql, args);
        return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
    }

    public long count(String sql, Object... args) throws SQLException {
        return ((Number) value(sql, args)).longValue();
    }

    public void execute(String sql, Object... args) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.execute();
        }
    }
}
