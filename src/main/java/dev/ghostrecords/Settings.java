package dev.ghostrecords;

import java.text.ParseException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.quartz.CronExpression;

/**
 * The settings read strictly: a value that does not parse stops the service or the command with one
 * line naming the environment variable, the value and what it must be.
 */
final class Settings {

    /** The keys whose variables are not the key's own name. */
    private static final Map<String, String> VARIABLES = Map.of(
            "camel.server.host", "GHOST_HTTP_HOST",
            "camel.server.port", "GHOST_HTTP_PORT",
            "camel.management.port", "GHOST_MANAGEMENT_PORT",
            "ghost.db.embedded-port", "GHOST_EMBEDDED_DB_PORT");

    private final Function<String, String> values;

    Settings(Function<String, String> values) {
        this.values = values;
    }

    String text(String key) {
        String value = values.apply(key);
        return value == null ? "" : value.strip();
    }

    int integer(String key, int min, int max) {
        String value = text(key);
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below with the others
        }
        throw refused(key, value, "a whole number from " + min + " to " + max);
    }

    double positive(String key) {
        String value = text(key);
        try {
            double number = Double.parseDouble(value);
            if (number > 0 && Double.isFinite(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below with the others
        }
        throw refused(key, value, "a positive number");
    }

    /** A share: more than 0, at most 1. */
    double fraction(String key) {
        String value = text(key);
        try {
            double number = Double.parseDouble(value);
            if (number > 0 && number <= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below with the others
        }
        throw refused(key, value, "a number above 0 and at most 1 (0.5 = half)");
    }

    /**
     * A Quartz cron (with seconds), or null for {@code never}: that schedule is off.
     */
    String cron(String key) {
        String value = text(key);
        if (value.equalsIgnoreCase("never")) {
            return null;
        }
        try {
            CronExpression.validateExpression(value);
            return value;
        } catch (ParseException | RuntimeException e) {
            throw refused(key, value, "a Quartz cron with seconds, such as '0 0 * * * ?' (hourly), or 'never' to turn"
                    + " the schedule off; " + (e.getMessage() == null ? "it does not parse"
                    // Quartz appends the Java exception it hit ('(java.lang.StringIndexOutOfBoundsException: ...)')
                    : e.getMessage().replaceAll("\\s*\\(java\\.[^)]*\\)", "")));
        }
    }

    /** Kafka brokers: {@code host:port[,host:port...]}; empty is allowed (Kafka off). */
    String brokers(String key) {
        String value = text(key);
        if (value.isEmpty()) {
            return value;
        }
        for (String broker : value.split(",", -1)) {
            if (!broker.strip().matches("[A-Za-z0-9._\\-]+:([1-9][0-9]{0,4})|\\[[0-9A-Fa-f:.]+]:([1-9][0-9]{0,4})")
                    || Integer.parseInt(broker.substring(broker.lastIndexOf(':') + 1).strip()) > 65535) {
                throw refused(key, value, "a comma-separated list of host:port (e.g. kafka-1:9092,kafka-2:9092), or empty for no Kafka");
            }
        }
        return value;
    }

    /** A Kafka topic name (letters, digits, '.', '_', '-'), short enough for its {@code .dlq} beside it. */
    String topic(String key) {
        String value = text(key);
        if (!value.matches("[A-Za-z0-9._\\-]{1,245}") || value.equals(".") || value.equals("..")) {
            throw refused(key, value, "a Kafka topic name: 1 to 245 letters, digits, '.', '_' or '-'");
        }
        return value;
    }

    /** A value that must be there. */
    String required(String key, String expected) {
        String value = text(key);
        if (value.isEmpty()) {
            throw refused(key, value, expected);
        }
        return value;
    }

    static IllegalArgumentException refused(String key, String value, String expected) {
        return new IllegalArgumentException(variable(key) + "='" + value + "' must be " + expected + " (setting " + key + ")");
    }

    /** {@code ghost.stale.max-fraction} is set by {@code GHOST_STALE_MAX_FRACTION}. */
    static String variable(String key) {
        return VARIABLES.getOrDefault(key, key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    }
}
