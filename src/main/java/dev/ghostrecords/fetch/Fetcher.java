package dev.ghostrecords.fetch;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghostrecords.catalog.CatalogException;
import dev.ghostrecords.catalog.ProviderIds;
import dev.ghostrecords.database.Statements;
import dev.ghostrecords.feeds.IngestionResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches providers' lists of models through camel-http, page by page, with the retries each
 * failure deserves, and turns only a complete, well-formed answer into a feed file in the watched
 * folder, which is then ingested as any dropped file. Every fetch is a {@code "fetch"} row; a key
 * never leaves the request headers.
 */
public final class Fetcher {

    private static final Logger LOG = LoggerFactory.getLogger(Fetcher.class);

    private static final String START = Statements.load("fetch/insert-fetch.sql");
    private static final String FINISH = Statements.load("fetch/finish-fetch.sql");
    static final String FETCHED_NAME = "_models_\\d{8}T\\d{6}Z\\.json";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** Retry-After is honoured up to this long; a longer wait is the next tick's job */
    private static final long MAX_WAIT_MS = 60_000;
    /** a provider whose paging never ends is a broken provider, not a big one */
    private static final int MAX_PAGES = 1000;
    private static final List<String> STATUSES = List.of("OK", "FAILED", "SKIPPED");

    /** GHOST_FETCH_ATTEMPTS, GHOST_FETCH_BACKOFF_MS, GHOST_FETCH_TIMEOUT_MS, GHOST_FETCH_KEEP */
    public record Options(int attempts, long backoffMs, int timeoutMs, int keep) {
    }

    private final CamelContext context;
    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final List<Provider> providers;
    private final Options options;
    private final Path folder;
    private final Function<String, String> environment;
    private final Map<String, ReentrantLock> running = new ConcurrentHashMap<>();
    private final MeterRegistry fallbackMeters = new SimpleMeterRegistry();
    private volatile ProducerTemplate producer;

    public Fetcher(CamelContext context, Jdbi jdbi, ObjectMapper json, List<Provider> providers, Options options,
                   Path folder, Function<String, String> environment) {
        this.context = context;
        this.jdbi = jdbi;
        this.json = json;
        this.providers = providers;
        this.options = options;
        this.folder = folder;
        this.environment = environment;
    }

    public List<Provider> providers() {
        return providers;
    }

    /** Fetches the providers asked for, one after the other, each to its end. */
    public FetchRun fetch(FetchRequest request) {
        List<Provider> chosen = select(request == null ? null : request.providerId());
        List<Fetch> fetches = new ArrayList<>(chosen.size());
        for (Provider provider : chosen) {
            fetches.add(fetch(provider));
        }
        return new FetchRun(fetches);
    }

    List<Provider> select(String providerId) {
        String id = ProviderIds.normalize(providerId);
        if (id == null) {
            return providers;
        }
        return providers.stream().filter(p -> p.id().equals(id)).findFirst().map(List::of)
                .orElseThrow(() -> new CatalogException.Invalid("unknown provider '" + providerId + "': the providers file lists "
                        + (providers.isEmpty() ? "none" : providers.stream().map(Provider::id).collect(Collectors.joining(", ")))));
    }

    /** Registers ghost_fetch_total at 0 for every provider and status, so a dashboard sees them before the first fetch. */
    public void registerMeters() {
        for (Provider provider : providers) {
            STATUSES.forEach(status -> counter(provider.id(), status));
        }
    }

    private Fetch fetch(Provider provider) {
        ReentrantLock lock = running.computeIfAbsent(provider.id(), id -> new ReentrantLock());
        // two fetches of one provider at once (the API and the schedule) would write two files of one answer
        lock.lock();
        try {
            return fetchNow(provider);
        } finally {
            lock.unlock();
        }
    }

