package dev.ghostrecords.fetch;

/**
 * One entry of the providers file: the provider's slug (the catalog's provider id and the file
 * name's prefix), its API kind, where it answers, and the environment variable holding its key
 * (none: a server that takes no key, such as a local OpenAI-compatible one).
 */
public record Provider(String id, Kind kind, String baseUrl, String keyEnv) {

    /** The URL of the list of models, without a query. */
    String modelsUrl() {
        return baseUrl + kind.path();
    }
}
