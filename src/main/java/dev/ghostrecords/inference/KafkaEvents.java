package dev.ghostrecords.inference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.ghostrecords.database.SqlFailures;
import dev.ghostrecords.catalog.CatalogException;
import dev.ghostrecords.catalog.ModelInput;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inference events from Kafka, a poll's worth of records at a time (the route
 * {@code inference-kafka-consume}, a batching consumer). Each record's value is read as the HTTP API
 * reads a body ({@link InferenceEvents#parse}) and is valid only as a whole; the valid records'
 * events go into the group commit together ({@link EventBatcher#record}), the invalid ones are handed
 * back for the dead-letter topic with the HTTP API's error text. Offsets are committed only after that.
 * <p>
 * While PostgreSQL is unreachable the poll's events are offered to the group commit again and again
 * (backing off up to 5 s) on the consumer's own thread: the consumer polls nothing more, commits no
 * offset and sends nothing to the dead-letter topic, so consumption pauses and resumes where it
 * stopped, with nothing lost. Kafka keeps the consumer in its group meanwhile (heartbeats run on the
 * client's own thread) for up to {@code max.poll.interval.ms}.
 */
public final class KafkaEvents {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEvents.class);
    /** the exchange property that keeps the poll's records for the offset commit */
    public static final String RECORDS = "ghostKafkaRecords";
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    /** events per group commit: the size of one psql batch upsert that this machine handles best */
    private static final int MAX_EVENTS_PER_COMMIT = 10_000;

    /** A record refused as a whole: its value and key go to the dead-letter topic with the reason. */
    public record Rejected(byte[] value, Object key, String error) {
    }

    private final InferenceEvents parser;
    private final EventBatcher batcher;
    private final long commitTimeoutMillis;
    private volatile Instant pausedSince;
    private volatile Meters meters;

    private record Meters(Counter recorded, Counter dlq, Counter events) {
    }

    public KafkaEvents(InferenceEvents parser, EventBatcher batcher, long commitTimeoutMillis) {
        this.parser = parser;
        this.batcher = batcher;
        this.commitTimeoutMillis = commitTimeoutMillis;
    }

    /** Since when consumption waits for PostgreSQL; null while it flows. */
    public Instant pausedSince() {
        return pausedSince;
    }

    /**
     * Records the valid records of one poll (the body: one exchange per record) and answers the
     * invalid ones. Returns only once the events are committed.
     */
    @SuppressWarnings("unchecked")
    public List<Rejected> record(Exchange batch) {
        List<Exchange> records = batch.getMessage().getBody(List.class);
        batch.setProperty(RECORDS, records);
        List<List<ModelInput>> valid = new ArrayList<>(records.size());
        List<ModelInput> events = new ArrayList<>(records.size());
        List<Rejected> rejected = new ArrayList<>();
        for (Exchange record : records) {
            Message message = record.getMessage();
            byte[] value = message.getBody(byte[].class);
            try {
                List<ModelInput> parsed = parser.parse(value);
                valid.add(parsed);
                events.addAll(parsed);
            } catch (CatalogException.Invalid e) {
                rejected.add(new Rejected(value, message.getHeader(KafkaConstants.KEY), e.getMessage()));
            }
        }
        CamelContext camel = batch.getContext();
        try {
            // a poll of arrays can hold far more events than records: at most a psql-sized batch per commit
            for (int from = 0; from < events.size(); from += MAX_EVENTS_PER_COMMIT) {
                commitWaiting(camel, events.subList(from, Math.min(events.size(), from + MAX_EVENTS_PER_COMMIT)));
            }
        } catch (RuntimeException e) {
            if (transientFailure(e)) {
                throw e;
            }
            // the database refused something in the batch for good (not the network, not a lock):
            // one record at a time, so only the record it refuses goes to the dead-letter topic
            LOG.warn("inference events from Kafka refused by PostgreSQL ({}); recording the {} records one by one",
                    SqlFailures.sqlMessage(e), valid.size());
            valid = recordOneByOne(camel, records, rejected);
        }
        Meters m = meters(camel);
        m.recorded().increment(valid.size());
        m.events().increment(valid.stream().mapToInt(List::size).sum());
        m.dlq().increment(rejected.size());
        return rejected;
    }

    private List<List<ModelInput>> recordOneByOne(CamelContext camel, List<Exchange> records, List<Rejected> rejected) {
        List<List<ModelInput>> recorded = new ArrayList<>();
        for (Exchange record : records) {
            Message message = record.getMessage();
            byte[] value = message.getBody(byte[].class);
            List<ModelInput> events;
            try {
                events = parser.parse(value);
            } catch (CatalogException.Invalid e) {
                continue; // rejected already
            }
            try {
                commitWaiting(camel, events);
                recorded.add(events);
            } catch (RuntimeException e) {
                if (transientFailure(e)) {
                    throw e;
                }
                rejected.add(new Rejected(value, message.getHeader(KafkaConstants.KEY),
                        "not recorded: " + SqlFailures.sqlMessage(e)));
            }
        }
        return recorded;
    }

    /** The message for the dead-letter topic: the record's own value and key, and why. */
    public void toDeadLetter(Exchange exchange) {
        Rejected rejected = exchange.getMessage().getBody(Rejected.class);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader("ghost-error", rejected.error());
        if (rejected.key() != null) {
            message.setHeader(KafkaConstants.KEY, rejected.key());
        }
        message.setBody(rejected.value() == null ? new byte[0] : rejected.value());
        LOG.warn("inference event record refused, sent to the dead-letter topic: {}", rejected.error());
    }

    /**
     * Commits the poll's offsets, after its events (and its rejected records' dead letters): for each
     * partition, the offset after its last record.
     */
    public void commitOffsets(@ExchangeProperty(RECORDS) List<Exchange> records) {
        Map<Object, KafkaManualCommit> last = new LinkedHashMap<>();
        for (Exchange record : records) {
            Message message = record.getMessage();
            last.put(message.getHeader(KafkaConstants.TOPIC) + "/" + message.getHeader(KafkaConstants.PARTITION),
                    message.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class));
        }
        last.values().forEach(KafkaManualCommit::commit);
    }

    private void commitWaiting(CamelContext camel, List<ModelInput> events) {
        long backoff = 250;
        while (true) {
            RuntimeException failure;
            try {
                batcher.record(events).get(commitTimeoutMillis, TimeUnit.MILLISECONDS);
                if (pausedSince != null) {
                    LOG.info("PostgreSQL answers again: Kafka consumption resumed (paused since {})", pausedSince);
                    pausedSince = null;
                }
                return;
            } catch (TimeoutException e) {
                failure = new CatalogException.CommitTimedOut("not committed within " + commitTimeoutMillis + " ms", e);
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CatalogException.Unavailable("the service is stopping; the records are consumed again after the restart", e);
            }
            if (!transientFailure(failure)) {
                throw failure;
            }
            if (camel.isStopping() || camel.isStopped()) {
                // no offset committed: the next start (or another replica) consumes these records again
                throw new CatalogException.Unavailable("the service is stopping; the records are consumed again after the restart", failure);
            }
            if (pausedSince == null) {
                pausedSince = Instant.now();
                LOG.warn("PostgreSQL unreachable ({}): Kafka consumption paused, {} events held, no offset committed; retrying",
                        SqlFailures.sqlMessage(failure), events.size());
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CatalogException.Unavailable("the service is stopping; the records are consumed again after the restart", e);
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    private static boolean transientFailure(Throwable failure) {
        return failure instanceof CatalogException.Unavailable || SqlFailures.isTransient(failure);
    }

    /** ghost_kafka_records_total{result}, and the events in ghost_inference_events_recorded_total as over HTTP */
    private Meters meters(CamelContext camel) {
        Meters m = meters;
        if (m == null) {
            MeterRegistry registry = camel.getRegistry().findSingleByType(MeterRegistry.class);
            m = new Meters(
                    Counter.builder("ghost.kafka.records").tag("result", "recorded")
                            .description("Kafka records of inference events, by outcome").register(registry),
                    Counter.builder("ghost.kafka.records").tag("result", "dlq")
                            .description("Kafka records of inference events, by outcome").register(registry),
                    Counter.builder("ghost.inference.events.recorded").description("inference events committed").register(registry));
            meters = m;
        }
        return m;
    }
}
