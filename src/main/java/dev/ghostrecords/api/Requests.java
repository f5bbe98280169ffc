package dev.ghostrecords.api;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.ghostrecords.catalog.CatalogException;
import dev.ghostrecords.catalog.JsonProblems;
import dev.ghostrecords.catalog.EventQuery;
import dev.ghostrecords.catalog.ModelAt;
import dev.ghostrecords.catalog.ModelInput;
import dev.ghostrecords.catalog.ModelKey;
import dev.ghostrecords.catalog.ModelQuery;
import dev.ghostrecords.catalog.ProviderIds;
import dev.ghostrecords.feeds.IngestionQuery;
import dev.ghostrecords.fetch.FetchQuery;
import dev.ghostrecords.fetch.FetchRequest;
import dev.ghostrecords.maintenance.PurgeRequest;
import dev.ghostrecords.maintenance.RunQuery;
import dev.ghostrecords.maintenance.StaleRequest;
import dev.ghostrecords.notifications.NotificationQuery;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

import static dev.ghostrecords.catalog.QueryParams.bool;
import static dev.ghostrecords.catalog.QueryParams.flag;
import static dev.ghostrecords.catalog.QueryParams.number;
import static dev.ghostrecords.catalog.QueryParams.oneOf;
import static dev.ghostrecords.catalog.QueryParams.plain;
import static dev.ghostrecords.catalog.QueryParams.positive;
import static dev.ghostrecords.catalog.QueryParams.text;

/**
 * The HTTP edge: every request's parameters and body are read here, once, into the typed values
 * the catalog takes. Whatever does not parse is refused here with a reason that names it (400).
 */
public final class Requests {

    public static final int MAX_EVENTS_PER_REQUEST = 1000;
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final List<String> SOURCES = List.of("INDEX", "INFERENCE", "MANUAL");
    private static final List<String> KINDS = List.of("DISCOVERED", "REACTIVATED", "DEACTIVATED", "PURGED", "CHANGED");
    private static final List<String> JOBS = List.of("MARK-STALE", "PURGE");
    private static final String OPENAI_MODELS = "/v1/models/";

    private final ObjectReader bodyReader;
    /** ghost=true looks this far back for inference hits: the stale window */
    private final double ghostWindowHours;

    /** retiring=true looks this far ahead for retirement dates (GHOST_RETIRING_DAYS) */
    private final double retiringDays;

    public Requests(ObjectMapper json, double ghostWindowHours) {
        this(json, ghostWindowHours, 30);
    }

    public Requests(ObjectMapper json, double ghostWindowHours, double retiringDays) {
        this.bodyReader = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
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
                number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT), number("offset", offset, 0, 0, Integer.MAX_VALUE));
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
        return ModelInput.parse(parse(body), "model", true, true);
    }

    /** POST /api/models/reactivate */
    public ModelKey reactivation(byte[] body) {
        ModelInput input = ModelInput.parse(parse(body), "request", false);
        return new ModelKey(input.providerId(), input.modelId());
    }

    /** POST /api/inference-events: one event or an array of at most 1000. */
    public List<ModelInput> inferenceEvents(byte[] body) {
        JsonNode root = parse(body);
        if (root.isObject()) {
            return List.of(ModelInput.parse(root, "event", true));
        }
        if (!root.isArray()) {
            throw new CatalogException.Invalid("expected an event object or an array of events");
        }
        if (root.size() > MAX_EVENTS_PER_REQUEST) {
            throw new CatalogException.Invalid("at most " + MAX_EVENTS_PER_REQUEST + " events per request, got " + root.size());
        }
        List<ModelInput> events = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            events.add(ModelInput.parse(root.get(i), "event [" + i + "]", true));
        }
        return events;
    }

    /** GET /api/events */
    public EventQuery events(@Header("provider") String provider, @Header("model") String model,
                             @Header("kind") String kind, @Header("limit") String limit) {
        return new EventQuery(ProviderIds.normalize(plain("provider", provider)),
                model == null || model.isEmpty() ? null : plain("model", model),
                oneOf("kind", kind, KINDS), number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
    }

    /** GET /api/ingestions */
    public IngestionQuery ingestions(@Header("provider") String provider, @Header("limit") String limit) {
        return new IngestionQuery(ProviderIds.normalize(plain("provider", provider)), number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
    }

    /** GET /api/notifications */
    public NotificationQuery notifications(@Header("status") String status, @Header("limit") String limit) {
        return new NotificationQuery(oneOf("status", status, List.of("PENDING", "DELIVERED", "DEAD")),
                number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
    }

    /** POST /api/fetch?provider=P (none: every configured provider) */
    public FetchRequest fetch(@Header("provider") String provider) {
        return new FetchRequest(ProviderIds.normalize(plain("provider", provider)));
    }

    /** GET /api/fetches?provider=P&limit=N */
    public FetchQuery fetches(@Header("provider") String provider, @Header("limit") String limit) {
        return new FetchQuery(ProviderIds.normalize(plain("provider", provider)), number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
    }

    /** GET /api/maintenance/runs */
    public RunQuery maintenanceRuns(@Header("job") String job, @Header("limit") String limit) {
        String name = oneOf("job", job, JOBS);
        return new RunQuery(name == null ? null : name.toLowerCase(Locale.ROOT), number("limit", limit, 20, 1, MAX_LIMIT));
    }

    /** POST /api/maintenance/mark-stale */
    public StaleRequest markStale(@Header("hours") String hours, @Header("provider") String provider,
                                  @Header("force") String force, @Header("dryRun") String dryRun) {
        return new StaleRequest(positive("hours", hours), text(plain("provider", provider)), flag("force", force),
                flag("dryRun", dryRun));
    }

    /** POST /api/maintenance/purge */
    public PurgeRequest purge(@Header("days") String days, @Header("dryRun") String dryRun) {
        return new PurgeRequest(positive("days", days), flag("dryRun", dryRun));
    }

    private JsonNode parse(byte[] body) {
        JsonNode root;
        try {
            // from the bytes: decoding to a String first cost as much as the parse; content after the
            // value ({"a":1} x) is refused, not ignored
            root = bodyReader.readTree(body == null ? new byte[0] : body);
        } catch (JsonProcessingException e) {
            throw new CatalogException.Invalid(JsonProblems.describe(e));
        } catch (IOException e) {
            throw new CatalogException.Invalid("the body could not be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new CatalogException.Invalid("the body is empty: send a JSON object");
        }
        return root;
    }
}
