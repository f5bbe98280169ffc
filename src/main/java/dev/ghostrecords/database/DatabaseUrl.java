package dev.ghostrecords.database;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code GHOST_DB_URL} as operators write it: a JDBC URL ({@code jdbc:postgresql://host:port/db}) or
 * the URL most hosting platforms hand out ({@code postgres://user:password@host:port/db}, also
 * {@code postgresql://}), turned into the JDBC URL plus user and password. Credentials found in the
 * URL (userinfo, or {@code user=}/{@code password=} in the query) are taken out of it, so the URL the
 * service logs never holds a password; they win over {@code GHOST_DB_USER}/{@code GHOST_DB_PASSWORD}.
 */
record DatabaseUrl(String jdbcUrl, String user, String password) {

    private static final String JDBC = "jdbc:postgresql://";
    private static final String FIX = "; use jdbc:postgresql://host:port/db (or postgres://user:password@host:port/db)"
            + " (setting ghost.db.url)";

    /** An empty URL stays empty: the embedded PostgreSQL. */
    static DatabaseUrl parse(String url, String user, String password) {
        String value = url == null ? "" : url.strip();
        if (value.isEmpty()) {
            return new DatabaseUrl("", user, password);
        }
        String lower = value.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("jdbc:postgresql:") && !lower.startsWith(JDBC)) {
            // pgjdbc's host-less forms (jdbc:postgresql:db): nothing to take apart
            return new DatabaseUrl(value, user, password);
        } else if (lower.startsWith(JDBC)) {
            rest = value.substring(JDBC.length());
        } else if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")) {
            rest = value.substring(value.indexOf("://") + 3);
        } else {
            throw new IllegalArgumentException("GHOST_DB_URL='" + redacted(value) + "' is not a PostgreSQL URL" + FIX);
        }
        URI uri;
        try {
            uri = new URI("postgresql://" + rest);
        } catch (Exception e) {
            throw new IllegalArgumentException("GHOST_DB_URL='" + redacted(value) + "' does not parse as a URL" + FIX);
        }
        if (uri.getHost() == null && uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("GHOST_DB_URL='" + redacted(value) + "' names no host" + FIX);
        }
        String foundUser = null;
        String foundPassword = null;
        String authority = uri.getRawAuthority();
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            foundUser = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            foundPassword = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        List<String> kept = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                String val = pair.contains("=") ? decode(pair.substring(pair.indexOf('=') + 1)) : "";
                if (name.equalsIgnoreCase("user")) {
                    foundUser = val;
                } else if (name.equalsIgnoreCase("password")) {
                    foundPassword = val;
                } else if (!pair.isEmpty()) {
                    kept.add(pair);
                }
            }
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String jdbc = JDBC + authority + path + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        return new DatabaseUrl(jdbc, foundUser != null && !foundUser.isEmpty() ? foundUser : user,
                foundPassword != null ? foundPassword : password);
    }

    /** The URL with any password replaced, for error messages. */
    static String redacted(String url) {
        return url.replaceAll("(://[^:/@]*:)[^@]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
