package dev.ghostrecords.inference;

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

import dev.ghostrecords.catalog.CatalogException;
import dev.ghostrecords.catalog.ModelInput;
import dev.ghostrecords.database.Statements;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.media.Schema;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records inference events with group commit: requests that arrive while a transaction commits
 * wait together and go into the next one, repeats of one model merged. The exchange (its body the
 * events, parsed at the edge) completes only after its events are committed, with the body
 * {@link Recorded}: a 200 is a promise that nothing is lost.
 */
public final class EventBatcher extends AsyncProcessorSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EventBatcher.class);

    /** requests taken into one transaction at most: bounds its size under a flood */
    private static final int MAX_REQUESTS_PER_BATCH = 512;

    private static final String TOUCH_ACTIVE_MODELS = Statements.load("inference/touch-active-models.sql");
    private static final String RECORD_EVENTS = Statements.load("inference/record-inference-events.sql");

    /** The answer: how many events of the request were committed. */
    @Schema(name = "Recorded", requiredProperties = "recorded")
    public record Recorded(@Schema(description = "events committed") int recorded) {
    }

    private record Pending(List<ModelInput> events, CompletableFuture<Integer> committed) {
    }

    private final Jdbi jdbi;
    private final long timeoutMillis;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private Thread writer;
    private volatile Counter recordedCounter;

    public EventBatcher(Jdbi jdbi, long timeoutMillis) {
        this.jdbi = jdbi;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean process(Exchange exchange, AsyncCallback callback) {
        List<ModelInput> events = exchange.getMessage().getBody(List.class);
        if (events.isEmpty()) {
            answer(exchange, 0);
            callback.done(true);
            return true;
        }
        record(events).orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((recorded, failure) -> {
            if (failure == null) {
                answer(exchange, recorded);
            } else if (failure instanceof TimeoutException) {
                exchange.setException(new CatalogException.CommitTimedOut(
                        "the events were not committed within " + timeoutMillis + " ms; try again (recording is idempotent)", failure));
            } else {
                exchange.setException(failure);
            }
            callback.done(false);
        });
        return false;
    }

    /**
     * Hands events to the next group commit, as one request (a Kafka poll's worth of records, say):
     * the future completes once they are committed, or with the failure. No timeout: the caller
     * decides how long to wait.
     */
    public CompletableFuture<Integer> record(List<ModelInput> events) {
        CompletableFuture<Integer> committed = new CompletableFuture<>();
        if (events.isEmpty()) {
            committed.complete(0);
        } else {
            queue.add(new Pending(events, committed));
        }
        return committed;
    }

    private void answer(Exchange exchange, int recorded) {
        recorded(exchange).increment(recorded);
        exchange.getMessage().setBody(new Recorded(recorded));
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
        left.forEach(p -> p.committed().completeExceptionally(stopping()));
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_REQUESTS_PER_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                batch.forEach(p -> p.committed().completeExceptionally(stopping()));
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
        } catch (RuntimeException e) {
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

    private static CatalogException.Unavailable stopping() {
        return new CatalogException.Unavailable("the service is stopping; try again", null);
    }

    private void commit(Collection<ModelInput> events) {
        int n = events.size();
        String[] providerIds = new String[n];
        String[] modelIds = new String[n];
        String[] names = new String[n];
        Long[] contextWindows = new Long[n];
        String[] metadata = new String[n];
        boolean described = false;
        int i = 0;
        for (ModelInput e : events) {
            providerIds[i] = e.providerId();
            modelIds[i] = e.modelId();
            names[i] = e.modelName();
            contextWindows[i] = e.contextWindow();
            metadata[i] = e.metadata();
            described |= e.modelName() != null || e.contextWindow() != null;
            i++;
        }
        // each statement is its own transaction: no BEGIN and COMMIT round trips on the hot path
        boolean touchedAll = !described && jdbi.withHandle(h -> h.createQuery(TOUCH_ACTIVE_MODELS)
                .bind("providerIds", providerIds).bind("modelIds", modelIds)
                .map((rs, ctx) -> rs.getInt("touched")).one()) == n;
        // nearly every hit is on a known active model, named by id alone: the touch moves only its
        // sighting, at a fraction of the full statement's cost. A batch with unknown or inactive
        // models, or one that names a model or its context window (a gap to fill), needs the full
        // statement, which records every event again (idempotent: timestamps only move forward).
        if (!touchedAll) {
            jdbi.useHandle(h -> h.createUpdate(RECORD_EVENTS).bind("providerIds", providerIds).bind("modelIds", modelIds)
                    .bind("names", names).bind("contextWindows", contextWindows).bind("metadata", metadata).execute());
        }
    }
}
