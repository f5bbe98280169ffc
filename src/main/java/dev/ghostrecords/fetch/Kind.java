package dev.ghostrecords.fetch;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How each kind of provider API lists its models: the path, the query of the first and the next
 * page, where the key goes, and the envelope its pages (and so the file written) come in.
 */
public enum Kind {
    /** Any OpenAI-compatible API (Groq, Mistral, DeepSeek, xAI, Together, Fireworks...). */
    OPENAI("/models", "data", true),
    /** OpenRouter: OpenAI's shape; the key is optional. */
    OPENROUTER("/models", "data", false),
    /** {@code ?limit=1000}, then {@code &after_id=<last_id>} while {@code has_more}. */
    ANTHROPIC("/models", "data", true),
    /** {@code ?pageSize=1000}, then {@code &pageToken=<nextPageToken>} while one is returned. */
    GEMINI("/models", "models", true),
    /** {@code ?page_size=1000}, then {@code &page_token=<next_page_token>}. */
    COHERE("/models", "models", true),
    /** A local server: {@code /api/tags}, no key. */
    OLLAMA("/api/tags", "models", false);

    static final String ANTHROPIC_VERSION = "2023-06-01";
    private static final String PAGE_SIZE = "1000";

    private final String path;
    private final String envelope;
    private final boolean keyRequired;

    Kind(String path, String envelope, boolean keyRequired) {
        this.path = path;
        this.envelope = envelope;
        this.keyRequired = keyRequired;
    }

    /** {@code openai} in providers.yaml; null when no kind has that name. */
    static Kind named(String name) {
        for (Kind kind : values()) {
            if (kind.configName().equals(name)) {
                return kind;
            }
        }
        return null;
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    String path() {
        return path;
    }

    /** The array field of a page, and of the file written: {@code data} or {@code models}. */
    String envelope() {
        return envelope;
    }

    boolean keyRequired() {
        return keyRequired;
    }

    /** Whether a key is sent at all (Ollama never gets one). */
    boolean usesKey() {
        return this != OLLAMA;
    }

    /** The query of the first page, null for none. */
    String firstQuery() {
        return switch (this) {
            case ANTHROPIC -> "limit=" + PAGE_SIZE;
            case GEMINI -> "pageSize=" + PAGE_SIZE;
            case COHERE -> "page_size=" + PAGE_SIZE;
            default -> null;
        };
    }

    /** The query of the page after {@code page}, or null when {@code page} was the last. */
    String nextQuery(JsonNode page) {
        return switch (this) {
            case ANTHROPIC -> {
                if (!page.path("has_more").asBoolean(false)) {
                    yield null;
                }
                String last = text(page.get("last_id"));
                if (last == null) {
                    JsonNode entries = page.get(envelope);
                    last = entries.isEmpty() ? null : text(entries.get(entries.size() - 1).get("id"));
                }
                yield last == null ? null : firstQuery() + "&after_id=" + encode(last);
            }
            case GEMINI -> token(page, "nextPageToken", "pageToken");
            case COHERE -> token(page, "next_page_token", "page_token");
            default -> null;
        };
    }

    private String token(JsonNode page, String field, String parameter) {
        String token = text(page.get(field));
        return token == null ? null : firstQuery() + "&" + parameter + "=" + encode(token);
    }

    /** The request headers that carry the key (none without one). */
    Map<String, String> headers(String key) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (this == ANTHROPIC) {
            headers.put("anthropic-version", ANTHROPIC_VERSION);
        }
        if (key == null || !usesKey()) {
            return headers;
        }
        switch (this) {
            case ANTHROPIC -> headers.put("x-api-key", key);
            // in a header, never the query: a URI shows up in exceptions and logs
            case GEMINI -> headers.put("x-goog-api-key", key);
            default -> headers.put("Authorization", "Bearer " + key);
        }
        return headers;
    }

    /**
     * The page's entries when the page is this kind's envelope; otherwise why not (an
     * {@code {"error": ...}} answer, another shape).
     */
    JsonNode entries(JsonNode page) throws NotTheEnvelope {
        if (this == OPENAI && page != null && page.isArray()) {
            // Together's OpenAI-compatible /models answers a bare array; the file gets {"data": [...]}
            return page;
        }
        if (page == null || !page.isObject()) {
            throw new NotTheEnvelope("expected a JSON object with \"" + envelope + "\": [...], got "
                    + (page == null ? "nothing" : page.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        JsonNode error = page.get("error");
        if (error != null && !error.isNull()) {
            String message = error.isTextual() ? error.asText() : error.path("message").isTextual()
                    ? error.path("message").asText() : error.toString();
            throw new NotTheEnvelope("the provider answered an error: " + message);
        }
        JsonNode entries = page.get(envelope);
        if (entries == null && this == GEMINI && page.isEmpty()) {
            // Google's APIs leave an empty list out: {} is a page without models
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (entries == null || !entries.isArray()) {
            throw new NotTheEnvelope("expected \"" + envelope + "\": [...] (the " + configName()
                    + " envelope), got an object with " + page.size() + " field(s)"
                    + (page.size() == 0 ? "" : ": " + String.join(", ", iterable(page))));
        }
        return entries;
    }

    private static Iterable<String> iterable(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.size() > 5 ? names.subList(0, 5) : names;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.asText().isEmpty() ? null : node.asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A 2xx answer that is not a page of this kind. */
    static final class NotTheEnvelope extends Exception {
        NotTheEnvelope(String message) {
            super(message);
        }
    }
}
