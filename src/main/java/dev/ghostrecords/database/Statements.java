package dev.ghostrecords.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The statements Java runs itself through Jdbi (COPY, cursors, the group commit, maintenance), read
 * from {@code src/main/resources/sql/<capability>/}. Their parameters are Jdbi's {@code :name};
 * the files the routes run through camel-sql use {@code :#name}.
 */
public final class Statements {

    private Statements() {
    }

    public static String load(String path) {
        try (InputStream in = Statements.class.getClassLoader().getResourceAsStream("sql/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL file sql/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
