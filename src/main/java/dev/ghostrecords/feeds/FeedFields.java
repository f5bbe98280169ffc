package dev.ghostrecords.feeds;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The normalised fields beyond id, name and context window (README, "Feed files"): max
 * output tokens, pricing in USD per token, the retirement date and the deprecated flag, from
 * wherever each provider puts them. A value of the wrong type is ignored (null), never an error:
 * a feed is not refused for one odd field.
 */
final class FeedFields {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final List<String> OUTPUT_KEYS = List.of("max_output_tokens", "outputTokenLimit", "max_tokens", "max_completion_tokens");
    /** Anthropic's own {@code retires_at} besides the documented ones. */
    private static final List<String> RETIREMENT_KEYS = List.of("expiration_date", "shutdown_date", "deprecation_date", "deprecation", "retires_at");
    /** LiteLLM's extra per-token costs, under OpenRouter's names. */
    private static final Map<String, String> LITELLM_EXTRA = Map.of(
            "cache_read_input_token_cost", "input_cache_read",
            "cache_creation_input_token_cost", "input_cache_write");
    /** models.dev's extra costs (per million tokens), under OpenRouter's names. */
    private static final Map<String, String> MODELS_DEV_EXTRA = Map.of(
            "cache_read", "input_cache_read",
            "cache_write", "input_cache_write");
    private static final BigDecimal MAX_PRICE = new BigDecimal("1000000");

    private FeedFields() {
    }

