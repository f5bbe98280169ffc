package dev.ghostrecords.catalog;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

import static dev.ghostrecords.catalog.QueryParams.DEFAULT_LIMIT;
import static dev.ghostrecords.catalog.QueryParams.bool;
import static dev.ghostrecords.catalog.QueryParams.flag;
import static dev.ghostrecords.catalog.QueryParams.limit;
import static dev.ghostrecords.catalog.QueryParams.number;
import static dev.ghostrecords.catalog.QueryParams.oneOf;
import static dev.ghostrecords.catalog.QueryParams.plain;
import static dev.ghostrecords.catalog.QueryParams.text;

/**
 * The catalog's requests (models, one model, its history, manual models, reactivation, events and
 * the OpenAI-shaped reads) read once into the records its statements take; whatever does not parse
 * is refused here with a reason that names it (400).
 */
public final class CatalogRequests {

    private static final List<String> SOURCES = List.of("INDEX", "INFERENCE", "MANUAL");
    private static final List<String> KINDS = List.of("DISCOVERED", "REACTIVATED", "DEACTIVATED", "PURGED", "CHANGED", "GHOST", "RETIRING");
    private static final String OPENAI_MODELS = "/v1/models/";

    private final JsonBody body;
    /** ghost=true looks this far back for inference hits: the stale window */
    private final double ghostWindowHours;

    /** retiring=true looks this far ahead for retirement dates (GHOST_RETIRING_DAYS) */
    private final double retiringDays;

    public CatalogRequests(ObjectMapper json, double ghostWindowHours, double retiringDays) {
        this.body = new JsonBody(json);
        this.ghostWindowHours = ghostWindowHours;
        this.retiringDays = retiringDays;
    }

    /** GET /api/models?retiring=true: the page query, narrowed to the retiring models. */
    public ModelQuery retiring(ModelQuery query, @Header("retiring") String retiring) {
        return flag("retiring", retiring) ? query.retiringWithin(retiringDays) : query;
    }

    /** GET /api/model?provider=P&model=M&at=T: T an ISO-8601 time (a date alone: its start, UTC). */
    public ModelAt modelAt(@Header("provider") String provider, @Header("model") String model, @Header("at") String at) {
        ModelKey key = model(provider, model);
        return new ModelAt(key.providerId(), key.modelId(), time("at", plain("at", at)));
    }

    /** An ISO-8601 date-time (with Z or an offset; none means UTC) or a date. */
    static OffsetDateTime time(String name, String value) {
        // an unencoded '+' of an offset arrives as a space
        String text = value == null ? "" : value.strip().replaceFirst(" (\\d\\d:\\d\\d)$", "+$1");
        try {
            OffsetDateTime at;
            if (text.length() == 10) {
                at = LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC);
            } else if (text.endsWith("Z") || text.endsWith("z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                at = OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).withOffsetSameInstant(ZoneOffset.UTC);
            } else {
                at = LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
            }
            // what timestamptz holds and a person means: years 1 to 9999
            if (at.getYear() >= 1 && at.getYear() <= 9999) {
                return at;
            }
        } catch (DateTimeParseException e) {
            // refused below, like a year out of range
        }
        throw new CatalogException.Invalid(name + " must be an ISO-8601 time such as 2026-11-20T12:00:00Z or a date"
                + " such as 2026-11-20, got '" + value + "'");
    }

    /** GET /api/models */
    public ModelQuery models(@Header("active") String active, @Header("provider") String provider,
                             @Header("source") String source, @Header("q") String text, @Header("ghost") String ghost,
                             @Header("limit") String limit, @Header("offset") String offset) {
        return new ModelQuery(bool("active", active), ProviderIds.normalize(plain("provider", provider)),
                oneOf("source", source, SOURCES), text(plain("q", text)), flag("ghost", ghost) ? ghostWindowHours : null,
                limit(limit, DEFAULT_LIMIT), number("offset", offset, 0, 0, Integer.MAX_VALUE));
    }

    /** GET /api/model?provider=P&model=M */
    public ModelKey model(@Header("provider") String provider, @Header("model") String model) {
        if (provider == null || provider.isBlank() || model == null || model.isEmpty()) {
            throw new CatalogException.Invalid("both query parameters are needed: ?provider=P&model=M");
        }
        return new ModelKey(plain("provider", provider), plain("model", model));
    }

    /**
     * GET /v1/models/{id}: the id is {@code <providerId>/<modelId>}, everything after /v1/models/,
     * its '/' raw or as %2F (platform-http hands the path over still percent-encoded).
     */
    public ModelKey openAiModel(@Header(Exchange.HTTP_PATH) String path) {
        String id = path != null && path.startsWith(OPENAI_MODELS) ? Paths.percentDecoded(path.substring(OPENAI_MODELS.length())) : "";
        int slash = id.indexOf('/');
        if (slash <= 0 || slash == id.length() - 1) {
            throw new CatalogException.NotFound("no model '" + id + "': ids are <providerId>/<modelId>");
        }
        return new ModelKey(id.substring(0, slash), id.substring(slash + 1));
    }

    /** POST /api/models */
    public ModelInput manualModel(byte[] body) {
        return ModelInput.parse(this.body.read(body), "model", true, true);
    }

    /** POST /api/models/reactivate */
    public ModelKey reactivation(byte[] body) {
        ModelInput input = ModelInput.parse(this.body.read(body), "request", false);
        return new ModelKey(input.providerId(), input.modelId());
    }

    /**
     * DELETE /api/providers/{id}: the id as stored, lower-cased but not held to the slug rule, so a row
     * an earlier version let in (spaces, too long) can be removed too.
     */
    public ProviderKey provider(@Header("id") String id) {
        return providerKey(id);
    }

    /** The same reading for {@code delete-provider}, before anything starts. */
    public static ProviderKey providerKey(String id) {
        String providerId = ProviderIds.normalize(plain("id", id));
        if (providerId == null) {
            throw new CatalogException.Invalid("the provider id is missing: DELETE /api/providers/{id}");
        }
        return new ProviderKey(providerId);
    }

    /** GET /api/events */
    public EventQuery events(@Header("provider") String provider, @Header("model") String model,
                             @Header("kind") String kind, @Header("limit") String limit) {
        return new EventQuery(ProviderIds.normalize(plain("provider", provider)),
                model == null || model.isEmpty() ? null : plain("model", model),
                oneOf("kind", kind, KINDS), limit(limit, DEFAULT_LIMIT));
    }
}
