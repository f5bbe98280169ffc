package dev.ghostrecords.catalog;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghostrecords.api.ApiException;
import dev.ghostrecords.api.ModelInput;
import dev.ghostrecords.api.QueryParams;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.StreamCache;
import org.apache.camel.converter.stream.CachedOutputStream;

import static dev.ghostrecords.api.QueryParams.bool;
import static dev.ghostrecords.api.QueryParams.flag;
import static dev.ghostrecords.api.QueryParams.number;
import static dev.ghostrecords.api.QueryParams.oneOf;
import static dev.ghostrecords.catalog.Sql.params;

/** The catalog as the API reads and edits it: models, the ingestion log, the audit trail. */
public final class Catalog {

    private static final Sql SELECT_MODELS = Sql.load("catalog/select-models.sql");
    private static final Sql SELECT_MODEL = Sql.load("catalog/select-model.sql");
    private static final Sql SELECT_ACTIVE = Sql.load("catalog/select-active-models.sql");
    private static final Sql SELECT_INGESTIONS = Sql.load("catalog/select-ingestions.sql");
    private static final Sql SELECT_EVENTS = Sql.load("catalog/select-events.sql");
    private static final Sql INSERT_PROVIDER = Sql.load("catalog/insert-provider.sql");
    private static final Sql INSERT_MANUAL = Sql.load("catalog/insert-manual-model.sql");
    private static final Sql LOCK_MODEL = Sql.load("catalog/lock-model.sql");
    private static final Sql REACTIVATE = Sql.load("catalog/reactivate-model.sql");
    private static final Sql INSERT_EVENT = Sql.load("catalog/insert-event.sql");

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final List<String> SOURCES = List.of("INDEX", "INFERENCE", "MANUAL");
    private static final List<String> KINDS = List.of("DISCOVERED", "REACTIVATED", "DEACTIVATED", "PURGED", "CHANGED");

    /** A model as the API shows it. */
    public record Model(String providerId, String modelId, String name, Long contextWindow,
                        @JsonProperty("isActive") boolean isActive, String source, OffsetDateTime firstSeenAt,
                        OffsetDateTime lastSeenAt, OffsetDateTime lastIndexedAt, OffsetDateTime lastInferenceAt,
                        OffsetDateTime deactivatedAt, @JsonRawValue String metadata) {
    }

    public record ModelPage(long total, int limit, int offset, List<Model> models) {
    }

    public record Ingestion(long id, String fileName, String providerId, Long fileSize, OffsetDateTime fileModifiedAt,
                            OffsetDateTime startedAt, OffsetDateTime finishedAt, String status, int modelsIngested,
                            int modelsSkipped, String error) {
    }

    public record Event(long id, String providerId, String modelId, String kind, String source, OffsetDateTime at,
                        @JsonRawValue String detail) {
    }

    /** The OpenAI "list models" shapes, so the OpenAI SDKs can read the catalog. */
    public record OpenAiModel(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {
    }

    private final DataSource dataSource;
    private final ObjectMapper json;
    /** "recent" inference, for ghosts: the stale window */
    private final double ghostWindowHours;

    public Catalog(DataSource dataSource, ObjectMapper json, double ghostWindowHours) {
        this.dataSource = dataSource;
        this.json = json;
        this.ghostWindowHours = ghostWindowHours;
    }

    public ModelPage models(@Header("active") String active, @Header("provider") String provider,
                            @Header("source") String source, @Header("q") String text, @Header("ghost") String ghost,
                            @Header("limit") String limit, @Header("offset") String offset) throws SQLException {
        int pageSize = number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        int skip = number("offset", offset, 0, 0, Integer.MAX_VALUE);
        Map<String, Object> filters = params("active", bool("active", active), "providerId", slug(provider),
                "source", oneOf("source", source, SOURCES), "text", QueryParams.text(text),
                "ghostHours", flag("ghost", ghost) ? ghostWindowHours : null);
        filters.putAll(params("limit", pageSize, "offset", skip));
        try (Connection c = dataSource.getConnection(); PreparedStatement select = SELECT_MODELS.prepare(c, filters);
             ResultSet rs = select.executeQuery()) {
            long total = 0;
            List<Model> models = new ArrayList<>();
            while (rs.next()) {
                total = rs.getLong("total");
                if (rs.getString("model_id") != null) {
                    models.add(model(rs));
                }
            }
            return new ModelPage(total, pageSize, skip, models);
        }
    }

    public Model model(@Header("provider") String provider, @Header("model") String model) throws SQLException {
        if (provider == null || provider.isBlank() || model == null || model.isEmpty()) {
            throw ApiException.badRequest("both query parameters are needed: ?provider=P&model=M");
        }
        try (Connection c = dataSource.getConnection()) {
            return find(c, slug(provider), model);
        }
    }

    public List<Ingestion> ingestions(@Header("provider") String provider, @Header("limit") String limit)
            throws SQLException {
        Map<String, Object> p = params("providerId", slug(provider), "limit", number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
        List<Ingestion> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = SELECT_INGESTIONS.prepare(c, p);
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(new Ingestion(rs.getLong("id"), rs.getString("file_name"), rs.getString("provider_id"),
                        (Long) rs.getObject("file_size"), time(rs, "file_modified_at"), time(rs, "started_at"),
                        time(rs, "finished_at"), rs.getString("status"), rs.getInt("models_ingested"),
                        rs.getInt("models_skipped"), rs.getString("error")));
            }
        }
        return rows;
    }

