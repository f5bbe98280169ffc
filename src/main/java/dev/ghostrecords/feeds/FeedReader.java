package dev.ghostrecords.feeds;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ghostrecords.catalog.ModelKey;

/**
 * Reads provider "list models" files, streaming: one entry in memory at a time, whatever the size.
 * A first pass checks the whole file is well-formed and finds the list of models (the envelope is
 * only known once the top-level keys are seen); the second pass hands over the entries. So a
 * truncated or broken file is refused before a single model is written.
 */
final class FeedReader {

    /** Where the models are: a bare array, {@code {"data":[...]}}, {@code {"models":[...]}}, or a map keyed by id. */
    enum Shape { ARRAY, DATA, MODELS, MAP }

    @FunctionalInterface
    interface EntrySink {
        void accept(FeedEntry entry) throws Exception;
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            // keep numbers as written: no double rounding, no Infinity that jsonb would refuse
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    // model_name: LiteLLM's /model/info lists deployments with no other id key
    private static final List<String> ID_KEYS = List.of("id", "model", "name", "model_name");
    // LiteLLM's model_prices_and_context_window.json opens with an entry that documents the fields
    private static final String MAP_DOCUMENTATION_KEY = "sample_spec";
    private static final List<String> NAME_KEYS = List.of("display_name", "displayName");
    private static final List<String> CONTEXT_KEYS = List.of(
            "context_length", "context_window", "inputTokenLimit", "max_context_length", "max_input_tokens", "max_model_len");
    private static final String GEMINI_PREFIX = "models/";

    private FeedReader() {
    }

    /** First pass: the whole file parsed, nothing kept but where the models are. */
    static Shape inspect(Path file) throws IOException, FeedFormatException {
        JsonParser p = JSON.createParser(file.toFile());
        try (p) {
            JsonToken root = p.nextToken();
            Shape shape;
            if (root == null) {
                throw new FeedFormatException("no JSON in the file", p.currentLocation());
            } else if (root == JsonToken.START_ARRAY) {
                p.skipChildren();
                shape = Shape.ARRAY;
            } else if (root == JsonToken.START_OBJECT) {
                shape = inspectObject(p);
            } else {
                throw new FeedFormatException("expected a JSON array or object of models, found "
                        + (root.isNumeric() ? "a number" : root == JsonToken.VALUE_STRING ? "a string" : p.getText()),
                        p.currentTokenLocation());
            }
            if (p.nextToken() != null) {
                throw new FeedFormatException("unexpected content after the end of the JSON document",
                        p.currentTokenLocation());
            }
            return shape;
        } catch (JsonProcessingException e) {
            throw FeedFormatException.of(e, p);
        }
    }

    private static Shape inspectObject(JsonParser p) throws IOException, FeedFormatException {
        boolean data = false;
        boolean models = false;
        JsonLocation error = null;
        JsonLocation notAList = null;
        String notAListKey = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonLocation at = p.currentTokenLocation();
            JsonToken value = p.nextToken();
            boolean list = value == JsonToken.START_ARRAY;
            data |= key.equals("data") && list;
            models |= key.equals("models") && list;
            if (key.equals("error") && error == null) {
                error = at;
            }
            if ((key.equals("data") || key.equals("models")) && !list && notAList == null) {
                notAList = at;
                notAListKey = key;
            }
            p.skipChildren();
        }
        if (data) {
            return Shape.DATA;
        } else if (models) {
            return Shape.MODELS;
        } else if (error != null) {
            // a provider's error answer saved as a feed ({"error": {...}}) is not a map of models
            throw new FeedFormatException("the file is an error response (top-level \"error\"), not a list of models", error);
        } else if (notAList != null) {
            throw new FeedFormatException("\"" + notAListKey + "\" is not an array of models", notAList);
        }
        return Shape.MAP;
    }

