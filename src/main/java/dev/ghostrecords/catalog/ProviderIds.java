package dev.ghostrecords.catalog;

import java.util.Locale;

/** Provider ids are slugs, compared lower-cased: {@code OpenAI} is {@code openai}, as file names are. */
public final class ProviderIds {

    private ProviderIds() {
    }

    /** The slug of a provider id as given; null for null or blank (no provider). */
    public static String normalize(String providerId) {
        return providerId == null || providerId.isBlank() ? null : providerId.strip().toLowerCase(Locale.ROOT);
    }

    /** Provider slug from a feed file name: the part before {@code _models}, else the name without {@code .json}. */
    public static String ofFeedFile(String fileName) {
        int models = fileName.indexOf("_models");
        String slug = models >= 0 ? fileName.substring(0, models)
                : fileName.toLowerCase(Locale.ROOT).endsWith(".json") ? fileName.substring(0, fileName.length() - 5)
                : fileName;
        return slug.toLowerCase(Locale.ROOT);
    }
}
