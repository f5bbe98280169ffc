package dev.ghostrecords.catalog;

import java.util.List;
import java.util.Locale;


/** Query parameters read strictly: a value that does not parse is refused, naming the parameter. */
public final class QueryParams {

    /** A page's size when the request names none, and the most one request may ask for. */
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private QueryParams() {
    }

    /** A parameter's raw value, refused when it holds a control character (CR, LF, NUL...). */
    public static String plain(String name, String value) {
        if (value != null && value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new CatalogException.Invalid(name + " must not contain control characters");
        }
        return value;
    }

    /** true, false, or null when absent. */
    public static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new CatalogException.Invalid(name + " must be true or false, got '" + value + "'");
        };
    }

    /** A flag: absent means false. */
    public static boolean flag(String name, String value) {
        return Boolean.TRUE.equals(bool(name, value));
    }

    public static int number(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                throw new CatalogException.Invalid(name + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new CatalogException.Invalid(name + " must be a whole number, got '" + value + "'");
        }
    }

    /** {@code limit}: 1 to {@link #MAX_LIMIT}, {@code fallback} when absent. */
    public static int limit(String value, int fallback) {
        return number("limit", value, fallback, 1, MAX_LIMIT);
    }

    /** A positive number, or null when absent. */
    public static Double positive(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double number = Double.parseDouble(value.strip());
            if (number > 0 && !Double.isInfinite(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below, like any other value that is not a positive number
        }
        throw new CatalogException.Invalid(name + " must be a positive number, got '" + value + "'");
    }

    /** One of {@code allowed} (any case), or null when absent. */
    public static String oneOf(String name, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String upper = value.strip().toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            throw new CatalogException.Invalid(name + " must be one of " + allowed + ", got '" + value + "'");
        }
        return upper;
    }

    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
