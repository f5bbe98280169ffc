package dev.ghostrecords.catalog;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Provider ids are slugs, compared lower-cased: {@code OpenAI} is {@code openai}, as file names are.
 * The one rule for every way a provider id comes in (feed file, fetch, HTTP, Kafka, CLI), so nothing
 * is stored that a URL or query could not ask for again.
 */
public final class ProviderIds {

    public static final int MAX_LENGTH = 128;
    /** The rule, as every refusal states it. */
    public static final String RULE = "a provider id is 1-" + MAX_LENGTH + " characters of a-z, 0-9, '-', '_' and '.'";

    private static final Pattern SLUG = Pattern.compile("[a-z0-9._-]{1," + MAX_LENGTH + "}");

    private ProviderIds() {
    }

    /** The slug of a provider id as given; null for null or blank (no provider). For lookups: not checked. */
    public static String normalize(String providerId) {
        return providerId == null || providerId.isBlank() ? null : providerId.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether {@code slug}, as it would be stored (already lower-cased), follows {@link #RULE}. */
    public static boolean valid(String slug) {
        return slug != null && SLUG.matcher(slug).matches();
    }

    /**
     * A provider id to store: lower-cased, then checked; refused (400, exit 2) naming {@code field} and the rule.
     */
    public static String require(String field, String providerId) {
        String slug = providerId == null ? "" : providerId.strip().toLowerCase(Locale.ROOT);
        if (!valid(slug)) {
            throw new CatalogException.Invalid(field + " " + shown(providerId) + " is not a provider id: " + RULE);
        }
        return slug;
    }

    /** Provider slug from a feed file name: the part before {@code _models}, else the name without {@code .json}. */
    public static String ofFeedFile(String fileName) {
        int models = fileName.indexOf("_models");
        String slug = models >= 0 ? fileName.substring(0, models)
                : fileName.toLowerCase(Locale.ROOT).endsWith(".json") ? fileName.substring(0, fileName.length() - 5)
                : fileName;
        return slug.toLowerCase(Locale.ROOT);
    }

    /** A value quoted for a message; a long one cut (the message must stay one readable line). */
    static String shown(String value) {
        if (value == null) {
            return "(none)";
        }
        return "'" + (value.length() > 60 ? value.substring(0, 60) + "...' (" + value.length() + " characters)" : value + "'");
    }
}
