package dev.ghostrecords.inference;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghostrecords.api.ApiException;
import dev.ghostrecords.api.ModelInput;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.AsyncCallback;
import org.apache.camel.support.AsyncProcessorSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ghostrecords.catalog.Sql;

import static dev.ghostrecords.catalog.Sql.params;

/**
 * Records inference events with group commit: requests that arrive while a transaction commits
 * wait together and go into the next one, repeats of one model merged. A caller is answered only
 * after its events are committed, so a 200 is a promise that nothing is lost; no thread waits for
 * the commit (see AsyncCompletionPlatformHttpEngine).
 */
public final class EventBatcher extends AsyncProcessorSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EventBatcher.class);

    public static final int MAX_EVENTS_PER_REQUEST = 1000;
    /** requests taken into one transaction at most: bounds its size under a flood */
    private static final int MAX_REQUESTS_PER_BATCH = 512;

    private static final Sql TOUCH_ACTIVE_MODELS = Sql.load("inference/touch-active-models.sql");
    private static final Sql RECORD_EVENTS = Sql.load("inference/record-inference-events.sql");

    private record Pending(List<ModelInput> events, CompletableFuture<Integer> committed) {
    }

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final long timeoutMillis;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private Thread writer;
    private volatile Counter recordedCounter;

    public EventBatcher(DataSource dataSource, ObjectMapper json, long timeoutMillis) {
        this.dataSource = dataSource;
        this.json = json;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * POST /api/inference-events: one event or an array; answers once they are committed. The
     * exchange waits for the commit asynchronously: no thread is held while it does.
     */
    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        List<ModelInput> events;
        try {
            events = parse(exchange.getMessage().getBody(byte[].class));
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        if (events.isEmpty()) {
            answer(exchange, 0);
            callback.done(true);
            return true;
        }
        CompletableFuture<Integer> committed = new CompletableFuture<>();
        queue.add(new Pending(events, committed));
        committed.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((recorded, failure) -> {
            if (failure == null) {
                answer(exchange, recorded);
            } else if (failure instanceof TimeoutException) {
                // not known to be committed: the client must retry, which is safe (recording is idempotent)
                exchange.setException(new SQLException("no commit within " + timeoutMillis + " ms", "08000", failure));
            } else {
                exchange.setException(failure);
            }
            callback.done(false);
        });
        return false;
    }

    private void answer(Exchange exchange, int recorded) {
        recorded(exchange).increment(recorded);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody("{\"recorded\":" + recorded + "}");
    }

    /** ghost_inference_events_recorded_total, looked up once: a meter search per request is costly */
    private Counter recorded(Exchange exchange) {
        Counter counter = recordedCounter;
        if (counter == null) {
            MeterRegistry registry = exchange.getContext().getRegistry().findSingleByType(MeterRegistry.class);
            counter = Counter.builder("ghost.inference.events.recorded")
                    .description("inference events committed").register(registry);
            recordedCounter = counter;
        }
        return counter;
    }

    List<ModelInput> parse(byte[] body) {
        JsonNode root;
        try {
            // from the bytes: decoding to a String first cost as much as the parse
            root = json.readTree(body == null ? new byte[0] : body);
        } catch (Exception e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getMessage().split("\n")[0]);
        }
        if (root == null || root.isMissingNode()) {
            throw ApiException.badRequest("the body is empty: send one event or an array of events");
        }
        if (root.isObject()) {
            return List.of(ModelInput.parse(root, "event", true));
        }
        if (!root.isArray()) {
            throw ApiException.badRequest("expected an event object or an array of events");
        }
        if (root.size() > MAX_EVENTS_PER_REQUEST) {
            throw ApiException.badRequest("at most " + MAX_EVENTS_PER_REQUEST + " events per request, got " + root.size());
        }
        List<ModelInput> events = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            events.add(ModelInput.parse(root.get(i), "event [" + i + "]", true));
        }
        return events;
    }

    @Override
    protected void doStart() {
        writer = new Thread(this::writeLoop, "inference-event-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    protected void doStop() throws InterruptedException {
        writer.interrupt();
        writer.join(10_000);
        // whoever still waits gets an error rather than a hang
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.committed().completeExceptionally(new SQLException("service stopping", "57P01")));
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_REQUESTS_PER_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                batch.forEach(p -> p.committed().completeExceptionally(new SQLException("service stopping", "57P01")));
                Thread.currentThread().interrupt();
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        // one row per model, in key order: consistent lock order, no "row affected twice"
        Map<String, ModelInput> merged = new TreeMap<>();
        for (Pending pending : batch) {
            for (ModelInput event : pending.events()) {
                merged.merge(event.providerId() + '\0' + event.modelId(), event, EventBatcher::later);
            }
        }
        try {
            commit(merged.values());
            batch.forEach(p -> p.committed().complete(p.events().size()));
        } catch (SQLException | RuntimeException e) {
            LOG.warn("inference events not recorded ({} requests): {}", batch.size(), e.getMessage());
            batch.forEach(p -> p.committed().completeExceptionally(e));
        }
    }

    /** The later event wins where it says something; the earlier fills its gaps. */
    private static ModelInput later(ModelInput earlier, ModelInput later) {
        return new ModelInput(later.providerId(), later.modelId(),
                later.modelName() != null ? later.modelName() : earlier.modelName(),
                later.contextWindow() != null ? later.contextWindow() : earlier.contextWindow(),
                later.metadata() != null ? later.metadata() : earlier.metadata());
    }

    private void commit(Collection<ModelInput> events) throws SQLException {
        int n = events.size();
        String[] providerIds = new String[n];
        String[] modelIds = new String[n];
        String[] names = new String[n];
        Long[] contextWindows = new Long[n];
        String[] metadata = new String[n];
        int i = 0;
        for (ModelInput e : events) {
            providerIds[i] = e.providerId();
            modelIds[i] = e.modelId();
            names[i] = e.modelName();
            contextWindows[i] = e.contextWindow();
            metadata[i] = e.metadata();
            i++;
        }
        // each statement is its own transaction: no BEGIN and COMMIT round trips on the hot path
        try (Connection c = dataSource.getConnection()) {
            Map<String, Object> params = params(
                    "providerIds", c.createArrayOf("text", providerIds), "modelIds", c.createArrayOf("text", modelIds),
                    "names", c.createArrayOf("text", names), "contextWindows", c.createArrayOf("bigint", contextWindows),
                    "metadata", c.createArrayOf("text", metadata));
            // nearly every hit is on a known active model: a plain UPDATE costs PostgreSQL ~13 % less
            // than the full statement; only a batch with unknown or inactive models needs the latter,
            // which records every event again (idempotent: timestamps only move forward)
            if (TOUCH_ACTIVE_MODELS.update(c, params) < n) {
                RECORD_EVENTS.update(c, params);
            }
        }
    }
}
