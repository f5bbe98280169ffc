package dev.ghostrecords;

import java.text.ParseException;
import java.util.Locale;
import java.util.Map;

import org.quartz.CronExpression;

/**
 * The settings read strictly: a value that does not parse stops the service or the command with one
 * line naming the environment variable, the value and what it must be. Configuration classes check
 * the values they are injected ({@code @PropertyInject}) with these methods.
 */
public final class Settings {

    /** The keys whose variables are not the key's own name. */
    private static final Map<String, String> VARIABLES = Map.of(
            "camel.server.host", "GHOST_HTTP_HOST",
            "camel.server.port", "GHOST_HTTP_PORT",
            "camel.management.host", "GHOST_MANAGEMENT_HOST",
            "camel.management.port", "GHOST_MANAGEMENT_PORT",
            "ghost.db.embedded-port", "GHOST_EMBEDDED_DB_PORT");

    private Settings() {
    }

    /** A value as read, without the spaces around it; absent is empty. */
    public static String stripped(String value) {
        return value == null ? "" : value.strip();
    }

    public static int integer(String key, String raw, int min, int max) {
        String value = stripped(raw);
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

    public static double positive(String key, String raw) {
        String value = stripped(raw);
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

    public static double fraction(String key, String raw) {
        String value = stripped(raw);
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

    public static String cron(String key, String raw) {
        String value = stripped(raw);
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

    public static String brokers(String key, String raw) {
        String value = stripped(raw);
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

    public static String topic(String key, String raw) {
        String value = stripped(raw);
        if (!value.matches("[A-Za-z0-9._\\-]{1,245}") || value.equals(".") || value.equals("..")) {
            throw refused(key, value, "a Kafka topic name: 1 to 245 letters, digits, '.', '_' or '-'");
        }
        return value;
    }

    public static String required(String key, String raw, String expected) {
        String value = stripped(raw);
        if (value.isEmpty()) {
            throw refused(key, value, expected);
        }
        return value;
    }

    public static IllegalArgumentException refused(String key, String value, String expected) {
        return new IllegalArgumentException(variable(key) + "='" + value + "' must be " + expected + " (setting " + key + ")");
    }

    /** {@code ghost.stale.max-fraction} is set by {@code GHOST_STALE_MAX_FRACTION}. */
    public static String variable(String key) {
        return VARIABLES.getOrDefault(key, key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    }
}
