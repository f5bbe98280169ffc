package dev.ghostrecords.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ghostrecords.catalog.QueryParams;
import dev.ghostrecords.database.Statements;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.StreamCache;
import org.apache.camel.converter.stream.CachedOutputStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The catalog in other tools' formats: LiteLLM's model cost map and models.dev's api.json. Like
 * GET /v1/models, each is written from a database cursor into Camel's stream cache (a temporary file
 * past its threshold), so the heap holds one model at a time whatever the catalog's size.
 */
public final class Exports {

    private static final String LITELLM = Statements.load("export/select-litellm-models.sql");
    private static final String MODELS_DEV = Statements.load("export/select-models-dev-models.sql");
    /** LiteLLM's modes (its schema's enum): a feed's other words are not LiteLLM's, and the entry says chat. */
    private static final Set<String> MODES = Set.of("audio_speech", "audio_transcription", "chat", "completion", "container",
            "image_edit", "embedding", "image_generation", "video_generation", "moderation", "rerank", "realtime", "responses",
            "ocr", "search", "vector_store");
    /** The supports_* flags LiteLLM's schema knows: any other key makes its test refuse the map. */
    private static final Set<String> FLAGS = Set.of("supports_computer_use", "supports_assistant_prefill", "supports_audio_input",
            "supports_audio_output", "supports_embedding_image_input", "supports_code_execution", "supports_file_search",
            "supports_function_calling", "supports_image_input", "supports_nova_canvas_image_edit",
            "supports_parallel_function_calling", "supports_pdf_input", "supports_prompt_caching", "supports_response_schema",
            "supports_system_messages", "supports_tool_choice", "supports_video_input", "supports_vision", "supports_web_search",
            "supports_url_context", "supports_multimodal", "supports_reasoning", "supports_minimal_reasoning_effort",
            "supports_none_reasoning_effort", "supports_xhigh_reasoning_effort", "supports_max_reasoning_effort",
            "supports_service_tier", "supports_preset", "supports_native_streaming", "supports_native_structured_output");
    private static final int FETCH_SIZE = 1000;

    /** prices as stored: exact decimals, never doubles */
    private static final ObjectMapper READER = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final double ghostHours;
    private final double retiringDays;
    private final ExportProviders providers;

    /** ghostHours: the stale window (as ?ghost=true); retiringDays: GHOST_RETIRING_DAYS (as ?retiring=true). */
    public Exports(Jdbi jdbi, ObjectMapper json, double ghostHours, double retiringDays, ExportProviders providers) {
        this.jdbi = jdbi;
        this.json = json;
        this.ghostHours = ghostHours;
        this.retiringDays = retiringDays;
        this.providers = providers;
    }

    /** GET /export/litellm/model_prices_and_context_window.json[?active=true|false]: every model, or the active (inactive) ones. */
    public StreamCache litellm(Exchange exchange, @Header("active") String active) throws IOException {
        Boolean only = QueryParams.bool("active", QueryParams.plain("active", active));
        return stream(exchange, (handle, g) -> {
            g.writeStartObject();
            handle.createQuery(LITELLM).bind("active", only).bind("ghostHours", ghostHours).setFetchSize(FETCH_SIZE)
                    .map((rs, ctx) -> {
                        writeLiteLlm(g, rs);
                        return Boolean.TRUE;
                    })
                    .forEach(written -> { });
            g.writeEndObject();
        });
    }

    /** GET /export/models.dev/api.json: the active models, by provider, as opencode reads models.dev. */
    public StreamCache modelsDev(Exchange exchange) throws IOException {
        return stream(exchange, (handle, g) -> {
            g.writeStartObject();
            String[] current = {null};
            handle.createQuery(MODELS_DEV).bind("retiringDays", retiringDays).setFetchSize(FETCH_SIZE)
                    .map((rs, ctx) -> {
                        String provider = rs.getString("provider_id");
                        if (!provider.equals(current[0])) {
                            if (current[0] != null) {
                                endProvider(g);
                            }
                            startProvider(g, provider);
                            current[0] = provider;
                        }
                        writeModelsDev(g, rs);
                        return Boolean.TRUE;
                    })
                    .forEach(written -> { });
            if (current[0] != null) {
                endProvider(g);
            }
            g.writeEndObject();
        });
    }

    @FunctionalInterface
    private interface Writer {
        void write(Handle handle, JsonGenerator g) throws IOException;
    }