    public List<Event> events(@Header("provider") String provider, @Header("model") String model,
                              @Header("kind") String kind, @Header("limit") String limit) throws SQLException {
        Map<String, Object> p = params("providerId", slug(provider), "modelId", model == null || model.isEmpty() ? null : model,
                "kind", oneOf("kind", kind, KINDS), "limit", number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
        List<Event> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = SELECT_EVENTS.prepare(c, p);
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(new Event(rs.getLong("id"), rs.getString("provider_id"), rs.getString("model_id"),
                        rs.getString("kind"), rs.getString("source"), time(rs, "at"), rs.getString("detail")));
            }
        }
        return rows;
    }

    /** POST /api/models: a model added by hand. */
    public Model addManual(String body) throws SQLException {
        ModelInput input = ModelInput.parse(parse(body), "model", true);
        return Transactions.inTransaction(dataSource, c -> {
            INSERT_PROVIDER.update(c, params("providerId", input.providerId()));
            int added = INSERT_MANUAL.update(c, params("providerId", input.providerId(), "modelId", input.modelId(),
                    "name", input.modelName(), "contextWindow", input.contextWindow(), "metadata", input.metadata()));
            if (added == 0) {
                throw new ApiException(409, "model " + input.providerId() + "/" + input.modelId()
                        + " already exists; POST /api/models/reactivate brings back an inactive one");
            }
            event(c, input.providerId(), input.modelId(), "DISCOVERED", "MANUAL", "{\"by\": \"api\"}");
            return find(c, input.providerId(), input.modelId());
        });
    }

    /** POST /api/models/reactivate: an operator brings a model back. */
    public Model reactivate(String body) throws SQLException {
        ModelInput input = ModelInput.parse(parse(body), "request", false);
        return Transactions.inTransaction(dataSource, c -> {
            Map<String, Object> key = params("providerId", input.providerId(), "modelId", input.modelId());
            boolean wasActive;
            String source;
            try (PreparedStatement lock = LOCK_MODEL.prepare(c, key); ResultSet rs = lock.executeQuery()) {
                if (!rs.next()) {
                    throw ApiException.notFound("no model " + input.providerId() + "/" + input.modelId());
                }
                wasActive = rs.getBoolean("is_active");
                source = rs.getString("source");
            }
            REACTIVATE.update(c, key);
            if (!wasActive) {
                event(c, input.providerId(), input.modelId(), "REACTIVATED", source, "{\"by\": \"api\"}");
            }
            return find(c, input.providerId(), input.modelId());
        });
    }

    /**
     * GET /v1/models: the whole active catalog, streamed. PostgreSQL hands the rows over in chunks
     * (a cursor) and the JSON goes into Camel's stream cache, which spills to a temporary file past
     * its threshold: a million models never sit in the heap at once.
     */
    public StreamCache openAiList(Exchange exchange) throws SQLException, IOException {
        CachedOutputStream out = new CachedOutputStream(exchange);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // pgjdbc fetches in chunks only inside a transaction
            try (PreparedStatement s = SELECT_ACTIVE.prepare(c, Map.of())) {
                s.setFetchSize(1000);
                try (ResultSet rs = s.executeQuery();
                     JsonGenerator g = json.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
                    g.writeStartObject();
                    g.writeStringField("object", "list");
                    g.writeArrayFieldStart("data");
                    while (rs.next()) {
                        json.writeValue(g, openAi(rs.getString("provider_id"), rs.getString("model_id"), time(rs, "first_seen_at")));
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
            } finally {
                c.rollback();
            }
        }
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        return out.newStreamCache();
    }

    /** GET /v1/models/{providerId}/{modelId}: the id is everything after /v1/models/, '/' raw or as %2F. */
    public OpenAiModel openAiModel(@Header("id") String id) throws SQLException {
        int slash = id == null ? -1 : id.indexOf('/');
        if (slash <= 0 || slash == id.length() - 1) {
            throw ApiException.notFound("no model '" + id + "': ids are <providerId>/<modelId>");
        }
        Model model;
        try (Connection c = dataSource.getConnection()) {
            model = find(c, id.substring(0, slash).toLowerCase(Locale.ROOT), id.substring(slash + 1));
        }
        if (!model.isActive()) {
            throw ApiException.notFound("model '" + id + "' is inactive");
        }
        return openAi(model.providerId(), model.modelId(), model.firstSeenAt());
    }

    private static OpenAiModel openAi(String providerId, String modelId, OffsetDateTime firstSeenAt) {
        return new OpenAiModel(providerId + "/" + modelId, "model", firstSeenAt.toEpochSecond(), providerId);
    }

    private Model find(Connection c, String providerId, String modelId) throws SQLException {
        try (PreparedStatement s = SELECT_MODEL.prepare(c, params("providerId", providerId, "modelId", modelId));
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw ApiException.notFound("no model " + providerId + "/" + modelId);
            }
            return model(rs);
        }
    }

    private static void event(Connection c, String providerId, String modelId, String kind, String source, String detail)
            throws SQLException {
        INSERT_EVENT.update(c, params("providerId", providerId, "modelId", modelId, "kind", kind, "source", source,
                "detail", detail));
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body == null ? "" : body);
        } catch (Exception e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getMessage().split("\n")[0]);
        }
    }

    private static Model model(ResultSet rs) throws SQLException {
        return new Model(rs.getString("provider_id"), rs.getString("model_id"), rs.getString("name"),
                (Long) rs.getObject("context_window"), rs.getBoolean("is_active"), rs.getString("source"),
                time(rs, "first_seen_at"), time(rs, "last_seen_at"), time(rs, "last_indexed_at"),
                time(rs, "last_inference_at"), time(rs, "deactivated_at"), rs.getString("metadata"));
    }

    private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class);
    }

    private static String slug(String provider) {
        return provider == null || provider.isBlank() ? null : provider.strip().toLowerCase(Locale.ROOT);
    }
}