    /**
     * Second pass: every entry of the file in order; returns the entries left out and why. A map's
     * {@code sample_spec} entry is documentation: neither a model nor a skipped entry.
     */
    static Skips read(Path file, Shape shape, EntrySink sink) throws Exception {
        Skips skipped = new Skips();
        long position = 0;
        JsonParser p = JSON.createParser(file.toFile());
        try (p) {
            p.nextToken();
            if (shape == Shape.MAP) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    if (key.equals(MAP_DOCUMENTATION_KEY)) {
                        p.skipChildren();
                        continue;
                    }
                    JsonNode value = JSON.readTree(p);
                    ObjectNode entry = value.isObject() ? (ObjectNode) value : JSON.createObjectNode();
                    // the key is the id, as LiteLLM-style maps mean it
                    entry.set("id", TextNode.valueOf(key));
                    offer(entry, ++position, sink, skipped);
                }
                return skipped;
            }
            if (shape != Shape.ARRAY) {
                String list = shape == Shape.DATA ? "data" : "models";
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    if (p.nextToken() == JsonToken.START_ARRAY && key.equals(list)) {
                        break;
                    }
                    p.skipChildren();
                }
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                offer(JSON.readTree(p), ++position, sink, skipped);
            }
        } catch (JsonProcessingException e) {
            throw FeedFormatException.of(e, p);
        }
        return skipped;
    }

    /** To the sink, or counted with its reason when it cannot be a model. */
    private static void offer(JsonNode node, long position, EntrySink sink, Skips skipped) throws Exception {
        String reason = skipReason(node);
        if (reason != null) {
            skipped.add(position, reason);
            return;
        }
        sink.accept(entry((ObjectNode) node));
    }

    /** Why an entry cannot be a model (a short phrase for the summary line), or null when it can. */
    static String skipReason(JsonNode node) {
        if (!node.isObject()) {
            return "not an object";
        }
        String idKey = idKey(node);
        if (idKey == null) {
            return "no id";
        }
        String id = id(node.get(idKey).textValue());
        if (id.isBlank()) {
            return "blank id";
        }
        // the API's rule (too long, control characters): an id stored must read back through the API
        String problem = ModelKey.modelIdProblem(id);
        return problem == null ? null : "id " + problem;
    }

    private static String idKey(JsonNode node) {
        return ID_KEYS.stream().filter(k -> usableText(node.get(k))).findFirst().orElse(null);
    }

    private static String id(String rawId) {
        return rawId.startsWith(GEMINI_PREFIX) ? rawId.substring(GEMINI_PREFIX.length()) : rawId;
    }

    static FeedEntry entry(ObjectNode node) throws JsonProcessingException {
        if (skipReason(node) != null) {
            return null;
        }
        String idKey = idKey(node);
        String rawId = node.get(idKey).textValue();
        String id = id(rawId);
        String name = NAME_KEYS.stream().map(node::get).filter(FeedReader::usableText)
                .map(JsonNode::textValue).findFirst().orElse(null);
        if (name == null && !idKey.equals("name") && usableText(node.get("name"))) {
            String plain = node.get("name").textValue();
            name = plain.equals(id) || plain.equals(rawId) ? null : plain;
        }
        return new FeedEntry(id, withoutNul(name), contextWindow(node), FeedFields.maxOutputTokens(node),
                FeedFields.pricing(node), FeedFields.retiresAt(node), FeedFields.deprecated(node), metadata(node));
    }

    private static Long contextWindow(ObjectNode node) {
        for (String key : CONTEXT_KEYS) {
            Long window = FeedFields.count(node.get(key));
            if (window != null) {
                return window;
            }
        }
        // models.dev: {"limit": {"context": n, "output": n}}
        JsonNode limit = node.get("limit");
        return limit != null && limit.isObject() ? FeedFields.count(limit.get("context")) : null;
    }

    private static String metadata(ObjectNode node) throws JsonProcessingException {
        String json = JSON.writeValueAsString(node);
        // jsonb refuses \u0000; only then is the entry walked and the character replaced
        return json.contains("\\u0000") ? JSON.writeValueAsString(withoutNul(node)) : json;
    }

    private static JsonNode withoutNul(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(withoutNul(node.textValue()));
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(f -> copy.set(withoutNul(f.getKey()), withoutNul(f.getValue())));
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(withoutNul(element)));
            return copy;
        }
        return node;
    }

    private static String withoutNul(String text) {
        return text == null ? null : text.replace('\0', '\uFFFD');
    }

    private static boolean usableText(JsonNode value) {
        return value != null && value.isTextual() && !value.textValue().isBlank();
    }
}