    private Fetch fetchNow(Provider provider) {
        long id = jdbi.withHandle(h -> h.createQuery(START).bind("providerId", provider.id()).mapTo(Long.class).one());
        String key = key(provider);
        Progress progress = new Progress();
        Fetch fetch;
        // no keyEnv at all: a server that takes no key (a local OpenAI-compatible one)
        if (key == null && provider.keyEnv() != null && provider.kind().keyRequired()) {
            fetch = finish(id, "SKIPPED", progress, null, null, provider.keyEnv() + " not set");
        } else {
            String failure = null;
            List<JsonNode> entries = List.of();
            String fileName = null;
            try {
                entries = pages(provider, key, progress);
            } catch (Failed e) {
                failure = e.getMessage();
            } catch (RuntimeException e) {
                failure = "page " + progress.pages + ": " + e;
            }
            if (failure == null) {
                try {
                    fileName = write(provider, entries);
                } catch (IOException | RuntimeException e) {
                    failure = "cannot write the feed into " + folder + ": " + e;
                }
            }
            if (failure != null) {
                fetch = finish(id, "FAILED", progress, null, null, scrub(failure, key));
            } else {
                fetch = finish(id, "OK", progress, entries.size(), fileName, null);
                prune(provider);
                ingest(fileName);
            }
        }
        counter(provider.id(), fetch.status()).increment();
        if (fetch.failed()) {
            LOG.warn("provider={} fetch={} status=FAILED attempts={} nothing written: {}", provider.id(), id,
                    fetch.attempts(), fetch.error());
        } else {
            LOG.info("provider={} fetch={} status={} pages={} models={} file={}{}", provider.id(), id, fetch.status(),
                    fetch.pages(), fetch.models(), fetch.fileName(), fetch.error() == null ? "" : " (" + fetch.error() + ")");
        }
        return fetch;
    }

    private String key(Provider provider) {
        if (!provider.kind().usesKey() || provider.keyEnv() == null) {
            return null;
        }
        String key = environment.apply(provider.keyEnv());
        return key == null || key.isBlank() ? null : key.strip();
    }

    /** Every page in order; the first page that fails fails the fetch. */
    private List<JsonNode> pages(Provider provider, String key, Progress progress) throws Failed {
        List<JsonNode> entries = new ArrayList<>();
        String query = provider.kind().firstQuery();
        while (true) {
            progress.pages++;
            if (progress.pages > MAX_PAGES) {
                throw new Failed("page " + progress.pages + ": more than " + MAX_PAGES + " pages, the paging does not end");
            }
            Page page = page(provider, key, query, progress);
            page.entries().forEach(entries::add);
            String next = provider.kind().nextQuery(page.body());
            if (next == null) {
                return entries;
            }
            if (next.equals(query)) {
                throw new Failed("page " + progress.pages + ": the provider sent the same page token again, the paging does not end");
            }
            query = next;
        }
    }

    /** One page, tried up to GHOST_FETCH_ATTEMPTS times when the failure is worth a retry. */
    private Page page(Provider provider, String key, String query, Progress progress) throws Failed {
        String where = "page " + progress.pages + " (GET " + provider.modelsUrl() + (query == null ? "" : "?" + query) + ")";
        String reason = null;
        for (int attempt = 1; attempt <= options.attempts(); attempt++) {
            progress.attempts++;
            Exchange answer = producer().send(endpoint(provider), exchange -> {
                exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
                if (query != null) {
                    exchange.getMessage().setHeader(Exchange.HTTP_QUERY, query);
                }
                provider.kind().headers(key).forEach(exchange.getMessage()::setHeader);
            });
            long wait;
            Exception failure = answer.getException();
            if (failure != null) {
                progress.httpStatus = null;
                reason = connectionProblem(failure);
                if (reason == null) {
                    throw new Failed(where + ": " + failure);
                }
                wait = backoff(attempt);
            } else {
                int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
                progress.httpStatus = status;
                if (status >= 200 && status < 300) {
                    return envelope(provider, where, status, answer);
                }
                if (status == 401 || status == 403) {
                    throw new Failed(where + ": HTTP " + status + ": the provider refused the key in "
                            + provider.keyEnv() + (key == null ? " (not set)" : "") + "; not retried, check that variable");
                }
                reason = "HTTP " + status + excerpt(answer);
                if (status == 429) {
                    Long retryAfter = retryAfterMs(answer.getMessage().getHeader("Retry-After", String.class));
                    wait = retryAfter != null ? retryAfter : backoff(attempt);
                } else if (status >= 500 || status == 408) {
                    wait = backoff(attempt);
                } else {
                    throw new Failed(where + ": " + reason + " (not retried)");
                }
            }
            if (attempt < options.attempts()) {
                LOG.info("provider={} {} attempt {}/{}: {}; retrying in {} ms", provider.id(), where, attempt,
                        options.attempts(), scrub(reason, key), wait);
                sleep(wait, where);
            }
        }
        throw new Failed(where + ": " + reason + " (" + options.attempts() + " attempts)");
    }

