package dev.ghostrecords;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GHOST_LOG_FORMAT} ({@code text} or {@code json}) and {@code GHOST_LOG_LEVEL}: read from the
 * environment before the first line is logged (log4j2.properties reads the system properties set
 * here), so they are not in application.properties, which Camel reads later.
 */
final class LogSettings {

    static final String FORMAT = "GHOST_LOG_FORMAT";
    static final String LEVEL = "GHOST_LOG_LEVEL";

    private static final List<String> FORMATS = List.of("text", "json");
    private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF", "ALL");

    private LogSettings() {
    }

    /** Sets the log format and level from {@code env}; a value that is neither refused, named. */
    static void apply(Map<String, String> env) {
        String format = env.getOrDefault(FORMAT, "").strip().toLowerCase(Locale.ROOT);
        if (!format.isEmpty() && !FORMATS.contains(format)) {
            throw new IllegalArgumentException(FORMAT + "='" + env.get(FORMAT) + "' must be text or json");
        }
        String level = env.getOrDefault(LEVEL, "").strip().toUpperCase(Locale.ROOT);
        if (!level.isEmpty() && !LEVELS.contains(level)) {
            throw new IllegalArgumentException(LEVEL + "='" + env.get(LEVEL) + "' must be one of "
                    + String.join(", ", LEVELS.subList(0, 5)) + " or OFF");
        }
        System.setProperty("ghost.log.format", format.isEmpty() ? "text" : format);
        if (!level.isEmpty()) {
            System.setProperty("ghost.log.level", level);
        }
        System.setProperty("ghost.log.libraries", librariesLevel(level));
    }

    /**
     * The level of Camel's, Quartz's and Kafka's loggers (log4j2.properties): their start-up and
     * shutdown INFO lines are details, shown only when details are asked for (DEBUG, TRACE).
     */
    static String librariesLevel(String level) {
        return switch (level) {
            case "", "INFO" -> "WARN";
            default -> level;
        };
    }

    /** One-shot commands print their results on stdout: their logs go to stderr, WARN and up unless asked. */
    static void quietCommand(Map<String, String> env) {
        if (env.getOrDefault(LEVEL, "").isBlank()) {
            System.setProperty("ghost.log.level", "WARN");
        }
        System.setProperty("ghost.log.target", "SYSTEM_ERR");
    }
}
