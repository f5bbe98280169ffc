package dev.ghostrecords.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SQL statement kept in {@code src/main/resources/sql/<capability>/<verb>-<noun>.sql}, with
 * {@code :#name} parameters as in camel-sql, so the same files read the same from routes and beans.
 */
public final class Sql {

    private static final Pattern NAMED = Pattern.compile(":#(\\w+)");

    private final String path;
    private final String jdbc;
    private final List<String> names;

    private Sql(String path, String jdbc, List<String> names) {
        this.path = path;
        this.jdbc = jdbc;
        this.names = names;
    }

    public static Sql load(String path) {
        try (InputStream in = Sql.class.getClassLoader().getResourceAsStream("sql/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL file sql/" + path);
            }
            String text = withoutComments(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<String> names = new ArrayList<>();
            Matcher m = NAMED.matcher(text);
            StringBuilder jdbc = new StringBuilder();
            while (m.find()) {
                names.add(m.group(1));
                m.appendReplacement(jdbc, "?");
            }
            m.appendTail(jdbc);
            return new Sql(path, jdbc.toString().strip().replaceAll(";$", ""), names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops {@code -- comments} (outside quotes), so a parameter named in a comment is not bound. */
    private static String withoutComments(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && ch == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                while (i < sql.length() && sql.charAt(i) != '\n') {
                    i++;
                }
                ch = '\n';
            }
            out.append(ch);
        }
        return out.toString();
    }

    /** The statement as JDBC reads it, for statements without parameters (COPY, DDL). */
    public String text() {
        return jdbc;
    }

    /** A statement with every {@code :#name} bound from {@code params}; a missing name is a bug. */
    public PreparedStatement prepare(Connection connection, Map<String, ?> params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(jdbc);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!params.containsKey(name)) {
                statement.close();
                throw new IllegalArgumentException(path + " needs parameter :#" + name);
            }
            statement.setObject(i + 1, params.get(name));
        }
        return statement;
    }

    public int update(Connection connection, Map<String, ?> params) throws SQLException {
        try (PreparedStatement statement = prepare(connection, params)) {
            return statement.executeUpdate();
        }
    }

    /** Named values for {@link #prepare}; unlike {@code Map.of} it takes nulls. */
    public static Map<String, Object> params(Object... namesAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