    private StreamCache stream(Exchange exchange, Writer writer) throws IOException {
        CachedOutputStream out = new CachedOutputStream(exchange);
        // pgjdbc fetches in chunks only inside a transaction
        jdbi.useTransaction(handle -> {
            try (JsonGenerator g = json.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
                writer.write(handle, g);
            }
        });
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        return out.newStreamCache();
    }

    private void writeLiteLlm(JsonGenerator g, ResultSet rs) throws SQLException {
        String mode = rs.getString("mode");
        if (mode == null || !MODES.contains(mode)) {
            mode = rs.getBoolean("embedding") ? "embedding" : "chat";
        }
        String own = rs.getString("litellm_provider");
        String provider = rs.getString("provider_id");
        Long context = rs.getObject("context_window", Long.class);
        // an embedding model writes no tokens: no output limit, whatever a feed said
        Long output = mode.equals("embedding") ? null : rs.getObject("max_output_tokens", Long.class);
        JsonNode pricing = tree(rs.getString("pricing"));
        OffsetDateTime retires = rs.getObject("retires_at", OffsetDateTime.class);
        Map<String, Boolean> supports = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree(rs.getString("supports")).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> flag = it.next();
            if (FLAGS.contains(flag.getKey())) {
                supports.put(flag.getKey(), flag.getValue().booleanValue());
            }
        }
        LiteLlmModel model = new LiteLlmModel(own != null ? own : provider.equals("google") ? "gemini" : provider, mode,
                context, output, output, price(pricing, "prompt"), price(pricing, "completion"),
                price(pricing, "input_cache_read"), price(pricing, "input_cache_write"),
                retires == null ? null : retires.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString(),
                new LiteLlmModel.Facts(rs.getString("source"), rs.getBoolean("is_active"),
                        rs.getObject("first_seen_at", OffsetDateTime.class), rs.getObject("last_seen_at", OffsetDateTime.class),
                        rs.getBoolean("ghost")),
                supports);
        try {
            g.writeFieldName(rs.getString("key"));
            json.writeValue(g, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A price of the catalog's pricing object (USD per token), when it is a number. */
    private static BigDecimal price(JsonNode pricing, String key) {
        JsonNode value = pricing.get(key);
        return value != null && value.isNumber() ? value.decimalValue() : null;
    }

    private void startProvider(JsonGenerator g, String id) {
        try {
            g.writeObjectFieldStart(id);
            g.writeStringField("id", id);
            g.writeStringField("name", providers.name(id));
            g.writeArrayFieldStart("env");
            g.writeString(providers.keyEnv(id));
            g.writeEndArray();
            String npm = providers.npm(id);
            g.writeStringField("npm", npm);
            String api = providers.api(id);
            if (api != null) {
                g.writeStringField("api", api);
            }
            g.writeObjectFieldStart("models");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void endProvider(JsonGenerator g) {
        try {
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeModelsDev(JsonGenerator g, ResultSet rs) throws SQLException {
        String id = rs.getString("model_id");
        String name = rs.getString("name");
        String released = rs.getString("release_date");
        if (released == null) {
            released = rs.getObject("first_seen_at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString();
        }
        boolean attachment = rs.getBoolean("attachment");
        JsonNode pricing = tree(rs.getString("pricing"));
        ModelsDev.Cost cost = pricing.get("prompt") != null && pricing.get("completion") != null
                ? new ModelsDev.Cost(perMillion(pricing.get("prompt")), perMillion(pricing.get("completion")),
                        perMillion(pricing.get("input_cache_read")), perMillion(pricing.get("input_cache_write")))
                : null;
        ModelsDev.Model model = new ModelsDev.Model(id, name == null ? id : name, released, attachment,
                rs.getBoolean("reasoning"), bool(rs, "temperature", true), rs.getBoolean("tool_call"), cost,
                new ModelsDev.Limit(rs.getLong("context_window"), rs.getLong("max_output_tokens")),
                new ModelsDev.Modalities(attachment ? List.of("text", "image") : List.of("text"), List.of("text")),
                rs.getBoolean("retiring") ? "deprecated" : null, Map.of());
        try {
            g.writeFieldName(id);
            json.writeValue(g, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean bool(ResultSet rs, String column, boolean unknown) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? unknown : value;
    }

    private static BigDecimal perMillion(JsonNode perToken) {
        return perToken == null || !perToken.isNumber() ? null : perToken.decimalValue().movePointRight(6);
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? READER.createObjectNode() : READER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