    /** A 2xx page: JSON in the kind's envelope, or the fetch fails (not retried: the answer was complete). */
    private Page envelope(Provider provider, String where, int status, Exchange answer) throws Failed {
        byte[] body = answer.getMessage().getBody(byte[].class);
        JsonNode page;
        try {
            page = json.readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            String type = answer.getMessage().getHeader(Exchange.CONTENT_TYPE, "", String.class);
            String what = type.toLowerCase(Locale.ROOT).contains("html") ? "an HTML page (" + type + "), not JSON"
                    : "not JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException parse
                    ? parse.getOriginalMessage() : e.getMessage());
            throw new Failed(where + ": HTTP " + status + " but " + what);
        }
        if (page == null || page.isMissingNode()) {
            throw new Failed(where + ": HTTP " + status + " but an empty body, not JSON");
        }
        try {
            return new Page(page, provider.kind().entries(page));
        } catch (Kind.NotTheEnvelope e) {
            throw new Failed(where + ": HTTP " + status + " but " + e.getMessage());
        }
    }

    /** A page as answered, and its entries. */
    private record Page(JsonNode body, JsonNode entries) {
    }

    /** Why the request got no answer, when that is worth a retry (timeouts, refused or broken connections); else null. */
    private String connectionProblem(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
                return "no answer within " + options.timeoutMs() + " ms (GHOST_FETCH_TIMEOUT_MS)";
            }
            if (cause instanceof ConnectException) {
                return "cannot connect: " + cause.getMessage();
            }
            if (cause instanceof IOException) {
                return "the connection failed: " + cause;
            }
        }
        return null;
    }

    private String endpoint(Provider provider) {
        String timeout = Integer.toString(options.timeoutMs());
        // the timeouts on the endpoint: a provider that stops answering costs one timeout per attempt
        return provider.modelsUrl() + "?throwExceptionOnFailure=false&followRedirects=true&httpClientConfigurer=#fetchHttpClient"
                + "&connectTimeout=" + timeout + "&connectionRequestTimeout=" + timeout
                + "&responseTimeout=" + timeout + "&soTimeout=" + timeout;
    }

    /** Exponential from GHOST_FETCH_BACKOFF_MS, plus up to a quarter more so replicas and providers drift apart. */
    private long backoff(int attempt) {
        long wait = options.backoffMs() << Math.min(attempt - 1, 20);
        wait += (long) (ThreadLocalRandom.current().nextDouble() * wait / 4);
        return Math.min(wait, MAX_WAIT_MS);
    }

    /** Retry-After in seconds or as an HTTP date; capped at 60 s. Null when absent or unreadable. */
    static Long retryAfterMs(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Math.min(Math.max(0, (long) (Double.parseDouble(value.strip()) * 1000)), MAX_WAIT_MS);
        } catch (NumberFormatException e) {
            try {
                long ms = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli()
                        - System.currentTimeMillis();
                return Math.min(Math.max(0, ms), MAX_WAIT_MS);
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static void sleep(long ms, String where) throws Failed {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed(where + ": interrupted (the service is stopping)");
        }
    }

    /** The start of an error answer's body, on one line: the provider's reason, for the row. */
    private static String excerpt(Exchange answer) {
        String body;
        try {
            body = answer.getMessage().getBody(String.class);
        } catch (RuntimeException e) {
            return "";
        }
        if (body == null || body.isBlank()) {
            return "";
        }
        body = body.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return ": " + (body.length() > 200 ? body.substring(0, 200) + "..." : body);
    }

    /** The key, however it was spelt, replaced wherever a message might have picked it up. */
    static String scrub(String text, String key) {
        if (text == null || key == null || key.isEmpty()) {
            return text;
        }
        return text.replace(key, "<key>").replace(URLEncoder.encode(key, StandardCharsets.UTF_8), "<key>");
    }

    /** All pages' entries as one file in the kind's envelope: written aside (hidden), then renamed in. */
    private String write(Provider provider, List<JsonNode> entries) throws IOException {
        String name = provider.id() + "_models_" + STAMP.format(Instant.now()) + ".json";
        Path aside = folder.resolve("." + name + ".part");
        try {
            try (OutputStream out = Files.newOutputStream(aside);
                 JsonGenerator generator = json.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
                generator.writeStartObject();
                generator.writeArrayFieldStart(provider.kind().envelope());
                for (JsonNode entry : entries) {
                    json.writeTree(generator, entry);
                }
                generator.writeEndArray();
                generator.writeEndObject();
            }
            Files.move(aside, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return name;
        } finally {
            Files.deleteIfExists(aside);
        }
    }

    /** Keeps the newest GHOST_FETCH_KEEP files this service fetched for the provider; dropped files are not touched. */
    private void prune(Provider provider) {
        Pattern fetched = Pattern.compile(Pattern.quote(provider.id()) + FETCHED_NAME);
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> mine = files.filter(f -> fetched.matcher(f.getFileName().toString()).matches())
                    .sorted(java.util.Comparator.comparing((Path f) -> f.getFileName().toString()).reversed()).toList();
            for (Path old : mine.subList(Math.min(options.keep(), mine.size()), mine.size())) {
                Files.deleteIfExists(old);
                LOG.info("provider={} pruned {} (GHOST_FETCH_KEEP={})", provider.id(), old.getFileName(), options.keep());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("provider={} cannot prune old fetched files in {}: {}", provider.id(), folder, e.toString());
        }
    }

    /** As the watcher would: through feeds-ingest, so the ledger, the logs and the feed metrics are the same. */
    private void ingest(String fileName) {
        Path file = folder.resolve(fileName);
        Exchange done = producer().send("direct:feeds-ingest", exchange -> {
            exchange.getMessage().setHeader(Exchange.FILE_NAME, fileName);
            exchange.getMessage().setHeader(Exchange.FILE_PATH, file.toString());
            exchange.getMessage().setHeader(Exchange.FILE_LENGTH, Files.size(file));
            exchange.getMessage().setHeader(Exchange.FILE_LAST_MODIFIED, Files.getLastModifiedTime(file).toMillis());
        });
        if (done.getException() != null) {
            // the file is in the folder: the watcher takes it once the database answers again
            LOG.warn("file={} written, not ingested yet: {}", fileName, done.getException().getMessage());
        } else if (done.getMessage().getBody() instanceof IngestionResult result) {
            LOG.debug("{}", result.summary());
        }
    }

    private Fetch finish(long id, String status, Progress progress, Integer models, String fileName, String error) {
        return jdbi.withHandle(h -> h.createQuery(FINISH).bind("id", id).bind("status", status)
                .bind("httpStatus", progress.httpStatus).bind("attempts", progress.attempts).bind("pages", progress.pages)
                .bind("models", models).bind("fileName", fileName).bind("error", error)
                .map((rs, ctx) -> new Fetch(rs.getLong("id"), rs.getString("provider_id"), time(rs.getObject("started_at", OffsetDateTime.class)),
                        time(rs.getObject("finished_at", OffsetDateTime.class)), rs.getString("status"),
                        (Integer) rs.getObject("http_status"), rs.getInt("attempts"), rs.getInt("pages"),
                        (Integer) rs.getObject("models"), rs.getString("file_name"), rs.getString("error")))
                .one());
    }

    private static OffsetDateTime time(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** The counter in the service's metrics registry (Micrometer gives back the one registered before). */
    private Counter counter(String providerId, String status) {
        MeterRegistry registry = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        if (registry == null) {
            // no metrics (a one-shot command): counted nowhere
            registry = fallbackMeters;
        }
        return Counter.builder("ghost.fetch").description("Provider fetches, by provider and outcome (OK, FAILED, SKIPPED)")
                .tag("provider", providerId).tag("status", status).register(registry);
    }

    private ProducerTemplate producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = context.createProducerTemplate();
                }
            }
        }
        return producer;
    }

    /** What the fetch row records of the requests. */
    private static final class Progress {
        int attempts;
        int pages;
        Integer httpStatus;
    }

    /** A page that failed for good: the fetch writes nothing. */
    private static final class Failed extends Exception {
        Failed(String message) {
            super(message);
        }
    }
}
