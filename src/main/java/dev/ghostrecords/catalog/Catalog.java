package dev.ghostrecords.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghostrecords.database.Statements;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;
import org.apache.camel.Variable;
import org.apache.camel.converter.stream.CachedOutputStream;
import org.jdbi.v3.core.Jdbi;

/**
 * The catalog as the API reads and edits it. The statements run in the routes (camel-sql, rows
 * into the answer records, {@code database/SqlRows}); this bean turns them into answers, or into "not found" and
 * "conflict". Only the whole-catalog listing runs here, from a cursor.
 */
public final class Catalog {

    private static final String SELECT_ACTIVE = Statements.load("catalog/select-active-models.sql");

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public Catalog(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    /** GET /api/models: each row carries the total (a page past the end: one row, no model). */
    public ModelPage page(ModelQuery query, @Variable("rows") List<ModelPage.Row> rows) {
        long total = rows.isEmpty() ? 0 : rows.get(0).total();
        List<Model> models = rows.stream().map(ModelPage.Row::model).filter(Objects::nonNull).toList();
        return new ModelPage(total, query.limit(), query.offset(), models);
    }

    /** GET /api/model, POST /api/models/reactivate: the model, or 404. */
    public Model found(ModelKey key, @Variable("model") Model model) {
        if (model == null) {
            throw new CatalogException.NotFound("no model " + key);
        }
        return model;
    }

    /** GET /api/model?...&at=T: the model as it was then, or 404 when it did not exist then. */
    public Model foundAt(ModelAt at, @Variable("model") Model model) {
        if (model == null) {
            throw new CatalogException.NotFound("no model " + at.providerId() + "/" + at.modelId() + " at " + at.at()
                    + " (unknown, or not yet seen then)");
        }
        return model;
    }

    /** GET /api/model/history: the versions oldest first, or 404 for a model the catalog never had. */
    public ModelVersion.History history(ModelKey key, @Variable("versions") List<ModelVersion> versions) {
        if (versions == null || versions.isEmpty()) {
            throw new CatalogException.NotFound("no model " + key);
        }
        return new ModelVersion.History(versions);
    }

    /** POST /api/models: the model added, or 409 when it was there already. */
    public Model added(ModelInput input, @Variable("model") Model model) {
        if (model == null) {
            throw new CatalogException.Conflict("model " + input.providerId() + "/" + input.modelId()
                    + " already exists; POST /api/models/reactivate brings back an inactive one");
        }
        return model;
    }

    /** DELETE /api/providers/{id}: the row removed, or 404 (unknown) or 409 (it holds models). */
    public void providerDeleted(ProviderKey key, @Variable("deletion") ProviderDeletion deletion) {
        if (deletion == null) {
            throw new CatalogException.NotFound("no provider '" + key.providerId() + "'");
        }
        if (!deletion.deleted()) {
            throw new CatalogException.Conflict("provider '" + key.providerId() + "' still holds " + deletion.models()
                    + (deletion.models() == 1 ? " model" : " models") + "; only a provider without models can be deleted");
        }
    }

    /** GET /v1/models/{id}: an active model in the OpenAI shape, or 404. */
    public OpenAiModel openAiModel(ModelKey key, @Variable("model") Model model) {
        if (model == null) {
            throw new CatalogException.NotFound("no model '" + key + "'");
        }
        if (!model.isActive()) {
            throw new CatalogException.NotFound("model '" + key + "' is inactive");
        }
        return OpenAiModel.of(key.providerId(), key.modelId(), model.firstSeenAt());
    }

    /**
     * GET /v1/models: the whole active catalog, streamed. PostgreSQL hands the rows over in chunks
     * (a cursor) and the JSON goes into Camel's stream cache, which spills to a temporary file past
     * its threshold: a million models never sit in the heap at once.
     */
    public StreamCache openAiList(Exchange exchange) throws IOException {
        CachedOutputStream out = new CachedOutputStream(exchange);
        // pgjdbc fetches in chunks only inside a transaction
        jdbi.useTransaction(handle -> {
            try (JsonGenerator g = json.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
                g.writeStartObject();
                g.writeStringField("object", "list");
                g.writeArrayFieldStart("data");
                handle.createQuery(SELECT_ACTIVE).setFetchSize(1000)
                        .map((rs, ctx) -> OpenAiModel.of(rs.getString("provider_id"), rs.getString("model_id"),
                                rs.getObject("first_seen_at", OffsetDateTime.class)))
                        .forEach(model -> write(g, model));
                g.writeEndArray();
                g.writeEndObject();
            }
        });
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        return out.newStreamCache();
    }

    private void write(JsonGenerator g, OpenAiModel model) {
        try {
            json.writeValue(g, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