    /** A positive whole number, or a string of digits (as the context window always took it); anything else is null. */
    static Long count(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isTextual() && value.textValue().strip().matches("\\d{1,18}")) {
            return Long.parseLong(value.textValue().strip());
        }
        if (value.isNumber() && value.canConvertToExactIntegral() && value.canConvertToLong() && value.longValue() > 0) {
            return value.longValue();
        }
        return null;
    }

    static Long maxOutputTokens(ObjectNode node) {
        if (isEmbedding(node)) {
            // an embedding model writes no tokens: its max_tokens (LiteLLM) or outputTokenLimit of 1
            // (Gemini) is no output limit
            return null;
        }
        for (String key : OUTPUT_KEYS) {
            Long n = count(node.get(key));
            if (n != null) {
                return n;
            }
        }
        JsonNode top = node.get("top_provider");
        Long openRouter = top != null && top.isObject() ? count(top.get("max_completion_tokens")) : null;
        if (openRouter != null) {
            return openRouter;
        }
        // models.dev: {"limit": {"context": n, "output": n}}
        JsonNode limit = node.get("limit");
        return limit != null && limit.isObject() ? count(limit.get("output")) : null;
    }

    /**
     * LiteLLM's {@code "mode": "embedding"}, Together's {@code "type": "embedding"}, or a Gemini model
     * whose only generation methods embed ({@code embedContent}, {@code embedText}).
     */
    static boolean isEmbedding(ObjectNode node) {
        if ("embedding".equals(node.path("mode").asText()) || "embedding".equals(node.path("type").asText())) {
            return true;
        }
        JsonNode methods = node.get("supportedGenerationMethods");
        if (methods == null || !methods.isArray() || methods.isEmpty()) {
            return false;
        }
        for (JsonNode method : methods) {
            if (!method.asText().startsWith("embed")) {
                return false;
            }
        }
        return true;
    }

    /** {@code {"prompt": n, "completion": n, ...}} as JSON text, USD per token; null when the entry has no price. */
    static String pricing(ObjectNode node) {
        ObjectNode prices = NODES.objectNode();
        JsonNode openRouter = node.get("pricing");
        if (openRouter != null && openRouter.isObject() && (openRouter.has("prompt") || openRouter.has("completion"))) {
            // OpenRouter: per token, as strings; every numeric key kept (web_search, input_cache_read...)
            for (Iterator<Map.Entry<String, JsonNode>> it = openRouter.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                put(prices, f.getKey(), price(f.getValue()));
            }
        }
        // LiteLLM: per token, numbers
        put(prices, "prompt", price(node.get("input_cost_per_token")));
        put(prices, "completion", price(node.get("output_cost_per_token")));
        LITELLM_EXTRA.forEach((from, to) -> put(prices, to, price(node.get(from))));
        JsonNode cost = node.get("cost");
        if (cost != null && cost.isObject()) {
            // models.dev: per million tokens
            put(prices, "prompt", perMillion(price(cost.get("input"))));
            put(prices, "completion", perMillion(price(cost.get("output"))));
            MODELS_DEV_EXTRA.forEach((from, to) -> put(prices, to, perMillion(price(cost.get(from)))));
        }
        return prices.isEmpty() ? null : prices.toString();
    }

    private static void put(ObjectNode prices, String key, BigDecimal value) {
        // jsonb cannot hold U+0000, even in a key
        if (value != null && !prices.has(key) && key.indexOf('\0') < 0) {
            prices.put(key, value);
        }
    }

    /**
     * A price: a number or a string holding one, at least 0 (OpenRouter's "-1" means "it varies":
     * no price, not a negative one).
     */
    static BigDecimal price(JsonNode value) {
        BigDecimal n = null;
        if (value != null && value.isNumber()) {
            n = value.decimalValue();
        } else if (value != null && value.isTextual()) {
            try {
                n = new BigDecimal(value.textValue().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (n == null || n.signum() < 0 || n.compareTo(MAX_PRICE) > 0 || n.scale() > 30) {
            return null;
        }
        return n.signum() == 0 ? BigDecimal.ZERO : n.stripTrailingZeros();
    }

    private static BigDecimal perMillion(BigDecimal perMillion) {
        return perMillion == null ? null : perMillion.movePointLeft(6).stripTrailingZeros();
    }

    /** The announced retirement: the first key holding a date, a time or epoch seconds. */
    static OffsetDateTime retiresAt(ObjectNode node) {
        for (String key : RETIREMENT_KEYS) {
            JsonNode value = node.get(key);
            OffsetDateTime at = time(value);
            if (at == null && value != null && value.isObject()) {
                // Mistral may describe the deprecation as an object: its first date counts
                for (Iterator<JsonNode> it = value.elements(); it.hasNext() && at == null; ) {
                    at = time(it.next());
                }
            }
            if (at != null) {
                return at;
            }
        }
        return null;
    }

    /**
     * A point in time: ISO date ({@code 2026-03-01}, midnight UTC), date-time with or without an
     * offset (UTC assumed), or epoch seconds (a number or a string of digits).
     */
    static OffsetDateTime time(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isNumber() && value.canConvertToExactIntegral() && value.canConvertToLong()) {
            return epoch(value.longValue());
        }
        if (!value.isTextual()) {
            return null;
        }
        String text = value.textValue().strip();
        if (text.matches("\\d{9,11}")) {
            return epoch(Long.parseLong(text));
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return within(OffsetDateTime.parse(text.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2")));
            }
            return within(LocalDateTime.parse(text.replace(' ', 'T')).atOffset(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static OffsetDateTime epoch(long seconds) {
        // years 1970..9999: what timestamptz and the page can show
        if (seconds <= 0 || seconds > 253_402_300_799L) {
            return null;
        }
        return Instant.ofEpochSecond(seconds).atOffset(ZoneOffset.UTC);
    }

    private static OffsetDateTime within(OffsetDateTime at) {
        int year = at.withOffsetSameInstant(ZoneOffset.UTC).getYear();
        return year < 1970 || year > 9999 ? null : at.withOffsetSameInstant(ZoneOffset.UTC);
    }

    /**
     * Deprecated: {@code is_deprecated} / {@code deprecated} true (Cohere, others), {@code status}
     * "deprecated" (models.dev), Anthropic's {@code lifecycle} "deprecated" or "retired".
     */
    static boolean deprecated(ObjectNode node) {
        return isTrue(node.get("is_deprecated")) || isTrue(node.get("deprecated"))
                || isWord(node.get("status"), "deprecated")
                || isWord(node.get("lifecycle"), "deprecated") || isWord(node.get("lifecycle"), "retired");
    }

    private static boolean isTrue(JsonNode value) {
        return value != null && value.isBoolean() && value.booleanValue();
    }

    private static boolean isWord(JsonNode value, String word) {
        return value != null && value.isTextual() && value.textValue().strip().toLowerCase(Locale.ROOT).equals(word);
    }
}
